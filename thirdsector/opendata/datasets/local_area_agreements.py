"""Local Area Agreements: each council's Local Strategic Partnership and its agreements' improvement targets.

One row per target, with the national indicator it is measured by and how far the third sector is
involved in it; an agreement with no targets yet has one row with the target columns empty.
"""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch

from thirdsector.partnerships.models import AgreementTarget, LocalAreaAgreement, LocalStrategicPartnership

from . import Column, Dataset
from ._common import latest_change

COLUMNS = (
    Column("council", "string", "The council"),
    Column("council_gss_code", "string", "The council's ONS GSS code, where known"),
    Column("partnership", "string", "The council's Local Strategic Partnership"),
    Column("third_sector_board_seats", "integer", "Seats on the partnership board held by the third sector"),
    Column("local_compact", "boolean", "Whether a local compact is in place"),
    Column("agreement_starts_on", "date", "The day the Local Area Agreement starts"),
    Column("agreement_ends_on", "date", "The day it ends"),
    Column("ni_number", "integer", "The national indicator's number (NI 6, NI 7, ...)"),
    Column("ni_name", "string", "The national indicator's name"),
    Column("target", "string", "The improvement target"),
    Column("third_sector_involvement_level", "string", "How far the third sector is involved in the target"),
    Column("third_sector_involvement", "string", "How the third sector is involved, in words"),
)


def rows() -> Iterator[tuple]:
    agreements = (
        LocalAreaAgreement.objects.select_related("partnership__council__local_authority")
        .prefetch_related(Prefetch("targets", queryset=AgreementTarget.objects.select_related("indicator")))
        .order_by("partnership__council__name", "starts_on", "id")
    )
    for agreement in agreements.iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        partnership = agreement.partnership
        council = partnership.council
        area = council.local_authority
        about = (
            council.name,
            area.gss_code if area else None,
            partnership.name,
            partnership.third_sector_board_seats,
            partnership.local_compact,
            agreement.starts_on,
            agreement.ends_on,
        )
        targets = list(agreement.targets.all())
        if not targets:
            yield (*about, None, None, None, None, None)
        for target in targets:
            yield (
                *about,
                target.indicator.number,
                target.indicator.name,
                target.target,
                target.get_involvement_level_display(),
                target.third_sector_involvement,
            )


def updated_at():
    return latest_change(
        LocalStrategicPartnership.history.all(), LocalAreaAgreement.history.all(), AgreementTarget.history.all()
    )


DATASET = Dataset(
    slug="local-area-agreements",
    title="Local Strategic Partnerships and Local Area Agreements",
    description="Each council's partnership, its agreement's dates and improvement targets with the national "
    "indicator (NI number and name) and the third sector's involvement in each.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="partnerships:local-partnerships",
    api_links=(
        ("JSON (API): partnerships", "partnerships_api:local-partnership-list"),
        ("JSON (API): agreements", "partnerships_api:local-area-agreement-list"),
    ),
)
