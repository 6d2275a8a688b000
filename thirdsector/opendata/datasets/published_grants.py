"""Published grants: every award published by today, as the published grants page lists them.

Only awards with a publication date on or before today are read; applications, assessments, payments
and conditions stay with the funding team.
"""

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from thirdsector.funding.models import Award

from . import Column, Dataset
from ._common import latest_change

COLUMNS = (
    Column("reference", "string", "The award's reference, which never changes"),
    Column("organisation", "string", "The organisation awarded the grant"),
    Column("programme", "string", "The grant programme"),
    Column("title", "string", "What the grant is for"),
    Column("amount", "number", "The amount awarded, in pounds"),
    Column("starts_on", "date", "The day the grant starts"),
    Column("ends_on", "date", "The day it ends"),
    Column("published_on", "date", "The day it was published"),
    Column("url", "string", "Its page on this site"),
)


def _published(today: datetime.date):
    return Award.objects.filter(published_on__isnull=False, published_on__lte=today)


def rows() -> Iterator[tuple]:
    # The award page's path as a format string, reversed once rather than per grant.
    page = reverse("funding:award", args=["REFERENCE"]).replace("REFERENCE", "{reference}")
    awards = (
        _published(timezone.localdate())
        .select_related("organisation", "programme")
        .order_by("-published_on", "-id")
        .iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE)
    )
    for award in awards:
        yield (
            award.reference,
            award.organisation.name,
            award.programme.name,
            award.title,
            award.amount,
            award.starts_on,
            award.ends_on,
            award.published_on,
            page.format(reference=award.reference),
        )


def updated_at():
    """The last change to a published award, or the start of the day the latest one became public."""
    today = timezone.localdate()
    changed = latest_change(Award.history.filter(published_on__isnull=False, published_on__lte=today))
    latest = _published(today).aggregate(latest=Max("published_on"))["latest"]
    became_public = timezone.make_aware(datetime.datetime.combine(latest, datetime.time())) if latest else None
    moments = [moment for moment in (changed, became_public) if moment is not None]
    return max(moments) if moments else None


DATASET = Dataset(
    slug="published-grants",
    title="Published grants",
    description="Every grant published: the organisation, programme, amount and dates, as on the published "
    "grants page.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="funding:published-awards",
    api_links=(("JSON (API)", "funding_api:award-list"),),
)
