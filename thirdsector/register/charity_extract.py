"""The Charity Commission register extract: its columns, reading the file, and checking each row.

The Commission publishes its whole register daily as `publicextract.charity`; the text form is
tab-separated UTF-8 with a header row, sometimes with a byte-order mark or Windows line endings
(see shared/standards/README.md). This module knows the format; services/charity_import.py decides
what a checked row does to the register.
"""

import calendar
import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import IO

from .models import OrganisationKind, OrganisationStatus
from .orgid import SCHEMES, InvalidOrgId, normalise_value, parse_org_id
from .services.organisations import refresh_derived_fields

# The columns of the extract, in the Commission's order (the header of shared/data's sample).
EXTRACT_COLUMNS = (
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name",
    "charity_type",
    "charity_registration_status",
    "date_of_registration",
    "date_of_removal",
    "charity_reporting_status",
    "latest_acc_fin_period_start_date",
    "latest_acc_fin_period_end_date",
    "latest_income",
    "latest_expenditure",
    "charity_contact_address1",
    "charity_contact_address2",
    "charity_contact_address3",
    "charity_contact_address4",
    "charity_contact_address5",
    "charity_contact_postcode",
    "charity_contact_phone",
    "charity_contact_email",
    "charity_contact_web",
    "charity_company_registration_number",
    "charity_insolvent",
    "charity_in_administration",
    "charity_previously_excepted",
    "charity_is_cdf_or_cif",
    "charity_is_cio",
    "cio_is_dissolved",
    "date_cio_dissolution_notice",
    "charity_activities",
    "charity_gift_aid",
    "charity_has_land",
)
ADDRESS_COLUMNS = tuple(f"charity_contact_address{n}" for n in range(1, 6))

_DATE_LABELS = {
    "date_of_registration": "date of registration",
    "date_of_removal": "date of removal",
    "latest_acc_fin_period_end_date": "end date of the latest financial period",
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_POUNDS = re.compile(r"-?\d+(?:\.\d+)?")
_MAX_INCOME = Decimal("1000000000000")  # the column holds up to 14 digits with 2 decimal places
_TEXT_LIMITS = {"address_line_1": 200, "address_line_2": 200, "town": 100, "phone": 40}
_TEXT_LABELS = {"address_line_1": "first line of the address", "address_line_2": "address", "town": "town"}
# A host name with an optional port and path, with or without http(s)://; nothing else is a website.
_WEBSITE = re.compile(
    r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?(?::\d{1,5})?(?:[/?#][^\s<>\"']*)?",
    flags=re.IGNORECASE,
)
_EMAIL = re.compile(
    r"[a-z0-9.!#$%&*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", flags=re.IGNORECASE
)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (wrong columns, not UTF-8 text, empty)."""


def missing_columns(header: list[str]) -> list[str]:
    """The extract's columns that `header` lacks, in the extract's order. Extra columns are allowed."""
    present = {name.strip().lstrip("\ufeff") for name in header}
    return [name for name in EXTRACT_COLUMNS if name not in present]


def describe_missing_columns(missing: list[str]) -> str:
    if len(missing) == 1:
        return f"The file is missing the {missing[0]} column"
    if len(missing) > 5:
        return (
            f"The file is missing {len(missing)} of the register extract's columns, starting with "
            f"{', '.join(missing[:3])}: check it is the Charity Commission's extract"
        )
    return f"The file is missing the {', '.join(missing[:-1])} and {missing[-1]} columns"


@contextmanager
def open_text(source) -> Iterator[IO[str]]:
    """The extract as a seekable text stream, whatever `source` is: a path, or a binary or text file."""
    if isinstance(source, str | Path):
        with open(source, "rb") as binary, open_text(binary) as text:
            yield text
        return
    if isinstance(source, io.TextIOBase) or isinstance(source.read(0), str):
        if not source.seekable():
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spooled:
                shutil.copyfileobj(source, spooled)
                spooled.seek(0)
                yield spooled
            return
        source.seek(0)
        yield source
        return
    if not source.seekable():
        with tempfile.TemporaryFile("w+b") as spooled:
            shutil.copyfileobj(source, spooled)
            spooled.seek(0)
            with open_text(spooled) as text:
                yield text
        return
    source.seek(0)
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield text
    finally:
        text.detach()  # leave the caller's file open


def count_rows(stream: IO[str]) -> int:
    """Data rows in the file (lines after the header that are not blank), read once before importing."""
    try:
        stream.readline()
        total = sum(1 for line in stream if line.strip())
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "The file is not UTF-8 text, so it cannot be the Charity Commission's extract: nothing was imported"
        ) from error
    stream.seek(0)
    return total


def extract_reader(stream: IO[str]):
    # The extract quotes nothing: a quotation mark in a name is part of the name.
    return csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE, strict=False)


def read_header(reader) -> dict[str, int]:
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty") from None
    names = [name.strip().lstrip("\ufeff") for name in header]
    missing = missing_columns(names)
    if missing:
        raise ImportFileError(describe_missing_columns(missing))
    return {name: index for index, name in enumerate(names) if name}


class RowRejected(Exception):
    """A row that cannot be imported; the message is the reason people are shown."""


class Linked:
    """Marks a linked charity's row: counted, not imported."""


LINKED = Linked()


@dataclass
class CharityRow:
    """A row that passed its checks, waiting for its batch to be matched and written."""

    line_number: int
    charity_org_id: str
    charity_number: str
    company_org_id: str | None
    company_number: str | None
    # The organisation's fields, derived ones (normalised name, size band, postcode flag) filled in.
    # A dict, not an unsaved Organisation: most rows of a daily import change nothing, and building
    # a model instance for each of 170,000 rows would cost more than the rest of checking them.
    values: dict

    @property
    def name(self) -> str:
        return self.values["name"]


def parse_date(text: str, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    label = _DATE_LABELS[column]
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _UK_DATE.fullmatch(text)
        if not match:
            raise RowRejected(f"The {label} “{text}” is not a date: the extract gives dates as YYYY-MM-DD")
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise RowRejected(
                f"The {label} “{text}” is impossible: there is no {day} {calendar.month_name[month]} {year}"
            ) from None
        raise RowRejected(f"The {label} “{text}” is impossible: there is no month {month}") from None


def parse_income(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    if not _POUNDS.fullmatch(text):
        raise RowRejected(f"The latest income “{text}” is not a number of pounds")
    income = Decimal(text).quantize(Decimal("0.01"))
    if income < 0:
        raise RowRejected(f"The latest income “{text}” is less than £0")
    if income >= _MAX_INCOME:
        raise RowRejected(f"The latest income “{text}” is too large to be an annual income in pounds")
    return income


def clean_website(text: str) -> str:
    """A web address people can follow; anything else (a `javascript:` link, say) is left out."""
    text = text.strip()
    if not text or len(text) > 290 or not _WEBSITE.fullmatch(text):
        return ""
    return text if re.match(r"https?://", text, flags=re.IGNORECASE) else "https://" + text


def clean_email(text: str) -> str:
    """An email address, or nothing if the extract's is not one."""
    text = text.strip()
    return text if len(text) <= 254 and _EMAIL.fullmatch(text) else ""


class RowChecker:
    """Turns one row of the extract into a charity to import, a linked row, or a rejection."""

    def __init__(self, columns: dict[str, int]):
        self.columns = columns
        self.width = max(columns.values()) + 1

    def value(self, row: list[str], column: str) -> str:
        return row[self.columns[column]]

    def check(self, row: list[str], line_number: int) -> CharityRow | Linked:
        if len(row) < self.width:
            raise RowRejected(
                f"The row has {len(row)} columns but the header has {self.width}: a tab may be missing, "
                "or a line break may have split the row"
            )
        linked = self.value(row, "linked_charity_number").strip()
        if linked not in {"", "0"}:
            if not linked.isdigit():
                raise RowRejected(f"The linked charity number “{linked}” is not a number")
            return LINKED

        number_text = self.value(row, "registered_charity_number").strip()
        charity_number = normalise_value("GB-CHC", number_text)
        if not SCHEMES["GB-CHC"].matches(charity_number):
            raise RowRejected(
                f"The charity number “{number_text}” is malformed: a registered charity number is 6 or 7 digits"
            )

        name = self.value(row, "charity_name").strip()
        if not name:
            raise RowRejected("The charity has no name")
        if len(name) > 255:
            raise RowRejected("The name is longer than 255 characters")

        income = parse_income(self.value(row, "latest_income"))
        registered_on = parse_date(self.value(row, "date_of_registration"), "date_of_registration")
        removed_on = parse_date(self.value(row, "date_of_removal"), "date_of_removal")
        period_end = parse_date(self.value(row, "latest_acc_fin_period_end_date"), "latest_acc_fin_period_end_date")

        status_text = self.value(row, "charity_registration_status").strip()
        if status_text.lower() == "registered":
            status, removed_on = OrganisationStatus.ACTIVE, None
        elif status_text.lower() == "removed":
            status = OrganisationStatus.REMOVED
        else:
            raise RowRejected(f"The registration status “{status_text}” is neither Registered nor Removed")

        cio_text = self.value(row, "charity_is_cio").strip().lower()
        if cio_text not in {"true", "false", ""}:
            raise RowRejected(f"charity_is_cio is “{cio_text}”, not True or False")

        company_text = self.value(row, "charity_company_registration_number").strip()
        company = None
        if company_text:
            try:
                company = parse_org_id(company_text, scheme="GB-COH")
            except InvalidOrgId:
                raise RowRejected(
                    f"The company number “{company_text}” is malformed: a Companies House number is 8 characters, "
                    "8 digits or 2 letters such as SC or OC followed by 6 digits"
                ) from None
            if company.scheme != "GB-COH":
                raise RowRejected(f"The company number “{company_text}” is an identifier of another register")

        lines = [text.strip() for text in (self.value(row, column) for column in ADDRESS_COLUMNS) if text.strip()]
        values = {
            "name": name,
            "kind": OrganisationKind.CIO if cio_text == "true" else OrganisationKind.REGISTERED_CHARITY,
            "description": self.value(row, "charity_activities").strip(),
            "latest_income": income,
            "income_period_end": period_end,
            "address_line_1": lines[0] if lines else "",
            "address_line_2": ", ".join(lines[1:-1]),
            "town": lines[-1] if len(lines) > 1 else "",
            "postcode": self.value(row, "charity_contact_postcode").strip(),
            "website": clean_website(self.value(row, "charity_contact_web")),
            "email": clean_email(self.value(row, "charity_contact_email")),
            "phone": self.value(row, "charity_contact_phone").strip(),
            "registered_on": registered_on,
            "status": status,
            "removed_on": removed_on,
        }
        for field_name, limit in _TEXT_LIMITS.items():
            if len(values[field_name]) > limit:
                label = _TEXT_LABELS.get(field_name, field_name)
                raise RowRejected(f"The {label} is longer than the {limit} characters the register holds")
        # The same rules as a person's edit: the postcode normalised, or kept as typed (upper case)
        # and flagged for a person to fix. They read and set plain attributes, so a namespace will do.
        derived = SimpleNamespace(**values)
        refresh_derived_fields(derived)
        values.update(vars(derived))
        return CharityRow(
            line_number=line_number,
            charity_org_id=f"GB-CHC-{charity_number}",
            charity_number=charity_number,
            company_org_id=str(company) if company else None,
            company_number=company.value if company else None,
            values=values,
        )
