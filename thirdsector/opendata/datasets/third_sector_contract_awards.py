"""Contracts and grants public bodies awarded to third sector organisations, once published.

The supplier's size band and whether it is BME-led or user-led are as they were on the day of the award.
"""

from collections.abc import Iterator

from django.conf import settings

from thirdsector.commissioning.models import ContractAward
from thirdsector.commissioning.selectors.awards import third_sector_contract_awards

from . import Column, Dataset
from ._common import latest_change

COLUMNS = (
    Column("id", "integer", "The award's number on this site"),
    Column("commissioner", "string", "The public body that awarded it"),
    Column("supplier", "string", "The third sector organisation awarded it (a consortium's lead)"),
    Column("title", "string", "What it is for"),
    Column("kind", "string", "Contract or grant"),
    Column("value", "number", "Its total value, in pounds"),
    Column("awarded_on", "date", "The day it was awarded"),
    Column("financial_year", "year", "The financial year it was awarded in, named by the year it starts"),
    Column("starts_on", "date", "The day it starts"),
    Column("length_months", "integer", "Its length in months"),
    Column("supplier_size_band", "string", "The supplier's size band by income on the day of the award"),
    Column("supplier_bme_led", "boolean", "Whether the supplier is led by Black and minority ethnic people"),
    Column("supplier_user_led", "boolean", "Whether the supplier is led by the people it serves"),
    Column("published_on", "date", "The day it was published"),
)


def rows() -> Iterator[tuple]:
    awards = third_sector_contract_awards().prefetch_related(None)
    for award in awards.iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        yield (
            award.pk,
            award.commissioner.name,
            award.supplier.name,
            award.title,
            award.get_kind_display(),
            award.value,
            award.awarded_on,
            award.financial_year,
            award.starts_on,
            award.length_months,
            award.get_supplier_size_band_display(),
            award.supplier_bme_led,
            award.supplier_user_led,
            award.published_on,
        )


def updated_at():
    return latest_change(ContractAward.history.filter(published_on__isnull=False, supplier_is_third_sector=True))


DATASET = Dataset(
    slug="third-sector-contract-awards",
    title="Contracts and grants awarded to third sector organisations",
    description="Public bodies' published contract and grant awards to the third sector: the commissioner, the "
    "supplier with its size band, value, length and kind.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="commissioning:published-awards",
    api_links=(("JSON (API)", "commissioning_api:award-list"),),
)
