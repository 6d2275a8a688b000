"""Pages of the small grants fund's allocation to local funders.

Department staff make every change; the Commissioner reads everything; a member of a local funder
sees that funder's own allocations and nothing else (others get 404, as its existence is private).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from thirdsector.accounts.access import is_staff, oversight_only, signed_in, staff_only
from thirdsector.core.audit import history_of
from thirdsector.core.tables import csv_response
from thirdsector.core.workflow import refusal

from ..errors import FundingError
from ..forms.regranting import AdjustForm, DeprivationUploadForm, FundForm, LocalFunderForm, StepForm
from ..models import AllocationFund, DeprivationDataset, FunderAllocation, FundStatus, LocalFunder
from ..selectors import regranting as selectors
from ..services import regranting as services

PAGE_SIZE = 50


def _fund(slug: str) -> AllocationFund:
    try:
        return selectors.fund_for_page(slug)
    except AllocationFund.DoesNotExist as error:
        raise Http404 from error


@oversight_only
def fund_list(request):
    page = Paginator(selectors.funds(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "funding/regranting/fund_list.html", {"page_obj": page, "is_staff": is_staff(request.user)})


@staff_only
def fund_create(request):
    form = FundForm(request.POST if request.method == "POST" else None, initial=services.fund_defaults())
    if request.method == "POST" and form.is_valid():
        try:
            fund = services.create_fund(by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{fund.name} has been set up: calculate its allocation next")
            return redirect(fund)
    return render(request, "funding/regranting/fund_create.html", {"form": form})


def _fund_context(request, fund: AllocationFund) -> dict:
    rows = list(selectors.funder_allocations(fund))
    sums = selectors.totals(fund)
    table = selectors.allocation_table(fund, rows, sums)
    table.csv_url = f"{request.path}table.csv" if request.path.endswith("/") else request.path
    return {"fund": fund, "rows": rows, "sums": sums, "table": table}


@oversight_only
def fund_detail(request, slug: str):
    fund = _fund(slug)
    context = _fund_context(request, fund)
    staff = is_staff(request.user)
    awaiting_approval = staff and fund.status == FundStatus.CALCULATED
    context.update(
        {
            "is_staff": staff,
            # Why this person may not approve (they prepared the figures, say), shown instead of the button.
            "approve_refusal": refusal(fund, "approve", request.user) if awaiting_approval else None,
            "prepared_by_you": awaiting_approval and fund.prepared_by(request.user),
            "adds_up": context["sums"]["amount"] == fund.total,
            "adjustments": selectors.fund_adjustments(fund),
            "history": history_of(fund),
            "step_form": StepForm(),
            # Not once money has been moved: recalculating would undo the adjustments.
            "can_calculate": staff and refusal(fund, "calculate", request.user) is None,
            "can_adjust": staff and fund.status == FundStatus.CALCULATED,
        }
    )
    return render(request, "funding/regranting/fund_detail.html", context)


@oversight_only
def fund_csv(request, slug: str):
    fund = _fund(slug)
    context = _fund_context(request, fund)
    return csv_response(context["table"], f"allocation-{fund.slug}")


def _step_page(request, slug: str, *, step: str, service, done: str, heading: str, button: str):
    """A workflow step's page: a reason, the button, and the refusal in words when it is refused.

    A step the person may not take now is explained before they fill anything in, without the button.
    """
    fund = _fund(slug)
    refused = refusal(fund, step, request.user) if request.method != "POST" else None
    form = StepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(fund=fund, by=request.user, reason=form.cleaned_data["reason"])
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(fund)
    return render(
        request,
        "funding/regranting/fund_step.html",
        {
            "fund": fund,
            "form": form,
            "heading": heading,
            "button": button,
            "approving": step == "approve",
            "refused": refused,
        },
    )


@staff_only
def fund_calculate(request, slug: str):
    return _step_page(
        request, slug, step="calculate", service=services.calculate, done="The allocation has been calculated",
        heading="Calculate the allocation", button="Calculate",
    )  # fmt: skip


@staff_only
def fund_approve(request, slug: str):
    return _step_page(
        request, slug, step="approve", service=services.approve,
        done="The allocation is approved: each local funder has its award and programme",
        heading="Approve the allocation", button="Approve",
    )  # fmt: skip


@staff_only
def fund_adjust(request, slug: str):
    fund = _fund(slug)
    form = AdjustForm(request.POST if request.method == "POST" else None, fund=fund)
    if request.method == "POST" and form.is_valid():
        try:
            services.adjust(fund=fund, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The allocation has been adjusted")
            return redirect(fund)
    return render(request, "funding/regranting/fund_adjust.html", {"fund": fund, "form": form})


@signed_in
def funder_allocation(request, slug: str, pk: int):
    """One local funder's allocation with its areas and adjustments; its members see their own only."""
    try:
        allocation = selectors.funder_allocation_for_page(slug, pk)
    except FunderAllocation.DoesNotExist as error:
        raise Http404 from error
    if not (selectors.oversees(request.user) or selectors.member_of_funder(request.user, allocation.local_funder)):
        raise Http404
    rows = list(selectors.area_rows(allocation))
    table = selectors.area_table(allocation, rows)
    table.csv_url = f"{request.path}areas.csv"
    if request.path.endswith("areas.csv"):
        return csv_response(table, f"allocation-{slug}-{pk}-areas")
    return render(
        request,
        "funding/regranting/funder_allocation.html",
        {
            "allocation": allocation,
            "fund": allocation.fund,
            "table": table,
            "adjustments": selectors.adjustments_of(allocation),
            "oversees": selectors.oversees(request.user),
        },
    )


@oversight_only
def dataset_list(request):
    page = Paginator(selectors.datasets(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "funding/regranting/dataset_list.html", {"page_obj": page, "is_staff": is_staff(request.user)}
    )


@staff_only
def dataset_upload(request):
    form = DeprivationUploadForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.read_deprivation_csv(upload.read())
            result = services.upload_deprivation_scores(
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                rows=rows,
                by=request.user,
                keep_valid_rows=form.cleaned_data["keep_valid_rows"],
                file_name=upload.name,
            )
        except FundingError as error:
            form.add_error("file", str(error))
        else:
            if result.dataset is not None:
                messages.success(
                    request,
                    f"{result.kept} rows saved"
                    + (f"; {len(result.rejected)} rows left out" if result.rejected else ""),
                )
                return redirect(result.dataset)
            form.add_error(
                "file",
                f"{len(result.rejected)} rows were rejected, so nothing was saved: correct them, or tick "
                "“Keep the valid rows” to save the others",
            )
    return render(request, "funding/regranting/dataset_upload.html", {"form": form, "result": result})


@oversight_only
def dataset_detail(request, pk: int):
    dataset = get_object_or_404(DeprivationDataset.objects.select_related("uploaded_by"), pk=pk)
    page = Paginator(dataset.scores.select_related("area").order_by("rank_of_average_score", "id"), PAGE_SIZE)
    return render(
        request,
        "funding/regranting/dataset_detail.html",
        {"dataset": dataset, "page_obj": page.get_page(request.GET.get("page"))},
    )


@oversight_only
def funder_list(request):
    page = Paginator(selectors.local_funders(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "funding/regranting/funder_list.html", {"page_obj": page, "is_staff": is_staff(request.user)}
    )


@staff_only
def funder_create(request):
    return _funder_form(request, None)


@staff_only
def funder_edit(request, pk: int):
    return _funder_form(request, get_object_or_404(LocalFunder.objects.select_related("organisation"), pk=pk))


def _funder_form(request, funder: LocalFunder | None):
    initial = {"areas": list(funder.areas.all()), "capacity": funder.capacity} if funder else {}
    form = LocalFunderForm(
        request.POST if request.method == "POST" else None, initial=initial, organisation_fixed=funder is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.register_local_funder(
                organisation=funder.organisation if funder else form.cleaned_data["organisation"],
                areas=form.cleaned_data["areas"],
                capacity=form.cleaned_data["capacity"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{saved} is registered as a local funder")
            return redirect(saved)
    return render(request, "funding/regranting/funder_form.html", {"form": form, "funder": funder})


@signed_in
def funder_detail(request, pk: int):
    """A local funder's areas and allocations; its own members see it, as do staff and the Commissioner."""
    try:
        funder = selectors.funder_for_page(pk)
    except LocalFunder.DoesNotExist as error:
        raise Http404 from error
    if not (selectors.oversees(request.user) or selectors.member_of_funder(request.user, funder)):
        raise Http404
    return render(
        request,
        "funding/regranting/funder_detail.html",
        {
            "funder": funder,
            "is_staff": is_staff(request.user),
            "history": history_of(funder) if selectors.oversees(request.user) else None,
            "settings": settings,
        },
    )
