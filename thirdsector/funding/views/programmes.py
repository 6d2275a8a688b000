"""Programme pages for the staff who run them: the list, the dashboard, and setting a programme up.

Department staff and platform admins run every programme; fund administrators run the programmes
their body administers (permissions.runs_programme), and anyone else is refused with 403.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.access import is_staff, roles_required, staff_only
from thirdsector.register.models import Organisation

from ..errors import FundingError
from ..financial_years import financial_year_of
from ..forms.programmes import BudgetForm, CriterionForm, EligibilityForm, ProgrammeForm, ReasonForm, RoundForm
from ..models import Criterion, EligibilityRules, Programme, Round
from ..permissions import runs_programme
from ..selectors.lists import COMMITTED, DUE
from ..selectors.programmes import (
    PROGRAMME_ROLES,
    criteria_of,
    eligibility_summary,
    programme_dashboard,
    programme_for_page,
    programmes_run_by,
)
from ..services.programmes import (
    add_criterion,
    create_programme,
    remove_criterion,
    set_programme_budget,
    update_criterion,
    update_eligibility_rules,
    update_programme,
    update_round,
)
from ..services.programmes import create_round as create_round_service

# How many financial years either side of this one the budget form offers.
BUDGET_YEARS_BACK, BUDGET_YEARS_AHEAD = 2, 5


def _programme_run_by(request, slug: str) -> Programme:
    try:
        programme = programme_for_page(slug)
    except Programme.DoesNotExist as error:
        raise Http404 from error
    if not runs_programme(request.user, programme):
        raise PermissionDenied
    return programme


def _list_url(name: str, **filters) -> str:
    return reverse(name) + "?" + urlencode({key: value for key, value in filters.items() if value not in (None, "")})


@roles_required(*PROGRAMME_ROLES)
def programme_list(request):
    programmes = programmes_run_by(request.user)
    return render(
        request,
        "funding/programmes/programme_list.html",
        {"programmes": programmes, "can_create": is_staff(request.user)},
    )


@roles_required(*PROGRAMME_ROLES)
def programme_detail(request, slug: str):
    """The programme's dashboard: every figure links to the list it was counted from."""
    programme = _programme_run_by(request, slug)
    dashboard = programme_dashboard(programme, today=timezone.localdate())
    pk = programme.pk
    status_rows = [
        {"row": row, "url": _list_url("funding:applications", programme=pk, status=row.status)}
        for row in dashboard.applications_by_status
    ]
    budget_rows = [
        {
            "budget": budget,
            "url": _list_url("funding:awards", programme=pk, status=COMMITTED, financial_year=budget.financial_year),
        }
        for budget in dashboard.budgets
    ]
    round_rows = [
        {"round": round_, "url": _list_url("funding:applications", programme=pk, round=round_.pk)}
        for round_ in dashboard.rounds
    ]
    return render(
        request,
        "funding/programmes/programme_detail.html",
        {
            "programme": programme,
            "dashboard": dashboard,
            "status_rows": status_rows,
            "budget_rows": budget_rows,
            "round_rows": round_rows,
            "applications_url": _list_url("funding:applications", programme=pk),
            "due_url": _list_url(
                "funding:payment-list",
                programme=pk,
                status=DUE,
                due_from=dashboard.due_from,
                due_to=dashboard.due_until,
            ),
            "held_url": _list_url("funding:payment-list", programme=pk, status="held"),
            "short_url": _list_url("funding:awards", programme=pk, status=COMMITTED, short_only="on"),
            "current_year": financial_year_of(timezone.localdate()),
            "can_create_programme": is_staff(request.user),
        },
    )


def _bodies_for(user):
    """Staff may name any administering body; a fund administrator only their own."""
    if is_staff(user):
        return None
    return Organisation.objects.filter(pk__in=user.memberships.values("organisation_id"))


def _programme_fields(cleaned: dict) -> tuple[dict, str]:
    data = dict(cleaned)
    return data, data.pop("reason")


@staff_only
def programme_create(request):
    form = ProgrammeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fields, reason = _programme_fields(form.cleaned_data)
        try:
            programme = create_programme(by=request.user, reason=reason, **fields)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{programme.name} has been set up. Now give it a budget for each year.")
            return redirect("funding:programme-budgets", slug=programme.slug)
    return render(request, "funding/programmes/programme_form.html", {"form": form, "creating": True})


@roles_required(*PROGRAMME_ROLES)
def programme_edit(request, slug: str):
    programme = _programme_run_by(request, slug)
    form = ProgrammeForm(
        request.POST if request.method == "POST" else None,
        instance=Programme.objects.get(pk=programme.pk),
        bodies=_bodies_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        fields, reason = _programme_fields(form.cleaned_data)
        try:
            programme = update_programme(programme=programme, by=request.user, reason=reason, **fields)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The programme's details have been saved")
            return redirect(programme)
    return render(request, "funding/programmes/programme_form.html", {"form": form, "programme": programme})


@roles_required(*PROGRAMME_ROLES)
def programme_budgets(request, slug: str):
    """Each financial year's budget, what awards hold of it, and a form to set one."""
    programme = _programme_run_by(request, slug)
    this_year = financial_year_of(timezone.localdate())
    budgets = list(programme.budgets.order_by("financial_year"))
    years = sorted(
        {
            *range(this_year - BUDGET_YEARS_BACK, this_year + BUDGET_YEARS_AHEAD + 1),
            *(b.financial_year for b in budgets),
        }
    )
    form = BudgetForm(request.POST if request.method == "POST" else None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            budget = set_programme_budget(
                programme=programme,
                financial_year=form.cleaned_data["financial_year"],
                amount=form.cleaned_data["amount"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except FundingError as error:
            form.add_error("amount", str(error))
        else:
            messages.success(request, f"The budget for {budget.financial_year_label} has been saved")
            return redirect("funding:programme-budgets", slug=programme.slug)
    return render(
        request, "funding/programmes/budgets.html", {"programme": programme, "budgets": budgets, "form": form}
    )


@roles_required(*PROGRAMME_ROLES)
def programme_eligibility(request, slug: str):
    programme = _programme_run_by(request, slug)
    rules, _created = EligibilityRules.objects.get_or_create(programme=programme)
    form = EligibilityForm(request.POST if request.method == "POST" else None, instance=rules)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, areas = data.pop("reason"), data.pop("areas")
        try:
            update_eligibility_rules(programme=programme, by=request.user, reason=reason, areas=areas, **data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The eligibility rules have been saved. They apply to applications from now on.")
            return redirect("funding:programme-eligibility", slug=programme.slug)
    rules = EligibilityRules.objects.prefetch_related("areas").get(pk=rules.pk)
    return render(
        request,
        "funding/programmes/eligibility.html",
        {"programme": programme, "form": form, "summary": eligibility_summary(rules)},
    )


@roles_required(*PROGRAMME_ROLES)
def programme_criteria(request, slug: str):
    """The assessment criteria, and a form to add one."""
    programme = _programme_run_by(request, slug)
    form = CriterionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        criterion = add_criterion(programme=programme, by=request.user, reason=reason, **data)
        messages.success(request, f"{criterion.name} has been added")
        return redirect("funding:programme-criteria", slug=programme.slug)
    criteria = list(criteria_of(programme))
    total_weight = sum(criterion.weight for criterion in criteria)
    return render(
        request,
        "funding/programmes/criteria.html",
        {"programme": programme, "criteria": criteria, "total_weight": total_weight, "form": form},
    )


@roles_required(*PROGRAMME_ROLES)
def criterion_edit(request, slug: str, pk: int):
    programme = _programme_run_by(request, slug)
    criterion = get_object_or_404(Criterion, pk=pk, programme=programme)
    form = CriterionForm(request.POST if request.method == "POST" else None, instance=Criterion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        update_criterion(criterion=criterion, by=request.user, reason=reason, **data)
        messages.success(request, f"{criterion.name} has been saved")
        return redirect("funding:programme-criteria", slug=programme.slug)
    return render(
        request,
        "funding/programmes/criterion_form.html",
        {"programme": programme, "criterion": criterion, "form": form},
    )


@roles_required(*PROGRAMME_ROLES)
def criterion_remove(request, slug: str, pk: int):
    programme = _programme_run_by(request, slug)
    criterion = get_object_or_404(Criterion, pk=pk, programme=programme)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            remove_criterion(criterion=criterion, by=request.user, reason=form.cleaned_data["reason"])
        except FundingError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, f"{criterion.name} has been removed")
            return redirect("funding:programme-criteria", slug=programme.slug)
    return render(
        request,
        "funding/programmes/criterion_remove.html",
        {"programme": programme, "criterion": criterion, "form": form},
    )


@roles_required(*PROGRAMME_ROLES)
def round_create(request, slug: str):
    programme = _programme_run_by(request, slug)
    form = RoundForm(request.POST if request.method == "POST" else None, instance=Round(programme=programme))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            round_ = create_round_service(programme=programme, by=request.user, reason=reason, **data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{round_.name} has been added")
            return redirect(programme)
    return render(
        request, "funding/programmes/round_form.html", {"programme": programme, "form": form, "creating": True}
    )


@roles_required(*PROGRAMME_ROLES)
def round_edit(request, pk: int):
    round_ = get_object_or_404(Round.objects.select_related("programme"), pk=pk)
    programme = round_.programme
    if not runs_programme(request.user, programme):
        raise PermissionDenied
    form = RoundForm(request.POST if request.method == "POST" else None, instance=Round.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            round_ = update_round(round_=round_, by=request.user, reason=reason, **data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{round_.name} has been saved")
            return redirect(programme)
    return render(
        request, "funding/programmes/round_form.html", {"programme": programme, "round": round_, "form": form}
    )
