"""A dataset written out as CSV, JSON, XLSX and its Frictionless Table Schema, row by row.

Each writer takes the dataset's rows as they come, so memory stays flat whatever their number. Text in
the CSV and XLSX goes through `safe_cell`, so a title such as `=HYPERLINK(...)` stays text in a
spreadsheet; numbers, dates and yes/no values keep their types. JSON is data, not a spreadsheet, and
carries the text exactly as published.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from openpyxl import Workbook

from thirdsector.core.spreadsheets import safe_cell

from ..datasets import Dataset


class _Echo:
    """A file whose `write` hands the line back, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # Table Schema's default true and false values
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return value
    return safe_cell(value)


def _xlsx_value(value):
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
        return value
    return safe_cell(value)


def _json_value(value):
    if isinstance(value, Decimal):
        # Pounds as a JSON number: whole pounds as an integer, pence kept (the shortest float repr).
        return int(value) if value == value.to_integral_value() else float(value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def csv_lines(dataset: Dataset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.header)
    for row in dataset.rows():
        yield writer.writerow([_csv_value(value) for value in row])


def json_chunks(dataset: Dataset, *, schema_url: str) -> Iterator[str]:
    """`{"dataset", "title", "licence", "schema", "columns", "rows": [{...}, ...]}`, one row per chunk."""
    header = {
        "dataset": dataset.slug,
        "title": dataset.title,
        "licence": {"name": settings.OPENDATA_LICENCE_NAME, "url": settings.OPENDATA_LICENCE_URL},
        "schema": schema_url,
        "columns": [column.name for column in dataset.columns],
    }
    opening = json.dumps(header, ensure_ascii=False)
    yield opening[:-1] + ', "rows": ['
    names = dataset.header
    separator = "\n"
    for row in dataset.rows():
        yield separator + json.dumps(dict(zip(names, map(_json_value, row), strict=True)), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def xlsx_file(dataset: Dataset) -> BinaryIO:
    """The dataset as a workbook in a temporary file (openpyxl's write-only mode), rewound for reading."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.slug[:31])
    sheet.append(dataset.header)
    for row in dataset.rows():
        sheet.append([_xlsx_value(value) for value in row])
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the FileResponse that serves it)
    workbook.save(out)
    out.seek(0)
    return out


def table_schema(dataset: Dataset) -> dict:
    """The dataset's Frictionless Table Schema, from its column definitions."""
    return {
        "name": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "fields": [
            {"name": column.name, "type": column.type, "description": column.description} for column in dataset.columns
        ],
        "missingValues": [""],
    }
