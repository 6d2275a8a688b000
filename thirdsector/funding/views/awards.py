"""Award pages: the award itself, drafting one, its steps, variations and money coming back.

Staff who run the programme and members of the organisation see the whole award; anyone else sees
the public summary once it is published, and nothing (404) before. Each step is refused with 404 to
people who cannot see the award and 403 to those who see it but may not take that step.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thirdsector.accounts.access import public, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import available_steps

from ..errors import FundingError, TransitionRefused
from ..forms.awards import (
    AwardForm,
    AwardStepForm,
    OfferForm,
    RecoveryForm,
    RecoveryReceivedForm,
    VariationDecisionForm,
    VariationRequestForm,
)
from ..models import Application, Award, AwardStatus, Recovery, Variation, VariationStatus
from ..permissions import runs_programme, sees_organisation_funding
from ..selectors.awards import application_for_award, award_for_page, published_award
from ..services.awards import STEP_SERVICES, create_award, ends_on_for, months_between
from ..services.notices import notice_lead_days, notice_status
from ..services.variations import (
    approve_variation,
    mark_recovery_received,
    may_request_variation,
    record_recovery,
    refuse_variation,
    request_variation,
)

STATUS_TAG_COLOURS = {
    AwardStatus.DRAFT: "govuk-tag--grey",
    AwardStatus.APPROVED: "govuk-tag--light-blue",
    AwardStatus.OFFERED: "govuk-tag--yellow",
    AwardStatus.ACCEPTED: "govuk-tag--green",
    AwardStatus.DECLINED: "govuk-tag--orange",
    AwardStatus.WITHDRAWN: "govuk-tag--red",
    AwardStatus.CLOSED: "govuk-tag--grey",
}

# Each step's page: heading, button and the message once taken.
STEP_PAGES = {
    "approve": ("Approve the award", "Approve and commit the budget", "The award is approved and its budget committed"),
    "offer": ("Offer the award", "Send the offer", "The offer has been sent to the organisation's administrators"),
    "accept": ("Accept the offer", "Accept the offer", "You have accepted the offer"),
    "decline": ("Decline the offer", "Decline the offer", "You have declined the offer"),
    "withdraw": ("Withdraw the award", "Withdraw the award", "The award has been withdrawn"),
    "close": ("Close the award", "Close the award", "The award is closed"),
}


def _may_see(user, award: Award) -> bool:
    return runs_programme(user, award.programme) or sees_organisation_funding(user, award.organisation_id)


def _award_for(user, reference: str) -> Award:
    """The award if `user` may see all of it; 404 otherwise, so its existence stays private."""
    try:
        award = award_for_page(reference)
    except Award.DoesNotExist as error:
        raise Http404 from error
    if not _may_see(user, award):
        raise Http404
    return award


def _may_ever_take(award: Award, step: str, user) -> bool:
    """Whether the step's permission lets `user` through, whatever state the award is in now."""
    transitions = getattr(award, step)._django_fsm.transitions.values()
    return any(transition.permission is None or transition.permission(award, user) for transition in transitions)


@public
def award_detail(request, reference: str):
    user = request.user
    try:
        award = award_for_page(reference)
    except Award.DoesNotExist as error:
        raise Http404 from error
    if not _may_see(user, award):
        today = timezone.localdate()
        if award.published_on is None or award.published_on > today:
            raise Http404
        return render(request, "funding/awards/award_public.html", {"award": published_award(reference, today=today)})
    staff = runs_programme(user, award.programme)
    return render(
        request,
        "funding/awards/award_detail.html",
        {
            "award": award,
            "status_tag": STATUS_TAG_COLOURS.get(award.status, ""),
            "steps": available_steps(award, user),
            "step_form": AwardStepForm(),
            "notice": notice_status(award),
            "notice_lead_days": notice_lead_days(),
            "runs_programme": staff,
            "can_request_variation": award.status == AwardStatus.ACCEPTED and may_request_variation(user, award),
            "history": history_of(award),
        },
    )


@signed_in
def award_step(request, reference: str):
    """A step on the award: the reason is asked for here (or on the award page) and kept in its history."""
    award = _award_for(request.user, reference)
    step = request.POST.get("step") if request.method == "POST" else request.GET.get("step")
    if step not in STEP_SERVICES:
        raise Http404
    if not _may_ever_take(award, step, request.user):
        raise PermissionDenied
    heading, button, done = STEP_PAGES[step]
    form_class = OfferForm if step == "offer" else AwardStepForm
    # The award page's own reason box posts here with only a reason; the offer's conditions come from the award.
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and step == "offer" and "conditions" not in data:
        data["conditions"] = award.conditions
    form = form_class(data, initial={"conditions": award.conditions} if step == "offer" else None)
    if request.method == "POST" and form.is_valid():
        arguments = dict(form.cleaned_data)
        try:
            STEP_SERVICES[step](award=award, by=request.user, **arguments)
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(award)
    return render(
        request,
        "funding/awards/award_step.html",
        {"award": award, "step": step, "heading": heading, "button": button, "form": form},
    )


@signed_in
def award_create(request, reference: str):
    """Staff who run the programme draft the award for an approved application."""
    try:
        application = application_for_award(reference)
    except Application.DoesNotExist as error:
        raise Http404 from error
    programme = application.round.programme
    if not runs_programme(request.user, programme):
        if sees_organisation_funding(request.user, application.organisation_id):
            raise PermissionDenied
        raise Http404
    existing = Award.objects.filter(application=application).first()
    if existing is not None:
        messages.info(request, f"Application {application.reference} already has award {existing.reference}")
        return redirect(existing)
    form = AwardForm(
        request.POST if request.method == "POST" else None,
        default_months=programme.default_grant_months,
        initial={
            "amount": application.amount_requested,
            "starts_on": application.starts_on,
            "months": programme.default_grant_months,
            "payment_frequency": programme.payment_frequency,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            award = create_award(application=application, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Award {award.reference} has been drafted: approve it to commit the budget")
            return redirect(award)
    return render(
        request,
        "funding/awards/award_form.html",
        {"application": application, "programme": programme, "form": form},
    )


@signed_in
def variation_request(request, reference: str):
    """The organisation's editors, or the staff who run the programme, ask to change an accepted award."""
    award = _award_for(request.user, reference)
    if not may_request_variation(request.user, award):
        raise PermissionDenied
    form = VariationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            request_variation(award=award, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The variation has been requested: the award changes only once it is approved")
            return redirect(award)
    return render(
        request,
        "funding/awards/variation_request.html",
        {"award": award, "form": form, "accepted": award.status == AwardStatus.ACCEPTED},
    )


@signed_in
def variation_decision(request, reference: str, pk: int):
    """The staff who run the programme approve or refuse a variation."""
    award = _award_for(request.user, reference)
    variation = get_object_or_404(Variation.objects.select_related("requested_by", "decided_by"), pk=pk, award=award)
    if not runs_programme(request.user, award.programme):
        raise PermissionDenied
    form = VariationDecisionForm(request.POST if request.method == "POST" else None)
    decided = variation.status != VariationStatus.REQUESTED
    if request.method == "POST" and not decided and form.is_valid():
        decide = approve_variation if form.cleaned_data["decision"] == "approve" else refuse_variation
        try:
            variation = decide(variation=variation, by=request.user, reason=form.cleaned_data["reason"])
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The variation has been {variation.get_status_display().lower()}")
            return redirect(award)
    proposed_months = None
    if variation.new_ends_on:
        proposed_months = months_between(award.starts_on, variation.new_ends_on)
    return render(
        request,
        "funding/awards/variation_decision.html",
        {
            "award": award,
            "variation": variation,
            "form": form,
            "decided": decided,
            "proposed_months": proposed_months,
            "proposed_short": proposed_months is not None and proposed_months < award.programme.default_grant_months,
            "default_end": ends_on_for(award.starts_on, award.programme.default_grant_months),
        },
    )


def _staff_award(request, reference: str) -> Award:
    award = _award_for(request.user, reference)
    if not runs_programme(request.user, award.programme):
        raise PermissionDenied
    return award


@signed_in
def recovery_create(request, reference: str):
    """The staff who run the programme record an underspend returned or a clawback."""
    award = _staff_award(request, reference)
    form = RecoveryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_recovery(award=award, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The money coming back has been recorded")
            return redirect(award)
    return render(request, "funding/awards/recovery_form.html", {"award": award, "form": form})


@signed_in
def recovery_received(request, reference: str, pk: int):
    award = _staff_award(request, reference)
    recovery = get_object_or_404(Recovery, pk=pk, award=award)
    form = RecoveryReceivedForm(
        request.POST if request.method == "POST" else None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            mark_recovery_received(recovery=recovery, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The money has been recorded as received")
            return redirect(award)
    return render(
        request, "funding/awards/recovery_received.html", {"award": award, "recovery": recovery, "form": form}
    )
