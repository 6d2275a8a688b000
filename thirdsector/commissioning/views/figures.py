"""The level playing field figures pages.

Private figures count every award, published or not, and the decisions: a commissioner's officers see
their own commissioner's page, staff and the Compact Commissioner every commissioner's and the comparison
across commissioners; the cells link to the private lists. The public figures count published awards only
and link to the public list of awards. Every table downloads as CSV (`?download=<table>`).
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe

from thirdsector.accounts.access import OVERSIGHT_ROLES, oversight_only, public, signed_in
from thirdsector.core.tables import Cell, Row, Table, csv_response
from thirdsector.funding.financial_years import financial_year_label
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation

from ..forms.awards import FiguresForm
from ..models import CommissioningDecision, ContractAward, commissions_for
from ..selectors.awards import published_awards
from ..services.level_playing_field import Links, commissioner_tables, comparison_choices, comparison_table

PRIVATE = Links("commissioning:awards", "commissioning:decisions")
PUBLIC = Links("commissioning:published-awards", None)


def _with_csv_urls(request, tables: list[Table]) -> list[Table]:
    query = request.GET.copy()
    for table in tables:
        query["download"] = table.slug
        table.csv_url = f"{request.path}?{query.urlencode()}"
    return tables


def _respond(request, template: str, tables: list[Table], filename: str, context: dict):
    wanted = request.GET.get("download")
    if wanted:
        table = next((table for table in tables if table.slug == wanted), None)
        if table is None:
            raise Http404
        return csv_response(table, f"{filename}-{table.slug}")
    return render(request, template, {**context, "tables": _with_csv_urls(request, tables)})


# The comparison's table: a row per commissioner, hundreds of them, so each row's cells are drawn here, once,
# instead of by the template cell by cell (components/figures_table.html, which the commissioner's page
# uses). The markup is the same; a test holds the two together. `html.escape` escapes as Django's `escape`
# does (which calls it), without the lazy-string wrapper that costs more than the escaping.


def figure_text(value: int | Decimal | str) -> str:
    """A figure as the humanize `intcomma` filter writes it (12,345 and 12,345.60), without the filter's
    per-call locale lookups."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,f}"


_TD = '<td class="govuk-table__cell govuk-table__cell--numeric">'


def _cell_html(cell: Cell) -> str:
    if cell.value is None:
        return f"{_TD}–</td>"
    text = escape(figure_text(cell.value) + cell.suffix)
    if not cell.url:
        return f"{_TD}{text}</td>"
    hidden = f'<span class="govuk-visually-hidden"> {escape(cell.describes)}</span>' if cell.describes else ""
    return f'{_TD}<a class="govuk-link" href="{escape(cell.url)}">{text}{hidden}</a></td>'


def _header_html(row: Row) -> str:
    if row.is_total:
        return f"<strong>{escape(row.label)}</strong>"
    if row.url:
        return f'<a class="govuk-link" href="{escape(row.url)}">{escape(row.label)}</a>'
    return escape(row.label)


@dataclass(frozen=True)
class DrawnRow:
    header: SafeString
    cells: SafeString


def drawn_rows(table: Table) -> list[DrawnRow]:
    """Each row of `table` as the cells of components/figures_table.html, ready to print."""
    return [
        # Safe: every value in them went through `escape` above.
        DrawnRow(mark_safe(_header_html(row)), mark_safe("".join(_cell_html(cell) for cell in row.cells)))  # noqa: S308
        for row in table.rows
    ]


def _comparison(request, *, awards, decisions, links: Links, public_page: bool):
    choices = comparison_choices() if decisions is not None else comparison_choices()[:-1]
    form = FiguresForm(request.GET if "year" in request.GET else None, figures=choices)
    year, figure = form.chosen()
    table = comparison_table(year=year, figure=figure, awards=awards, decisions=decisions, links=links)
    label = financial_year_label(year)
    # `year` names the year in the table's caption, as components/figures_table.html does.
    context = {"form": form, "year": label, "year_label": label, "public_page": public_page}
    if not request.GET.get("download"):
        context["rows"] = drawn_rows(table)
    return _respond(request, "commissioning/figures/comparison.html", [table], f"level-playing-field-{year}", context)


def _commissioner_page(request, commissioner: Organisation, *, awards, decisions, links: Links, public_page: bool):
    form = FiguresForm(request.GET if "year" in request.GET else None)
    year, _ = form.chosen()
    tables = commissioner_tables(commissioner=commissioner, year=year, awards=awards, decisions=decisions, links=links)
    context = {
        "form": form,
        "commissioner": commissioner,
        "year": financial_year_label(year),
        "year_label": financial_year_label(year),
        "public_page": public_page,
        "manages": commissions_for(request.user, commissioner.pk),
    }
    filename = f"level-playing-field-{commissioner.pk}-{year}"
    return _respond(request, "commissioning/figures/commissioner.html", tables, filename, context)


@oversight_only
def comparison(request):
    return _comparison(
        request,
        awards=ContractAward.objects.all(),
        decisions=CommissioningDecision.objects.all(),
        links=PRIVATE,
        public_page=False,
    )


@signed_in
def commissioner_figures(request, commissioner_id: int):
    commissioner = get_object_or_404(Organisation, pk=commissioner_id, kind__in=PUBLIC_BODY_KINDS)
    oversees = request.user.has_role(*OVERSIGHT_ROLES)
    if not (oversees or commissions_for(request.user, commissioner.pk)):
        raise PermissionDenied
    return _commissioner_page(
        request,
        commissioner,
        awards=ContractAward.objects.all(),
        decisions=CommissioningDecision.objects.all(),
        links=PRIVATE,
        public_page=False,
    )


@public
def published_comparison(request):
    return _comparison(request, awards=published_awards(), decisions=None, links=PUBLIC, public_page=True)


@public
def published_commissioner_figures(request, commissioner_id: int):
    commissioner = get_object_or_404(Organisation, pk=commissioner_id, kind__in=PUBLIC_BODY_KINDS)
    return _commissioner_page(
        request, commissioner, awards=published_awards(), decisions=None, links=PUBLIC, public_page=True
    )
