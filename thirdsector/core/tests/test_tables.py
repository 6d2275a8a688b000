"""CSV downloads hold exactly what is shown, and never a formula a spreadsheet would run."""

import csv
import io

from thirdsector.core.tables import Cell, Row, Table, csv_response, streamed_csv


def read(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode())))


def test_a_table_downloads_as_its_rows_with_formulas_neutralised():
    table = Table(slug="t", caption="Grants", row_heading="Area", columns=["Grants"])
    table.rows.append(Row(label='=HYPERLINK("x")', cells=[Cell(3)]))
    response = csv_response(table, "grants")
    assert response["Content-Disposition"] == 'attachment; filename="grants.csv"'
    assert read(response.content) == [["Area", "Grants"], ['\'=HYPERLINK("x")', "3"]]


def test_a_long_list_streams_row_by_row():
    response = streamed_csv("awards", ["Reference", "Amount"], iter([("A-1", 250), ("+cmd", 5000)]))
    assert response.streaming
    assert read(b"".join(response.streaming_content)) == [["Reference", "Amount"], ["A-1", "250"], ["'+cmd", "5000"]]
