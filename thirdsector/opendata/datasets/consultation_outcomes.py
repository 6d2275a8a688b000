"""Published consultation outcomes: what was asked, what people said and what the body did about it."""

from collections.abc import Iterator

from django.conf import settings

from thirdsector.compact.models import Consultation
from thirdsector.compact.models.consultations import ConsultationStatus
from thirdsector.compact.selectors.consultations import published_outcomes

from . import Column, Dataset
from ._common import latest_change, page_path

COLUMNS = (
    Column("consultation_id", "integer", "The consultation's number on this site"),
    Column("title", "string", "The consultation's title"),
    Column("body", "string", "The public body that consulted"),
    Column("closes_on", "date", "The day the consultation closed"),
    Column("outcome_published_on", "date", "The day the outcome was published"),
    Column("we_asked", "string", "What the body asked"),
    Column("you_said", "string", "What people said"),
    Column("we_did", "string", "What the body did as a result"),
    Column("url", "string", "The consultation's page on this site"),
)


def rows() -> Iterator[tuple]:
    path = page_path("compact:consultation")
    for consultation in published_outcomes().iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        yield (
            consultation.pk,
            consultation.title,
            consultation.body.organisation.name,
            consultation.closes_on,
            consultation.outcome_published_on,
            consultation.we_asked,
            consultation.you_said,
            consultation.we_did,
            path.format(id=consultation.pk),
        )


def updated_at():
    return latest_change(Consultation.history.filter(status=ConsultationStatus.OUTCOME_PUBLISHED))


DATASET = Dataset(
    slug="consultation-outcomes",
    title="Consultation outcomes",
    description="The published outcome of each consultation: we asked, you said, we did.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="compact:consultation-outcomes",
    api_links=(("JSON (API)", "compact_api:consultation-outcome-list"),),
)
