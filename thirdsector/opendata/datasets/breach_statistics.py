"""Compact breach statistics: cases counted per public body and year reported, with their outcomes.

Counts only: no case, reporter or text leaves the Compact's pages, as on the public statistics page.
"""

from collections.abc import Iterator

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear

from thirdsector.compact.models import BreachCase
from thirdsector.compact.models.breaches import BreachFinding, BreachStatus

from . import Column, Dataset
from ._common import latest_change

COLUMNS = (
    Column("body", "string", "The public body the breaches were reported against"),
    Column("year", "year", "The year they were reported"),
    Column("reported", "integer", "Breaches reported"),
    Column("open", "integer", "Of which still open"),
    Column("closed", "integer", "Of which closed"),
    Column("upheld", "integer", "Found upheld"),
    Column("partly_upheld", "integer", "Found partly upheld"),
    Column("not_upheld", "integer", "Found not upheld"),
)


def rows() -> Iterator[tuple]:
    counts = (
        BreachCase.objects.annotate(year=ExtractYear("reported_on"))
        .values("body_id", "year", body_name=F("body__organisation__name"))
        .annotate(
            reported=Count("id"),
            closed=Count("id", filter=Q(status=BreachStatus.CLOSED)),
            upheld=Count("id", filter=Q(outcome=BreachFinding.UPHELD)),
            partly_upheld=Count("id", filter=Q(outcome=BreachFinding.PARTLY_UPHELD)),
            not_upheld=Count("id", filter=Q(outcome=BreachFinding.NOT_UPHELD)),
        )
        .order_by("body_name", "year")
    )
    for row in counts:
        yield (
            row["body_name"],
            row["year"],
            row["reported"],
            row["reported"] - row["closed"],
            row["closed"],
            row["upheld"],
            row["partly_upheld"],
            row["not_upheld"],
        )


def updated_at():
    return latest_change(BreachCase.history.all())


DATASET = Dataset(
    slug="compact-breach-statistics",
    title="Compact breach statistics",
    description="Breaches of the Compact reported against each public body, by year, with how many are closed "
    "and how many were upheld, partly upheld or not upheld.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="compact:statistics",
    api_links=(("JSON (API)", "compact_api:breach-statistics"),),
)
