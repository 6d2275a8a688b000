"""The grants as CSV and XLSX in flatten-tool's titles layout, with formulas in text cells neutralised."""

import csv
import io
import json

import openpyxl
from django.utils import timezone

from thirdsector.opendata.services.three_sixty_giving import (
    CsvWriter,
    PackageWriter,
    XlsxWriter,
    package_metadata,
    published_grants,
    spreadsheet_header,
    write_grants,
)

FORMULA = '=HYPERLINK("http://evil.example","Click")'


def _csv(grants) -> list[list[str]]:
    out = io.StringIO()
    write_grants(grants, [CsvWriter(out)])
    return list(csv.reader(io.StringIO(out.getvalue())))


def _xlsx(grants) -> list[tuple]:
    out = io.BytesIO()
    write_grants(grants, [XlsxWriter(out)])
    out.seek(0)
    return list(openpyxl.load_workbook(out, read_only=True)["grants"].iter_rows(values_only=True))


def test_the_columns_are_the_standards_titles():
    header = spreadsheet_header()
    assert header[:6] == ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date"]
    for title in (
        "Planned Dates:Start Date",
        "Planned Dates:End Date",
        "Planned Dates:Duration (months)",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Recipient Org:Charity Number",
        "Recipient Org:Company Number",
        "Recipient Org:Postal Code",
        "Funding Org:Identifier",
        "Funding Org:Name",
        "Grant Programme:Code",
        "Grant Programme:Title",
        "Beneficiary Location:Name",
        "Beneficiary Location:Geographic Code",
        "Beneficiary Location:Geographic Code Type",
        "For Regrant Type",
        "Last Modified",
    ):
        assert title in header


def test_the_csv_holds_one_row_per_grant_under_the_titles(grants):
    rows = _csv(published_grants())
    assert rows[0] == spreadsheet_header()
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    regrant = by_id["360G-thirdsector-SGLF-2026-0001"]
    assert regrant["Amount Awarded"] == "90000"
    assert regrant["For Regrant Type"] == "FRG010"
    assert regrant["Beneficiary Location:Geographic Code Type"] == "LONB"
    assert by_id["360G-thirdsector-CSG-2026-0001"]["Amount Awarded"] == "2499.5"


def test_the_xlsx_keeps_amounts_as_numbers(grants):
    rows = _xlsx(published_grants())
    assert list(rows[0]) == spreadsheet_header()
    amounts = {row[0]: row[rows[0].index("Amount Awarded")] for row in rows[1:]}
    assert amounts["360G-thirdsector-SPG-2026-0001"] == 150000
    assert amounts["360G-thirdsector-CSG-2026-0001"] == 2499.5


def test_a_formula_in_a_title_is_neutralised_in_the_csv(grants):
    grants.core_funding.title = FORMULA
    grants.core_funding.save()
    rows = _csv(published_grants())
    titles = [row[1] for row in rows[1:]]
    assert "'" + FORMULA in titles
    assert FORMULA not in titles


def test_a_formula_in_an_organisation_name_is_neutralised_in_the_xlsx(grants):
    recipient = grants.end_grant.organisation
    recipient.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    recipient.save()
    rows = _xlsx(published_grants())
    names = [row[rows[0].index("Recipient Org:Name")] for row in rows[1:]]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in names
    assert not any(str(name).startswith(("=", "+", "-", "@")) for name in names)


def test_the_json_package_keeps_the_text_as_it_is(grants):
    grants.core_funding.title = FORMULA
    grants.core_funding.save()
    out = io.StringIO()
    tally = write_grants(published_grants(), [PackageWriter(out, package_metadata(generated_at=timezone.now()))])
    package = json.loads(out.getvalue())
    assert tally.grants == 4
    assert FORMULA in [grant["title"] for grant in package["grants"]]
    assert package["version"] == "1.4"
    assert package["license"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert package["publisher"]["identifier"] == "GB-GOR-D4"
    assert package["publisher"]["name"] == "Department for Communities and Local Government"


def test_the_package_writer_writes_valid_json_with_no_grants():
    out = io.StringIO()
    write_grants([], [PackageWriter(out, {"version": "1.4"})])
    assert json.loads(out.getvalue()) == {"version": "1.4", "grants": []}


def test_grants_past_a_sheets_last_row_go_on_in_another_sheet(grants, monkeypatch):
    monkeypatch.setattr(XlsxWriter, "SHEET_ROWS", 3)
    out = io.BytesIO()
    write_grants(published_grants(), [XlsxWriter(out)])
    out.seek(0)
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames == ["grants", "grants 2"]
    assert [len(list(workbook[name].iter_rows())) for name in workbook.sheetnames] == [3, 3]
    assert next(workbook["grants 2"].iter_rows(values_only=True)) == tuple(spreadsheet_header())
