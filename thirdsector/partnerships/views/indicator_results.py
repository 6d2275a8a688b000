"""Councils' yearly results against their LAA targets.

Who: a council officer acting for the council (`acts_for_council`: staff, or an officer who administers or
edits the council's record) records a result on the agreement's page; anyone else signed in gets 403. The
list of every council's result for NI 6 or NI 7 in a year, behind the strategy's indicators, is staff-only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import signed_in, staff_only
from thirdsector.core.tables import Cell, Row, Table, csv_response

from ..forms.indicator_results import IndicatorResultForm
from ..models import LocalAreaAgreement, NationalIndicator
from ..selectors.indicator_results import results_for_indicator, results_of_agreement
from ..selectors.indicators import NI_THIRD_SECTOR, NI_VOLUNTEERING
from ..services.indicator_results import record_result
from ..services.local import LocalPartnershipError, acts_for_council


@signed_in
def result_record(request, agreement_id: int):
    agreement = get_object_or_404(LocalAreaAgreement.objects.select_related("partnership__council"), pk=agreement_id)
    if not acts_for_council(request.user, agreement.partnership.council):
        raise PermissionDenied
    form = IndicatorResultForm(request.POST if request.method == "POST" else None, agreement=agreement)
    if form.is_valid():
        try:
            record_result(agreement=agreement, by=request.user, **form.cleaned_data)
        except LocalPartnershipError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "Result recorded")
            return redirect("partnerships:local-agreement", agreement_id=agreement.pk)
    context = {
        "form": form,
        "agreement": agreement,
        "results": results_of_agreement(agreement.pk),
        "back_url": reverse("partnerships:local-agreement", args=[agreement.pk]),
    }
    return render(request, "partnerships/indicator_results/record.html", context)


def _filters(request) -> tuple[NationalIndicator, int, int | None]:
    """The indicator (NI 6 or NI 7), year and, optionally, council the list is for; anything else is 404."""
    try:
        number, year = int(request.GET.get("ni", "")), int(request.GET.get("year", ""))
        council = int(request.GET["council"]) if request.GET.get("council") else None
    except ValueError as error:
        raise Http404("ni and year must be numbers") from error
    if number not in (NI_VOLUNTEERING, NI_THIRD_SECTOR):
        raise Http404("Only NI 6 and NI 7 are listed here")
    return get_object_or_404(NationalIndicator, number=number), year, council


def _table(request) -> tuple[Table, list]:
    indicator, year, council = _filters(request)
    results = results_for_indicator(indicator.number, year)
    if council is not None:
        results = results.filter(target__agreement__partnership__council_id=council)
    results = list(results)
    table = Table(
        f"ni{indicator.number}-{year}",
        f"NI {indicator.number} {indicator.name}: results reported for {year}",
        "Council",
        ["GSS code", "Result (%)", "Baseline (%)", "Target", "Source and evidence"],
        empty="No council has reported a result for this year.",
    )
    for result in results:
        council_row = result.target.agreement.partnership.council
        table.rows.append(
            Row(
                council_row.name,
                [
                    Cell(council_row.local_authority.gss_code if council_row.local_authority else ""),
                    Cell(result.value),
                    Cell(result.baseline),
                    Cell(result.target.target),
                    Cell(result.source),
                ],
                url=reverse("partnerships:local-agreement", args=[result.target.agreement_id]),
            )
        )
    return table, results


@staff_only
def results_list(request):
    table, results = _table(request)
    return render(
        request,
        "partnerships/indicator_results/list.html",
        {"table": table, "rows": results, "query": request.GET.urlencode()},
    )


@staff_only
def results_csv(request):
    table, _results = _table(request)
    return csv_response(table, table.slug)
