"""The sector's side: registering interest, forming consortia, confirming membership, and bidding.

Everything here is for signed-in members of organisations: an editor acts for their organisation
(registers interest, forms a consortium it leads, bids); an administrator confirms their organisation
belongs to a consortium. A bid is seen by its bidder (the lead's members and the consortium members'
members) and, after the closing date, by the commissioner; anyone else gets 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from thirdsector.accounts.access import can_see_history, signed_in
from thirdsector.accounts.roles import MembershipRole
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, available_steps

from ..forms.bids import BidForm, ConsortiumForm
from ..forms.opportunities import InterestForm
from ..forms.plans import StepForm
from ..models import Bid, Consortium, ConsortiumMember, MemberStatus, commissions_for
from ..models.bids import acts_for_organisation
from ..selectors.opportunities import (
    bids_of,
    consortia_of,
    interest_of,
    invitations_for,
    organisations_acted_for,
)
from ..services.bids import answer_membership, create_consortium, start_bid, submit_bid, withdraw_bid
from ..services.opportunities import register_interest
from ..services.plans import CommissioningError
from .opportunities import visible_opportunity
from .plans import form_page, refuse

# Rows of each list on an organisation's page (its newest interest and bids).
MY_ROWS = 100


def _editable_organisations(request):
    organisations = list(organisations_acted_for(request.user))
    if not organisations:
        raise PermissionDenied
    return organisations


@signed_in
def my_commissioning(request):
    """An organisation member's page: interest registered, consortia, invitations to confirm, bids."""
    organisations = organisations_acted_for(request.user, roles=list(MembershipRole))
    return render(
        request,
        "commissioning/bids/mine.html",
        {
            "interest": list(interest_of(organisations)[:MY_ROWS]),
            "consortia": list(consortia_of(organisations)),
            "invitations": list(invitations_for(request.user)),
            "bids": list(bids_of(organisations)[:MY_ROWS]),
            "rows": MY_ROWS,
        },
    )


@signed_in
def interest_register(request, pk: int):
    opportunity = visible_opportunity(request, pk)
    form = InterestForm(request.POST or None, organisations=_editable_organisations(request))
    if request.method == "POST" and form.is_valid():
        try:
            register_interest(opportunity=opportunity, by=request.user, **form.cleaned_data)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, f"Interest registered for {form.cleaned_data['organisation'].name}")
            return redirect(opportunity)
    return form_page(
        request,
        form,
        heading="Register interest",
        caption=opportunity.title,
        back_url=opportunity.get_absolute_url(),
        button="Register interest",
    )


@signed_in
def consortium_create(request):
    form = ConsortiumForm(request.POST or None, organisations=_editable_organisations(request))
    if request.method == "POST" and form.is_valid():
        try:
            consortium = create_consortium(by=request.user, **form.cleaned_data)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Consortium formed. Each member's administrator is asked to confirm.")
            return redirect("commissioning:consortium", pk=consortium.pk)
    return form_page(
        request,
        form,
        heading="Form a consortium",
        back_url=reverse("commissioning:mine"),
        extra={
            "hint": "Small organisations can bid together under a lead. The lead makes the bids; "
            "every member must be in the register and confirm it belongs."
        },
    )


def _consortium_seen_by(request, pk: int) -> Consortium:
    consortium = Consortium.objects.select_related("lead").filter(pk=pk).first()
    if consortium is None:
        raise Http404
    organisations = {o.pk for o in organisations_acted_for(request.user, roles=list(MembershipRole))}
    member_ids = set(consortium.members.values_list("organisation_id", flat=True))
    if not ({consortium.lead_id, *member_ids} & organisations or can_see_history(request.user)):
        raise Http404
    return consortium


@signed_in
def consortium_detail(request, pk: int):
    consortium = _consortium_seen_by(request, pk)
    members = list(consortium.members.select_related("organisation", "answered_by"))
    for member in members:
        member.can_answer = member.status == MemberStatus.INVITED and acts_for_organisation(
            request.user, member.organisation_id, roles=[MembershipRole.ADMINISTRATOR]
        )
    return render(
        request,
        "commissioning/bids/consortium.html",
        {
            "consortium": consortium,
            "members": members,
            "bids": list(consortium.bids.select_related("lot", "lot__opportunity")),
            "history": history_of(consortium) if can_see_history(request.user) else None,
        },
    )


@signed_in
def member_answer(request, pk: int, member_id: int):
    """A member organisation's administrator confirms it belongs to the consortium, or declines."""
    consortium = _consortium_seen_by(request, pk)
    member = ConsortiumMember.objects.filter(pk=member_id, consortium=consortium).select_related("organisation").first()
    if member is None:
        raise Http404
    if request.method != "POST":
        return redirect("commissioning:consortium", pk=consortium.pk)
    try:
        answer_membership(member=member, confirm=request.POST.get("answer") == "confirm", by=request.user)
    except TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{member.organisation.name}: {member.get_status_display().lower()}")
    return redirect("commissioning:consortium", pk=consortium.pk)


@signed_in
def bid_create(request, pk: int):
    opportunity = visible_opportunity(request, pk)
    organisations = _editable_organisations(request)
    consortia = list(Consortium.objects.filter(lead__in=organisations).select_related("lead").order_by("name", "id"))
    form = BidForm(
        request.POST or None,
        lots=opportunity.lots.order_by("number"),
        organisations=organisations,
        consortia=consortia,
    )
    if request.method == "POST" and form.is_valid():
        organisation, consortium = form.bidder_parts()
        try:
            bid = start_bid(
                lot=form.cleaned_data["lot"],
                organisation=organisation,
                consortium=consortium,
                price=form.cleaned_data["price"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Bid saved as a draft. Check it, then submit it.")
            return redirect("commissioning:bid", pk=bid.pk)
    return form_page(
        request,
        form,
        heading="Make a bid",
        caption=opportunity.title,
        back_url=opportunity.get_absolute_url(),
        button="Save the bid",
    )


def _bid_seen_by(request, pk: int) -> Bid:
    bid = (
        Bid.objects.select_related(
            "lot", "lot__opportunity", "lot__opportunity__commissioner", "organisation", "consortium"
        )
        .filter(pk=pk)
        .first()
    )
    if bid is None:
        raise Http404
    organisations = {o.pk for o in organisations_acted_for(request.user, roles=list(MembershipRole))}
    members = set(bid.consortium.members.values_list("organisation_id", flat=True)) if bid.consortium_id else set()
    bidder_side = bool({bid.organisation_id, *members} & organisations)
    commissioner_side = (
        commissions_for(request.user, bid.lot.opportunity.commissioner_id)
        and bid.lot.opportunity.bids_visible_to_commissioner
    )
    if not (bidder_side or commissioner_side):
        raise Http404
    return bid


@signed_in
def bid_detail(request, pk: int):
    bid = _bid_seen_by(request, pk)
    return render(
        request,
        "commissioning/bids/bid.html",
        {
            "bid": bid,
            "steps": [step for step in available_steps(bid, request.user) if step.name in BID_STEPS],
            "history": history_of(bid),
        },
    )


BID_STEPS = {"submit": "Submit the bid", "withdraw": "Withdraw the bid"}


@signed_in
def bid_step(request, pk: int, step: str):
    bid = _bid_seen_by(request, pk)
    if step not in BID_STEPS:
        raise Http404
    if not acts_for_organisation(request.user, bid.organisation_id):
        raise PermissionDenied
    label = BID_STEPS[step]
    form = StepForm(request.POST or None, initial={"reason": "Ready to submit" if step == "submit" else ""})
    if request.method == "POST" and form.is_valid():
        service = submit_bid if step == "submit" else withdraw_bid
        try:
            service(bid=bid, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as error:
            bid.refresh_from_db()
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Bid {bid.get_status_display().lower()}")
            return redirect("commissioning:bid", pk=bid.pk)
    back_url = reverse("commissioning:bid", args=[bid.pk])
    return form_page(request, form, heading=label, caption=str(bid), back_url=back_url, button=label)
