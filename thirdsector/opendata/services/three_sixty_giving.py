"""Our published awards as 360Giving grants, and the grants as a data package, CSV and XLSX.

`grant_for(award)` maps one award; `published_grants()` maps every published award a chunk at a time.
The writers take grants one by one and write each as it comes (`json.dumps` per grant inside a
hand-written package, a CSV row, an XLSX row in openpyxl's write-only mode), so memory stays the same
whether there are ten grants or a million.

Identifiers: a grant is `<prefix>-<award reference>` (the reference never changes, so neither does
the id); an organisation is known by its primary Org-ID, or `<prefix>-ORG-<number>` when it has none.
"""

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import BinaryIO, TextIO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from thirdsector.core.spreadsheets import safe_cell
from thirdsector.funding.models import Award
from thirdsector.register.models import Organisation

from .. import three_sixty_giving_standard as standard
from ..selectors.grants import IdentifiersByOrganisation, OrgIdentifier, iterate_published_awards

# Schemes whose identifier is a charity number, and the company register, for the recipient's numbers.
CHARITY_SCHEMES = ("GB-CHC", "GB-SC", "GB-NIC")
COMPANY_SCHEME = "GB-COH"


def grant_id(reference: str) -> str:
    return f"{settings.OPENDATA_360GIVING_PREFIX}-{reference}"


def organisation_id(organisation: Organisation, identifiers: list[OrgIdentifier]) -> str:
    """The organisation's primary Org-ID (its identifiers come primary first), or our own 360G identifier."""
    if identifiers:
        return identifiers[0].org_id
    return f"{settings.OPENDATA_360GIVING_PREFIX}-ORG-{organisation.pk:06d}"


def _number(amount: Decimal) -> int | float:
    """Pounds as a JSON number: whole pounds as an integer, pence kept (Decimal -> shortest float repr)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


@cache
def _award_page_template() -> str:
    """The public award page's path as a format string with a `{reference}` slot, reversed once, not per grant."""
    return reverse("funding:award", args=["REFERENCE"]).replace("REFERENCE", "{reference}")


def _site_url(path: str) -> str | None:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else None


def _without_empty(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


def _recipient(organisation: Organisation, identifiers: list[OrgIdentifier]) -> dict:
    by_scheme = {}
    for identifier in identifiers:
        by_scheme.setdefault(identifier.scheme, identifier.value)
    charity_number = next((by_scheme[scheme] for scheme in CHARITY_SCHEMES if scheme in by_scheme), None)
    return _without_empty(
        {
            "id": organisation_id(organisation, identifiers),
            "name": organisation.name,
            "charityNumber": charity_number,
            "companyNumber": by_scheme.get(COMPANY_SCHEME),
            "addressLocality": organisation.town,
            "postalCode": organisation.postcode,
        }
    )


def _beneficiary_location(organisation: Organisation) -> list[dict]:
    """Where the recipient is based, with the ONS code and its codelist type when the codelist has one."""
    area = organisation.local_authority
    if area is None:
        return []
    location = {"name": area.name, "countryCode": "GB"}
    geo_code_type = standard.geo_code_type_for(area.gss_code)
    if area.gss_code and geo_code_type:
        location.update(geoCode=area.gss_code, geoCodeType=geo_code_type)
    return [location]


def _last_modified(award: Award) -> datetime.datetime:
    """The award's last recorded change; without history rows, the latest step it records itself."""
    recorded = getattr(award, "last_changed_at", None)
    steps = [recorded, award.closed_at, award.accepted_at, award.approved_at, award.created_at]
    return max(moment for moment in steps if moment is not None)


def grant_for(award: Award, identifiers: IdentifiersByOrganisation) -> dict:
    """One award as a 360Giving grant (1.4.3): an award read by `published_awards`, and the Org-IDs of its
    recipient and funder (`identifiers_of`)."""
    programme = award.programme
    funder = programme.administering_body
    recipient = award.organisation
    award_date = _local_date(award.approved_at) or _local_date(award.accepted_at) or award.published_on
    page = _site_url(
        _award_page_template().format(reference=award.reference)
    )  # the public award page: where to read more, and our source
    grant = {
        "id": grant_id(award.reference),
        "title": award.title,
        "description": award.description.strip() or f"A grant from the {programme.name}. {programme.purpose}",
        "currency": "GBP",
        "amountAwarded": _number(award.amount),
        "awardDate": award_date.isoformat(),
        "url": page,
        "plannedDates": [
            {"startDate": award.starts_on.isoformat(), "endDate": award.ends_on.isoformat(), "duration": award.months}
        ],
        "recipientOrganization": [_recipient(recipient, identifiers.get(recipient.pk, []))],
        "fundingOrganization": [{"id": organisation_id(funder, identifiers.get(funder.pk, [])), "name": funder.name}],
        "grantProgramme": [{"code": programme.code, "title": programme.name}],
        "beneficiaryLocation": _beneficiary_location(recipient),
        "regrantType": award.regrant_type,
        "dateModified": timezone.localtime(_last_modified(award)).isoformat(),
        "dataSource": page,
    }
    return _without_empty(grant)


def published_grants(*, today: datetime.date | None = None, chunk_size: int | None = None) -> Iterator[dict]:
    """Every award published by `today` as a grant, read a chunk at a time."""
    for award, identifiers in iterate_published_awards(today=today or timezone.localdate(), chunk_size=chunk_size):
        yield grant_for(award, identifiers)


def package_metadata(*, generated_at: datetime.datetime, download_url: str | None = None) -> dict:
    """The package's description of itself: title, publisher, licence, when it was made."""
    publisher = {"identifier": settings.OPENDATA_PUBLISHER_ORG_ID, "name": settings.OPENDATA_PUBLISHER_NAME}
    if settings.SITE_URL:
        publisher["website"] = settings.SITE_URL
    return _without_empty(
        {
            "version": standard.VERSION,
            "title": f"Grants published by the {settings.OPENDATA_PUBLISHER_NAME}",
            "description": (
                "Every grant published on thirdsector: strategic partners' core funding, regrant awards to "
                "local funders and their end grants, and Community Asset Transfer Fund capital grants."
            ),
            "identifier": f"{settings.OPENDATA_360GIVING_PREFIX}-grants",
            "issued": timezone.localtime(generated_at).date().isoformat(),
            "modified": timezone.localtime(generated_at).isoformat(),
            "publisher": publisher,
            "license": settings.OPENDATA_LICENCE_URL,
            "downloadURL": download_url,
            "accessURL": _site_url("/open-data/"),
        }
    )


# The spreadsheet's columns: each a path into the grant, headed with flatten-tool's "titles" for 1.4.3.
# An array's first item fills its columns (each grant here has one recipient, funder, programme, place).
SPREADSHEET_FIELDS: tuple[tuple[str, ...], ...] = (
    ("id",),
    ("title",),
    ("description",),
    ("currency",),
    ("amountAwarded",),
    ("awardDate",),
    ("url",),
    ("plannedDates", "startDate"),
    ("plannedDates", "endDate"),
    ("plannedDates", "duration"),
    ("recipientOrganization", "id"),
    ("recipientOrganization", "name"),
    ("recipientOrganization", "charityNumber"),
    ("recipientOrganization", "companyNumber"),
    ("recipientOrganization", "addressLocality"),
    ("recipientOrganization", "postalCode"),
    ("fundingOrganization", "id"),
    ("fundingOrganization", "name"),
    ("grantProgramme", "code"),
    ("grantProgramme", "title"),
    ("beneficiaryLocation", "name"),
    ("beneficiaryLocation", "countryCode"),
    ("beneficiaryLocation", "geoCode"),
    ("beneficiaryLocation", "geoCodeType"),
    ("regrantType",),
    ("dateModified",),
    ("dataSource",),
)


def spreadsheet_header() -> list[str]:
    return [standard.column_title(path) for path in SPREADSHEET_FIELDS]


def spreadsheet_row(grant: dict) -> list:
    """The grant flattened to the spreadsheet's columns: numbers stay numbers, text is made formula-safe."""
    row = []
    for key, *inner in SPREADSHEET_FIELDS:
        value = grant.get(key)
        if inner:
            value = value[0].get(inner[0]) if value else None
        row.append(value if isinstance(value, int | float) else safe_cell(value))
    return row


@dataclass
class Tally:
    """What the writers wrote: how many grants and the pounds awarded."""

    grants: int = 0
    total_awarded: Decimal = Decimal("0")

    def add(self, grant: dict) -> None:
        self.grants += 1
        self.total_awarded += Decimal(str(grant["amountAwarded"]))


class PackageWriter:
    """The data package `{"version": ..., ..., "grants": [...]}` written one grant at a time."""

    def __init__(self, out: TextIO, metadata: dict):
        self.out = out
        self.first = True
        header = json.dumps(metadata, ensure_ascii=False)
        out.write(header[:-1] + (", " if metadata else "") + '"grants": [')

    def add(self, grant: dict) -> None:
        self.out.write(("\n" if self.first else ",\n") + json.dumps(grant, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")


class CsvWriter:
    """The grants as CSV in the titles layout, UTF-8, one row per grant."""

    def __init__(self, out: TextIO):
        self.writer = csv.writer(out)
        self.writer.writerow(spreadsheet_header())

    def add(self, grant: dict) -> None:
        self.writer.writerow(spreadsheet_row(grant))

    def close(self) -> None:
        pass


class XlsxWriter:
    """The grants as an XLSX workbook in the titles layout; openpyxl's write-only mode keeps memory flat.

    A worksheet holds at most 1,048,576 rows; past that the grants go on in another sheet with the same
    headings ("grants 2", ...), as 360Giving's spreadsheet tools read every sheet of grants.
    """

    SHEET_ROWS = 1_048_576

    def __init__(self, out: BinaryIO):
        self.out = out
        self.workbook = Workbook(write_only=True)
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        self.sheet = self.workbook.create_sheet("grants" if self.sheets == 1 else f"grants {self.sheets}")
        self.sheet.append(spreadsheet_header())
        self.rows = 1

    def add(self, grant: dict) -> None:
        if self.rows == self.SHEET_ROWS:
            self._new_sheet()
        self.sheet.append(spreadsheet_row(grant))
        self.rows += 1

    def close(self) -> None:
        self.workbook.save(self.out)


def write_grants(grants: Iterable[dict], writers: list) -> Tally:
    """Each grant to every writer in turn, then each writer closed; one pass over the database for all."""
    tally = Tally()
    for grant in grants:
        tally.add(grant)
        for writer in writers:
            writer.add(grant)
    for writer in writers:
        writer.close()
    return tally
