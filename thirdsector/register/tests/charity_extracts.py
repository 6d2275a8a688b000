"""Charity Commission register extracts for tests: the shared sample, and small files made row by row."""

from pathlib import Path

from thirdsector.register.charity_extract import EXTRACT_COLUMNS

# A copy of the shared sample kept with the tests (see data/SOURCES.md), so any clone can run them.
SAMPLE = Path(__file__).parent / "data" / "charity-commission-sample.txt"

GOOD_ROW = {
    "date_of_extract": "2026-11-01",
    "organisation_number": "4100001",
    "registered_charity_number": "1123456",
    "linked_charity_number": "0",
    "charity_name": "Leeds Tenants Federation",
    "charity_type": "Trust",
    "charity_registration_status": "Registered",
    "date_of_registration": "2001-05-14",
    "date_of_removal": "",
    "charity_reporting_status": "Submission Received",
    "latest_acc_fin_period_start_date": "2025-04-01",
    "latest_acc_fin_period_end_date": "2026-03-31",
    "latest_income": "25000",
    "latest_expenditure": "24000",
    "charity_contact_address1": "1 Park Row",
    "charity_contact_address2": "",
    "charity_contact_address3": "Leeds",
    "charity_contact_address4": "",
    "charity_contact_address5": "",
    "charity_contact_postcode": "LS1 4AP",
    "charity_contact_phone": "0113 496 0000",
    "charity_contact_email": "hello@example.org",
    "charity_contact_web": "www.example.org.uk",
    "charity_company_registration_number": "",
    "charity_insolvent": "False",
    "charity_in_administration": "False",
    "charity_previously_excepted": "False",
    "charity_is_cdf_or_cif": "",
    "charity_is_cio": "False",
    "cio_is_dissolved": "False",
    "date_cio_dissolution_notice": "",
    "charity_activities": "Supports tenants' and residents' associations.",
    "charity_gift_aid": "True",
    "charity_has_land": "False",
}


def charity_row(**changes: str) -> dict[str, str]:
    """A valid row of the extract, with the columns given changed."""
    unknown = set(changes) - set(EXTRACT_COLUMNS)
    assert not unknown, f"not columns of the extract: {unknown}"
    return {**GOOD_ROW, **changes}


def extract(*rows: dict[str, str], columns=EXTRACT_COLUMNS, bom: bool = False, crlf: bool = False) -> bytes:
    """The bytes of an extract holding `rows`, as the Commission writes it (or with a BOM and CRLF)."""
    ending = "\r\n" if crlf else "\n"
    lines = ["\t".join(columns), *("\t".join(row.get(column, "") for column in columns) for row in rows)]
    text = ending.join(lines) + ending
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")
