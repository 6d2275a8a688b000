"""The staff lists of applications, awards and payments: filter, page, and download as CSV.

The CSV is every row matching the filters shown, in the order and with the columns of the page,
streamed so a long list never sits in memory.
"""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.shortcuts import render

from thirdsector.accounts.access import roles_required
from thirdsector.core.spreadsheets import safe_cell

from ..forms.lists import ListFilterForm
from ..selectors.lists import (
    APPLICATION_COLUMNS,
    AWARD_COLUMNS,
    PAYMENT_COLUMNS,
    Column,
    ListFilters,
    applications_list,
    awards_list,
    list_page,
    payments_list,
    rows_of,
)
from ..selectors.programmes import PROGRAMME_ROLES, programmes_run_by

# Rows read from the database at a time while streaming a CSV.
CSV_CHUNK = 2000


class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a streaming response."""

    def write(self, value: str) -> str:
        return value


def _csv_value(cell) -> str:
    if cell.value is None:
        return ""
    if cell.kind == "date":
        return cell.value.isoformat()
    return safe_cell(cell.value)


def csv_response(queryset, columns: tuple[Column, ...], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterable[str]:
        yield writer.writerow([column.header for column in columns])
        for cells in rows_of(queryset.iterator(chunk_size=CSV_CHUNK), columns):
            yield writer.writerow([_csv_value(cell) for cell in cells])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filtered_list(request, *, kind: str, title: str, noun: str, select, columns, programmes, template=None):
    """The shared shape of a list page: a filter form, one page of rows, and the same rows as CSV."""
    form = ListFilterForm(request.GET or None, kind=kind, programmes=programmes)
    page, rows = None, []
    if not form.is_bound or form.is_valid():
        queryset = select(form.filters() if form.is_bound else ListFilters())
        if request.GET.get("format") == "csv":
            return csv_response(queryset, columns, f"{kind}.csv")
        page = list_page(queryset, request.GET.get("page"))
        rows = list(rows_of(page, columns))
    return render(
        request,
        template or "funding/lists/list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "headers": [column.header for column in columns],
            "title": title,
            "noun": noun,
            "kind": kind,
        },
    )


@roles_required(*PROGRAMME_ROLES)
def application_list(request):
    return filtered_list(
        request,
        kind="applications",
        title="Applications",
        noun="application",
        select=lambda filters: applications_list(request.user, filters),
        columns=APPLICATION_COLUMNS,
        programmes=programmes_run_by(request.user),
    )


@roles_required(*PROGRAMME_ROLES)
def award_list(request):
    return filtered_list(
        request,
        kind="awards",
        title="Awards",
        noun="award",
        select=lambda filters: awards_list(request.user, filters),
        columns=AWARD_COLUMNS,
        programmes=programmes_run_by(request.user),
    )


@roles_required(*PROGRAMME_ROLES)
def payment_list(request):
    return filtered_list(
        request,
        kind="payments",
        title="Payments",
        noun="payment",
        select=lambda filters: payments_list(request.user, filters),
        columns=PAYMENT_COLUMNS,
        programmes=programmes_run_by(request.user),
    )
