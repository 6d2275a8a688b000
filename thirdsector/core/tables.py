"""Tables as pages show them and as their CSV downloads hold them.

A page builds each table of figures once; the template renders it and the CSV download writes the same
rows, so the download is exactly what is shown. A cell may carry the URL of the rows it was counted
from. Long lists stream their CSV with `streamed_csv` instead, row by row from the database.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import NoReverseMatch, reverse

from thirdsector.core.spreadsheets import safe_cell


@dataclass(frozen=True)
class Cell:
    value: int | Decimal | str | None
    url: str | None = None
    # What a screen reader hears after the number inside the link ("reported by Natural England in 2026").
    describes: str = ""
    suffix: str = ""  # "%" for shares

    @property
    def text(self) -> str:
        """The value as the CSV holds it: a number without separators, empty when there is none."""
        if self.value is None:
            return ""
        return f"{self.value}{self.suffix}"


@dataclass
class Row:
    label: str
    cells: list[Cell]
    url: str | None = None
    is_total: bool = False


@dataclass
class Table:
    slug: str
    caption: str
    row_heading: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    empty: str = "Nothing to show."

    def csv_rows(self) -> list[list[str]]:
        return [[self.row_heading, *self.columns]] + [
            [row.label, *(cell.text for cell in row.cells)] for row in self.rows
        ]


def link(name: str, *args, **filters) -> str | None:
    """The URL of a list filtered to the rows behind a figure, or None while that page does not exist."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    query = {key: value for key, value in filters.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as CSV, safe to open in a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    for line in table.csv_rows():
        writer.writerow(safe_cell(value) for value in line)
    return response


class _Echo:
    """A file-like object whose `write` hands back the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def streamed_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """`rows` as a CSV streamed as it is written (use `.iterator()` on querysets), safe in a spreadsheet."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(safe_cell(value) for value in row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
