"""Opportunity pages: the public page of an opportunity and its commissioner's pages to draft, open and
close it, add lots, and see who is interested and, after the closing date, who bid.

Who sees what: anyone reads an open, closed or awarded opportunity; a draft or cancelled one is its
commissioner's (404 for everyone else). Interest is seen by the commissioner's officers; bids by them
only after the closing date (before, the page says they are sealed).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.access import can_see_history, public, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, available_steps, take

from ..forms.opportunities import LotForm, OpportunityForm
from ..forms.plans import StepForm
from ..models import CommissioningPlan, Opportunity, PlanStatus, commissions_for
from ..selectors.opportunities import bids_for, interest_in, opportunity_for_page, organisations_acted_for
from ..selectors.plans import commissioners_acted_for
from ..services.opportunities import add_lot, create_opportunity, update_opportunity
from ..services.plans import CommissioningError
from .plans import commissioning_officers, form_page, refuse

OPPORTUNITY_STEPS = {
    "open": "Open for interest and bids",
    "close": "Close the opportunity",
    "cancel": "Cancel the opportunity",
}


def visible_opportunity(request, pk: int) -> Opportunity:
    opportunity = opportunity_for_page(pk)
    if opportunity is None:
        raise Http404
    if not opportunity.is_public and not commissions_for(request.user, opportunity.commissioner_id):
        raise Http404
    return opportunity


def editable_opportunity(request, pk: int) -> Opportunity:
    """The opportunity, if this person commissions for its body: 403 if they may see it, 404 if not."""
    opportunity = Opportunity.objects.select_related("commissioner").filter(pk=pk).first()
    if opportunity is None:
        raise Http404
    if not commissions_for(request.user, opportunity.commissioner_id):
        if opportunity.is_public:
            raise PermissionDenied
        raise Http404
    return opportunity


@public
def opportunity_detail(request, pk: int):
    opportunity = visible_opportunity(request, pk)
    officer = commissions_for(request.user, opportunity.commissioner_id)
    organisations = list(organisations_acted_for(request.user)) if request.user.is_authenticated else []
    return render(
        request,
        "commissioning/opportunities/detail.html",
        {
            "opportunity": opportunity,
            "officer": officer,
            # Marking as awarded is the award step's (the awards pages), not a button here.
            "steps": [step for step in available_steps(opportunity, request.user) if step.name in OPPORTUNITY_STEPS]
            if officer
            else [],
            "acts_for_an_organisation": bool(organisations) and not officer,
            "can_see_history": officer or can_see_history(request.user),
            "today": timezone.localdate(),
        },
    )


@commissioning_officers
def opportunity_create(request):
    commissioners = list(commissioners_acted_for(request.user))
    if not commissioners:
        raise PermissionDenied
    plans = CommissioningPlan.objects.filter(
        commissioner__in=commissioners, status__in=[PlanStatus.PUBLISHED, PlanStatus.SPECIFICATION_FIXED]
    ).order_by("title")
    initial = {}
    plan = plans.filter(pk=request.GET.get("plan") or 0).first() if request.GET.get("plan", "").isdigit() else None
    if plan is not None:
        initial = {
            "plan": plan,
            "commissioner": plan.commissioner,
            "title": plan.title,
            "policy_area": plan.service_area,
            "length_months": plan.duration_months,
            "areas": list(plan.areas.all()),
        }
    form = OpportunityForm(request.POST or None, initial=initial, commissioners=commissioners, plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = create_opportunity(**form.cleaned_data, by=request.user)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Opportunity drafted. Add its lots, then open it.")
            return redirect(opportunity)
    return form_page(request, form, heading="Offer an opportunity", back_url=reverse("commissioning:portal"))


@commissioning_officers
def opportunity_edit(request, pk: int):
    opportunity = editable_opportunity(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, commissioners=[], plans=[])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = data.pop("areas")
        opportunity.refresh_from_db()
        try:
            update_opportunity(
                opportunity=opportunity, areas=areas, by=request.user, reason="Opportunity changed", **data
            )
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Opportunity saved")
            return redirect(opportunity)
    return form_page(
        request,
        form,
        heading="Change the opportunity",
        caption=opportunity.title,
        back_url=opportunity.get_absolute_url(),
    )


@commissioning_officers
def lot_add(request, pk: int):
    opportunity = editable_opportunity(request, pk)
    form = LotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lot = add_lot(opportunity=opportunity, by=request.user, **form.cleaned_data)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, f"Lot {lot.number} added")
            return redirect(opportunity)
    return form_page(
        request, form, heading="Add a lot", caption=opportunity.title, back_url=opportunity.get_absolute_url()
    )


@commissioning_officers
def opportunity_step(request, pk: int, step: str):
    opportunity = editable_opportunity(request, pk)
    if step not in OPPORTUNITY_STEPS:
        raise Http404
    label = OPPORTUNITY_STEPS[step]
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take(opportunity, step, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as error:
            opportunity.refresh_from_db()
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{opportunity.title}: {opportunity.get_status_display().lower()}")
            return redirect(opportunity)
    return form_page(
        request, form, heading=label, caption=opportunity.title, back_url=opportunity.get_absolute_url(), button=label
    )


@commissioning_officers
def interest_list(request, pk: int):
    opportunity = editable_opportunity(request, pk)
    return render(
        request,
        "commissioning/opportunities/interest.html",
        {"opportunity": opportunity, "interest": list(interest_in(opportunity))},
    )


@commissioning_officers
def bid_list(request, pk: int):
    """The bids, lot by lot, once the closing date has passed; sealed before."""
    opportunity = editable_opportunity(request, pk)
    unsealed = opportunity.bids_visible_to_commissioner
    return render(
        request,
        "commissioning/opportunities/bids.html",
        {"opportunity": opportunity, "unsealed": unsealed, "bids": list(bids_for(opportunity)) if unsealed else []},
    )


@signed_in
def opportunity_history(request, pk: int):
    opportunity = Opportunity.objects.select_related("commissioner").filter(pk=pk).first()
    if opportunity is None:
        raise Http404
    if not (commissions_for(request.user, opportunity.commissioner_id) or can_see_history(request.user)):
        if opportunity.is_public:
            raise PermissionDenied
        raise Http404
    return render(
        request,
        "commissioning/plans/history.html",
        {"record": opportunity, "history": history_of(opportunity), "back_url": opportunity.get_absolute_url()},
    )
