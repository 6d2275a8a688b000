"""Local partnership pages.

Who sees what: anyone reads a council's LSP, its LAAs and its log of the duty to inform, consult and
involve. Staff, and the council officers who act for that council (`acts_for_council`), change them; any
other signed-in person gets 403. Funding-practice returns are private to the council and staff: another
council's returns are 404; the comparison across councils is staff-only.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import public, signed_in, staff_only
from thirdsector.core.spreadsheets import safe_cell
from thirdsector.register.models import Organisation, OrganisationKind

from ..forms.local import AgreementForm, EngagementForm, FundingReturnForm, MemberForm, PartnershipForm, TargetForm
from ..models import FundingPracticeReturn, LocalAreaAgreement, LocalStrategicPartnership, PartnershipMember
from ..selectors.local import (
    COMPARISON_SORTS,
    agreement_for_page,
    engagement_log,
    funding_return_years,
    funding_returns_for_year,
    funding_returns_of_council,
    partnership_for_page,
    partnerships_for_list,
)
from ..services.local import (
    LocalPartnershipError,
    acts_for_council,
    add_partnership_member,
    add_target,
    file_funding_return,
    log_engagement,
    max_targets,
    remove_partnership_member,
    save_partnership,
    start_agreement,
)


def _council(council_id: int) -> Organisation:
    return get_object_or_404(Organisation, pk=council_id, kind=OrganisationKind.LOCAL_AUTHORITY)


def _council_acted_for(request, council_id: int) -> Organisation:
    council = _council(council_id)
    if not acts_for_council(request.user, council):
        raise PermissionDenied
    return council


def _refuse(form, error: LocalPartnershipError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _form_page(request, form, *, heading: str, back_url: str, caption: str = "", extra: dict | None = None):
    context = {"form": form, "heading": heading, "back_url": back_url, "caption": caption, **(extra or {})}
    return render(request, "partnerships/local/form.html", context)


@public
def partnership_list(request):
    page_obj = Paginator(partnerships_for_list(), settings.PARTNERSHIP_LOCAL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "partnerships/local/partnership_list.html", {"page_obj": page_obj})


@public
def partnership_detail(request, council_id: int):
    council = _council(council_id)
    try:
        partnership = partnership_for_page(council.pk)
    except LocalStrategicPartnership.DoesNotExist:
        partnership = None
    context = {
        "council": council,
        "partnership": partnership,
        "can_edit": acts_for_council(request.user, council),
    }
    return render(request, "partnerships/local/partnership_detail.html", context)


@signed_in
def partnership_edit(request, council_id: int):
    council = _council_acted_for(request, council_id)
    partnership = LocalStrategicPartnership.objects.filter(council=council).first()
    form = PartnershipForm(
        request.POST if request.method == "POST" else None,
        instance=partnership,
        initial={} if partnership else {"name": f"{council.name} Local Strategic Partnership"},
    )
    if form.is_valid():
        try:
            save_partnership(council=council, by=request.user, **form.cleaned_data)  # with `reason` on a change
        except LocalPartnershipError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Partnership saved")
            return redirect("partnerships:local-partnership", council_id=council.pk)
    return _form_page(
        request,
        form,
        heading="Local Strategic Partnership",
        caption=council.name,
        back_url=reverse("partnerships:local-partnership", args=[council.pk]),
    )


def _partnership_acted_for(request, council_id: int) -> LocalStrategicPartnership:
    council = _council_acted_for(request, council_id)
    return get_object_or_404(LocalStrategicPartnership, council=council)


@signed_in
def member_add(request, council_id: int):
    partnership = _partnership_acted_for(request, council_id)
    form = MemberForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            add_partnership_member(partnership=partnership, by=request.user, **form.cleaned_data)
        except LocalPartnershipError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Member added")
            return redirect("partnerships:local-partnership", council_id=council_id)
    return _form_page(
        request,
        form,
        heading="Add a member",
        caption=partnership.name,
        back_url=reverse("partnerships:local-partnership", args=[council_id]),
    )


@signed_in
def member_remove(request, council_id: int, member_id: int):
    partnership = _partnership_acted_for(request, council_id)
    member = get_object_or_404(PartnershipMember, pk=member_id, partnership=partnership)
    if request.method != "POST":
        return HttpResponse(status=405)
    remove_partnership_member(member=member, by=request.user)
    messages.success(request, f"{member.organisation.name} removed")
    return redirect("partnerships:local-partnership", council_id=council_id)


@signed_in
def agreement_add(request, council_id: int):
    partnership = _partnership_acted_for(request, council_id)
    form = AgreementForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            agreement = start_agreement(partnership=partnership, by=request.user, **form.cleaned_data)
        except LocalPartnershipError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Agreement added")
            return redirect("partnerships:local-agreement", agreement_id=agreement.pk)
    return _form_page(
        request,
        form,
        heading="Add a Local Area Agreement",
        caption=partnership.name,
        back_url=reverse("partnerships:local-partnership", args=[council_id]),
    )


@public
def agreement_detail(request, agreement_id: int):
    try:
        agreement = agreement_for_page(agreement_id)
    except LocalAreaAgreement.DoesNotExist as error:
        raise Http404 from error
    context = {
        "agreement": agreement,
        "council": agreement.partnership.council,
        "targets": agreement.targets.all(),
        "max_targets": max_targets(),
        "can_edit": acts_for_council(request.user, agreement.partnership.council),
    }
    return render(request, "partnerships/local/agreement_detail.html", context)


@signed_in
def target_add(request, agreement_id: int):
    agreement = get_object_or_404(LocalAreaAgreement.objects.select_related("partnership__council"), pk=agreement_id)
    if not acts_for_council(request.user, agreement.partnership.council):
        raise PermissionDenied
    form = TargetForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            add_target(agreement=agreement, by=request.user, **form.cleaned_data)
        except LocalPartnershipError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Target added")
            return redirect("partnerships:local-agreement", agreement_id=agreement.pk)
    return _form_page(
        request,
        form,
        heading="Add an improvement target",
        caption=str(agreement),
        back_url=reverse("partnerships:local-agreement", args=[agreement.pk]),
        extra={"hint": f"An agreement has at most {max_targets()} targets (setting PARTNERSHIP_LAA_MAX_TARGETS)."},
    )


@public
def engagement_list(request, council_id: int):
    council = _council(council_id)
    page_obj = Paginator(engagement_log(council.pk), settings.PARTNERSHIP_LOCAL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"council": council, "page_obj": page_obj, "can_edit": acts_for_council(request.user, council)}
    return render(request, "partnerships/local/engagement_list.html", context)


@signed_in
def engagement_add(request, council_id: int):
    council = _council_acted_for(request, council_id)
    form = EngagementForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            log_engagement(council=council, by=request.user, **form.cleaned_data)
        except LocalPartnershipError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Engagement logged")
            return redirect("partnerships:local-engagement", council_id=council.pk)
    return _form_page(
        request,
        form,
        heading="Log an engagement activity",
        caption=council.name,
        back_url=reverse("partnerships:local-engagement", args=[council.pk]),
    )


def _council_returns_visible(request, council_id: int) -> Organisation:
    """A council's returns are private: another council's officer gets 404."""
    council = _council(council_id)
    if not acts_for_council(request.user, council):
        raise Http404
    return council


@signed_in
def funding_return_list(request, council_id: int):
    council = _council_returns_visible(request, council_id)
    context = {"council": council, "returns": funding_returns_of_council(council.pk)}
    return render(request, "partnerships/local/funding_return_list.html", context)


@signed_in
def funding_return_file(request, council_id: int, year: int | None = None):
    council = _council_returns_visible(request, council_id)
    instance = None
    if year is not None:
        instance = get_object_or_404(FundingPracticeReturn, council=council, year=year)
    form = FundingReturnForm(request.POST if request.method == "POST" else None, instance=instance)
    if instance is not None:
        form.fields["year"].disabled = True
    if form.is_valid():
        figures = dict(form.cleaned_data)
        filed_year = figures.pop("year")
        if instance is None and FundingPracticeReturn.objects.filter(council=council, year=filed_year).exists():
            form.add_error("year", f"A return for {filed_year} to {filed_year + 1} is already filed: change that one")
        else:
            try:
                file_funding_return(council=council, year=filed_year, by=request.user, **figures)
            except LocalPartnershipError as error:
                _refuse(form, error)
            else:
                messages.success(request, "Funding return saved")
                return redirect("partnerships:local-funding-returns", council_id=council.pk)
    return _form_page(
        request,
        form,
        heading="Funding practice return",
        caption=council.name,
        back_url=reverse("partnerships:local-funding-returns", args=[council.pk]),
    )


def _comparison(request):
    years = funding_return_years()
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    sort = request.GET.get("sort") if request.GET.get("sort") in COMPARISON_SORTS else "council"
    return year, sort, years, list(funding_returns_for_year(year, sort))


@staff_only
def funding_comparison(request):
    year, sort, years, rows = _comparison(request)
    context = {"year": year, "sort": sort, "years": years, "rows": rows, "sorts": COMPARISON_SORTS}
    return render(request, "partnerships/local/funding_comparison.html", context)


COMPARISON_COLUMNS = [
    "Council",
    "Year",
    "Total",
    "Grants",
    "Contracts",
    "Three years or more",
    "One year or less",
    "Share three years or more (%)",
    "Notice before cuts",
    "Payment in advance",
    "Small grants (number)",
    "Small grants (amount)",
]


@staff_only
def funding_comparison_csv(request):
    year, _sort, _years, rows = _comparison(request)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="funding-returns-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(COMPARISON_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                safe_cell(row.council.name),
                f"{row.year} to {row.year + 1}",
                row.total,
                row.grants,
                row.contracts,
                row.three_years_or_more,
                row.one_year_or_less,
                "" if row.share_three_years_or_more is None else f"{row.share_three_years_or_more:.1f}",
                row.get_notice_before_cuts_display(),
                row.get_payment_in_advance_display(),
                row.small_grants_count,
                row.small_grants_amount,
            ]
        )
    return response
