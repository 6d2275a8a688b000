"""Published consultations: dates, body, length and whether they ran for 12 weeks or more.

Drafts are never read (`Consultation.objects.published()`); staff notes, responses and the senior
official's approval of a short period stay on the staff pages.
"""

from collections.abc import Iterator

from django.conf import settings

from thirdsector.compact.models import Consultation
from thirdsector.compact.models.consultations import PUBLIC_STATUSES
from thirdsector.compact.selectors.consultations import published_consultations

from . import Column, Dataset
from ._common import latest_change, page_path

TWELVE_WEEKS_IN_DAYS = 12 * 7

COLUMNS = (
    Column("id", "integer", "The consultation's number on this site"),
    Column("title", "string", "The consultation's title"),
    Column("body", "string", "The public body consulting"),
    Column("policy_area", "string", "The policy area it is about"),
    Column("summary", "string", "What the consultation asks about"),
    Column("status", "string", "Open (published), Closed or Outcome published"),
    Column("opens_on", "date", "The day it opened"),
    Column("closes_on", "date", "The day it closed or closes"),
    Column("length_days", "integer", "Calendar days from opening to closing"),
    Column("length_weeks", "number", "The same length in weeks, to one decimal place"),
    Column("twelve_weeks_or_more", "boolean", "Whether it ran for at least 12 weeks, as the Compact expects"),
    Column("outcome_published_on", "date", "The day its outcome was published, if it has been"),
    Column("url", "string", "Its page on this site"),
)


def rows() -> Iterator[tuple]:
    path = page_path("compact:consultation")
    for consultation in published_consultations().iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        days = consultation.period_days
        yield (
            consultation.pk,
            consultation.title,
            consultation.body.organisation.name,
            consultation.policy_area.name,
            consultation.summary,
            consultation.get_status_display(),
            consultation.opens_on,
            consultation.closes_on,
            days,
            round(days / 7, 1) if days is not None else None,
            days >= TWELVE_WEEKS_IN_DAYS if days is not None else None,
            consultation.outcome_published_on,
            path.format(id=consultation.pk),
        )


def updated_at():
    return latest_change(Consultation.history.filter(status__in=PUBLIC_STATUSES))


DATASET = Dataset(
    slug="consultations",
    title="Public consultations",
    description="Consultations by public bodies once published, open and closed: their dates, length in weeks "
    "and whether they ran for 12 weeks or more.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="compact:consultations",
    api_links=(("JSON (API)", "compact_api:consultation-list"),),
)
