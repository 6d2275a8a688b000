"""Small helpers the dataset modules share: the latest change in a history table, a page's URL format."""

import datetime
from functools import cache

from django.db.models import Max, QuerySet
from django.urls import reverse


def latest_change(*histories: QuerySet) -> datetime.datetime | None:
    """The newest `history_date` across simple-history tables (one query each); None when all are empty."""
    moments = [history.aggregate(latest=Max("history_date"))["latest"] for history in histories]
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


@cache
def page_path(url_name: str) -> str:
    """A record page's path as a format string with an `{id}` slot, reversed once rather than per row."""
    return reverse(url_name, args=[0]).replace("/0/", "/{id}/")
