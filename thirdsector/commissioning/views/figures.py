"""The level playing field figures pages.

Private figures count every award, published or not, and the decisions: a commissioner's officers see
their own commissioner's page, staff and the Compact Commissioner every commissioner's and the comparison
across commissioners; the cells link to the private lists. The public figures count published awards only
and link to the public list of awards. Every table downloads as CSV (`?download=<table>`).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from thirdsector.accounts.access import OVERSIGHT_ROLES, oversight_only, public, signed_in
from thirdsector.core.tables import Table, csv_response
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


def _comparison(request, *, awards, decisions, links: Links, public_page: bool):
    choices = comparison_choices() if decisions is not None else comparison_choices()[:-1]
    form = FiguresForm(request.GET if "year" in request.GET else None, figures=choices)
    year, figure = form.chosen()
    table = comparison_table(year=year, figure=figure, awards=awards, decisions=decisions, links=links)
    label = financial_year_label(year)
    # `year` names the year in each table's caption (components/figures_table.html).
    context = {"form": form, "year": label, "year_label": label, "public_page": public_page}
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
