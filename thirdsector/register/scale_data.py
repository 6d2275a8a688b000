"""Scale data for benchmarks: a register of hundreds of thousands of made-up organisations.

The organisations come from the demo's generator (`demo.generate_organisations` with `SCALE_MIX`),
so they look like the demo's, spread over real councils by population. On PostgreSQL the rows go in
with COPY, a few seconds per hundred thousand; other databases use `bulk_create`.

Scale data has no history rows: `simple_history` would double the work and the pages measured never
read history. A scale organisation's history page is therefore empty.

`write_charity_extract` writes a Charity Commission register extract (a header line, then one
tab-separated line per charity, as the Commission publishes it) for benchmarking the import: its
first rows are the scale data's registered charities, the rest new charities.
"""

import csv
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import batched, islice
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from .charity_extract import EXTRACT_COLUMNS
from .demo import (
    SCALE_MIX,
    GeneratedOrganisation,
    Links,
    councils_to_generate_over,
    generate_organisations,
    pick_links,
)
from .models import Characteristic, Identifier, Organisation, OrganisationKind, OrganisationStatus, PolicyArea

SCALE_SEED = 200_000
# Numbers (and so charity and company numbers) start above any the demo uses, so both can share a database.
SCALE_FIRST_NUMBER = 100_000
BATCH_SIZE = 10_000


def scale_organisations() -> Iterator[GeneratedOrganisation]:
    """The scale data's organisations in order, without end; the same every time."""
    rng = random.Random(SCALE_SEED)
    return generate_organisations(rng, councils_to_generate_over(), first_number=SCALE_FIRST_NUMBER, mix=SCALE_MIX)


def scale_organisations_present() -> int:
    """How many of the scale data's organisations the database already holds."""
    return Organisation.objects.filter(website__startswith=f"https://www.{SCALE_MIX.label}-").count()


@transaction.atomic
def load_scale_organisations(
    *, count: int, already_present: int = 0, progress: Callable[[int], None] | None = None
) -> int:
    """Inserts scale organisations up to the `count`-th, with identifiers and links; returns how many were added.

    The first `already_present` are generated again (so every later one comes out the same) but not inserted.
    """
    links_rng = random.Random(SCALE_SEED + 1)
    policy_areas = list(PolicyArea.objects.order_by("slug"))
    characteristics = {c.slug: c for c in Characteristic.objects.all()}
    organisations = scale_organisations()
    for generated in islice(organisations, already_present):
        pick_links(links_rng, generated.organisation, policy_areas, characteristics, mix=SCALE_MIX)
    now = timezone.now()
    writer = _CopyWriter() if connection.vendor == "postgresql" else _BulkCreateWriter()
    done = 0
    for batch in batched(islice(organisations, max(count - already_present, 0)), BATCH_SIZE):
        for generated in batch:
            generated.organisation.created_at = generated.organisation.updated_at = now
        writer.organisations([generated.organisation for generated in batch])
        writer.identifiers(
            (generated.organisation.pk, scheme, value, index == 0)
            for generated in batch
            for index, (scheme, value) in enumerate(generated.identifiers)
        )
        writer.links(
            (generated.organisation.pk, links)
            for generated in batch
            if (links := pick_links(links_rng, generated.organisation, policy_areas, characteristics, mix=SCALE_MIX))
        )
        done += len(batch)
        if progress:
            progress(done)
    return done


def vacuum_scale_tables() -> None:
    """What autovacuum would soon do after a bulk load: statistics for the planner, and the visibility
    map that lets index-only scans skip the table. Outside a transaction, on PostgreSQL only."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run in a transaction (as inside a test); autovacuum will do it later.
    tables = ", ".join(model._meta.db_table for model in _MODELS_LOADED)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


_THROUGH = {
    "policy_area_ids": (Organisation.policy_areas.through, "policyarea_id"),
    "characteristic_ids": (Organisation.characteristics.through, "characteristic_id"),
    "area_ids": (Organisation.areas_served.through, "area_id"),
}
_MODELS_LOADED = [Organisation, Identifier, *(through for through, _ in _THROUGH.values())]


class _CopyWriter:
    """Writes with PostgreSQL's COPY; organisation ids are taken from the sequence first to link rows."""

    def __init__(self):
        self.organisation_fields = list(Organisation._meta.concrete_fields)
        self.sequence = f"pg_get_serial_sequence('{Organisation._meta.db_table}', 'id')"

    def _copy(self, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def organisations(self, organisations: list[Organisation]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nextval({self.sequence}) FROM generate_series(1, %s)",  # noqa: S608 - no input in the SQL
                [len(organisations)],
            )
            for organisation, (pk,) in zip(organisations, cursor.fetchall(), strict=True):
                organisation.pk = pk
        self._copy(
            Organisation._meta.db_table,
            [f.column for f in self.organisation_fields],
            (tuple(getattr(o, f.attname) for f in self.organisation_fields) for o in organisations),
        )

    def identifiers(self, rows: Iterable[tuple[int, str, str, bool]]) -> None:
        self._copy(
            Identifier._meta.db_table,
            ["organisation_id", "scheme", "value", "org_id", "is_primary"],
            ((pk, scheme, value, f"{scheme}-{value}", primary) for pk, scheme, value, primary in rows),
        )

    def links(self, rows: Iterable[tuple[int, Links]]) -> None:
        rows = list(rows)
        for attribute, (through, column) in _THROUGH.items():
            self._copy(
                through._meta.db_table,
                ["organisation_id", column],
                ((pk, linked) for pk, links in rows for linked in getattr(links, attribute)),
            )


class _BulkCreateWriter:
    """The same rows through the ORM, for SQLite (the embedded default)."""

    def organisations(self, organisations: list[Organisation]) -> None:
        Organisation.objects.bulk_create(organisations, batch_size=1000)

    def identifiers(self, rows: Iterable[tuple[int, str, str, bool]]) -> None:
        Identifier.objects.bulk_create(
            (
                Identifier(
                    organisation_id=pk, scheme=scheme, value=value, org_id=f"{scheme}-{value}", is_primary=primary
                )
                for pk, scheme, value, primary in rows
            ),
            batch_size=1000,
        )

    def links(self, rows: Iterable[tuple[int, Links]]) -> None:
        rows = list(rows)
        for attribute, (through, column) in _THROUGH.items():
            through.objects.bulk_create(
                (
                    through(organisation_id=pk, **{column: linked})
                    for pk, links in rows
                    for linked in getattr(links, attribute)
                ),
                batch_size=1000,
            )


# The Charity Commission's register extract, as in shared/data/charity-commission-sample.txt:
# a header line, then one tab-separated line per charity (linked charities have their own lines).
CHARITY_EXTRACT_COLUMNS = list(EXTRACT_COLUMNS)
EXTRACT_DATE = date(2026, 11, 1)
# Shares of rows like the sample's awkward ones: a linked charity's own line, or a value that cannot be read.
LINKED_CHARITY_SHARE = 0.02
UNREADABLE_ROW_SHARE = 0.005


@dataclass(frozen=True)
class _Defect:
    column: str
    value: str


_DEFECTS = [
    _Defect("date_of_registration", "31/02/2020"),
    _Defect("latest_income", "lots"),
    _Defect("charity_contact_postcode", "NOT A POSTCODE"),
    _Defect("charity_name", ""),
    _Defect("registered_charity_number", "12AB"),
]


def charity_extract_rows(count: int) -> Iterator[list[str]]:
    """`count` extract lines (header not included) from the scale data's charities in England and Wales.

    The first ones are charities the scale data holds, so an import updates them; once those run out
    the rest are new charities from further down the same generator.
    """
    rng = random.Random(SCALE_SEED + 2)
    written = 0
    for generated in scale_organisations():
        charity_number = dict(generated.identifiers).get("GB-CHC")
        if charity_number is None or generated.organisation.local_authority.nation not in {"England", "Wales"}:
            continue
        row = _extract_row(rng, generated, charity_number)
        if rng.random() < UNREADABLE_ROW_SHARE:
            defect = rng.choice(_DEFECTS)
            row[defect.column] = defect.value
        yield [row[column] for column in CHARITY_EXTRACT_COLUMNS]
        written += 1
        if written < count and rng.random() < LINKED_CHARITY_SHARE:
            yield [_linked_row(row, generated.number)[column] for column in CHARITY_EXTRACT_COLUMNS]
            written += 1
        if written >= count:
            return


def write_charity_extract(path: Path, *, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(CHARITY_EXTRACT_COLUMNS)
        writer.writerows(charity_extract_rows(rows))


def _extract_row(rng: random.Random, generated: GeneratedOrganisation, charity_number: str) -> dict[str, str]:
    organisation = generated.organisation
    company_number = dict(generated.identifiers).get("GB-COH", "")
    is_cio = organisation.kind == OrganisationKind.CIO
    if is_cio:
        charity_type = "CIO"
    elif company_number:
        charity_type = "Charitable company"
    else:
        charity_type = rng.choice(["Trust", "Other"])
    removed = organisation.status == OrganisationStatus.REMOVED
    income = organisation.latest_income
    registered_on = date(1960, 1, 1) + timedelta(days=rng.randint(0, 64 * 365))
    number = generated.number
    return {
        "date_of_extract": EXTRACT_DATE.isoformat(),
        "organisation_number": str(4_000_000 + number),
        "registered_charity_number": charity_number,
        "linked_charity_number": "0",
        "charity_name": organisation.name.upper() if rng.random() < 0.5 else organisation.name,
        "charity_type": charity_type,
        "charity_registration_status": "Removed" if removed else "Registered",
        "date_of_registration": registered_on.isoformat(),
        "date_of_removal": "2024-03-31" if removed else "",
        "charity_reporting_status": "Submission Received",
        "latest_acc_fin_period_start_date": "2025-04-01",
        "latest_acc_fin_period_end_date": "2026-03-31",
        "latest_income": "" if income is None else str(int(income)),
        "latest_expenditure": str(int((income or rng.randint(500, 5000)) * rng.randint(70, 110) // 100)),
        "charity_contact_address1": organisation.address_line_1,
        "charity_contact_address2": "",
        "charity_contact_address3": organisation.town,
        "charity_contact_address4": "",
        "charity_contact_address5": "",
        "charity_contact_postcode": organisation.postcode,
        "charity_contact_phone": f"01{rng.randint(0, 999_999_999):09d}",
        "charity_contact_email": f"info{number}@example.org",
        "charity_contact_web": f"www.example-{number}.org.uk",
        "charity_company_registration_number": company_number,
        "charity_insolvent": "False",
        "charity_in_administration": "False",
        "charity_previously_excepted": "False",
        "charity_is_cdf_or_cif": "",
        "charity_is_cio": str(is_cio),
        "cio_is_dissolved": "False",
        "date_cio_dissolution_notice": "",
        "charity_activities": organisation.description,
        "charity_gift_aid": "True",
        "charity_has_land": str(rng.random() < 0.23),
    }


def _linked_row(main: dict[str, str], number: int) -> dict[str, str]:
    """A linked charity (a trading fund) under the same registered number, as the extract lists them."""
    return {
        **main,
        "organisation_number": str(8_000_000 + number),
        "linked_charity_number": "1",
        "charity_name": f"{main['charity_name']} Trading Fund",
        "charity_type": "Other",
        "latest_income": "",
        "charity_company_registration_number": "",
        "charity_is_cio": "False",
    }
