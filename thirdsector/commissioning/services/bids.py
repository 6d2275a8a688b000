"""Consortia and bids: small organisations bidding together under a lead, or an organisation on its own.

The rules: every organisation in a consortium is an active register organisation and not a public body;
the lead's editor forms it, each member's administrator confirms (`ConsortiumMember` workflow); a bid is
made through the lead, once per consortium per lot (and once per single organisation per lot), while
the opportunity is open. `mark_outcome` is the award step's way of settling a bid.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation, OrganisationStatus

from ..models import Bid, Consortium, ConsortiumMember, Lot
from ..models.bids import acts_for_organisation
from .plans import CommissioningError


def _check_sector_organisation(organisation: Organisation, *, field: str) -> None:
    if organisation.status != OrganisationStatus.ACTIVE:
        raise CommissioningError(f"{organisation.name} is no longer in the register", field=field)
    if organisation.kind in PUBLIC_BODY_KINDS:
        raise CommissioningError(f"{organisation.name} is a public body, not a sector organisation", field=field)


@transaction.atomic
def create_consortium(*, name: str, lead: Organisation, members: Iterable[Organisation], by) -> Consortium:
    """A consortium led by `lead` (formed by one of its editors); each member is invited to confirm."""
    if not acts_for_organisation(by, lead.pk):
        raise CommissioningError(f"Only an editor of {lead.name}'s record can form a consortium it leads", field="lead")
    _check_sector_organisation(lead, field="lead")
    members = list(dict.fromkeys(members))
    if not members:
        raise CommissioningError("A consortium needs at least one member besides its lead", field="members")
    if lead in members:
        raise CommissioningError(f"{lead.name} leads the consortium; choose the other members", field="members")
    for member in members:
        _check_sector_organisation(member, field="members")
    consortium = Consortium(name=name, lead=lead, created_by=by)
    attribute(consortium, by=by, reason="Consortium formed")
    consortium.save()
    for member in members:
        row = ConsortiumMember(consortium=consortium, organisation=member)
        attribute(row, by=by, reason="Invited to the consortium")
        row.save()
    return consortium


def answer_membership(*, member: ConsortiumMember, confirm: bool, by, reason: str = "") -> ConsortiumMember:
    """The member organisation's administrator confirms it belongs to the consortium, or declines."""
    step = "confirm" if confirm else "decline"
    return take(member, step, by=by, reason=reason or ("Membership confirmed" if confirm else "Membership declined"))


@transaction.atomic
def start_bid(
    *,
    lot: Lot,
    organisation: Organisation,
    price: Decimal,
    summary: str,
    consortium: Consortium | None = None,
    by,
) -> Bid:
    """A draft bid for `lot` by `organisation`, or by `consortium` through its lead."""
    if consortium is not None and consortium.lead_id != organisation.pk:
        raise CommissioningError(f"A consortium bids through its lead, {consortium.lead.name}", field="consortium")
    if not acts_for_organisation(by, organisation.pk):
        raise CommissioningError(f"Only an editor of {organisation.name}'s record can bid for it")
    _check_sector_organisation(organisation, field="consortium")
    if not lot.opportunity.takes_bids:
        raise CommissioningError("This opportunity is not taking bids: it is not open, or its closing date has passed")
    if price <= 0:
        raise CommissioningError("The price must be more than £0", field="price")
    bid = Bid(lot=lot, organisation=organisation, consortium=consortium, price=price, summary=summary, created_by=by)
    attribute(bid, by=by, reason="Bid started")
    try:
        with transaction.atomic():
            bid.save()
    except IntegrityError:
        who = consortium.name if consortium is not None else organisation.name
        raise CommissioningError(
            f"{who} already has a bid for lot {lot.number}; there is one bid per bidder per lot", field="lot"
        ) from None
    return bid


def submit_bid(*, bid: Bid, by, reason: str = "Bid submitted") -> Bid:
    return take(bid, "submit", by=by, reason=reason)


def withdraw_bid(*, bid: Bid, by, reason: str) -> Bid:
    return take(bid, "withdraw", by=by, reason=reason)


def mark_outcome(*, bid: Bid, successful: bool, by, reason: str) -> Bid:
    """For the award step: a submitted bid becomes successful or unsuccessful, after the closing date, by
    an officer of the commissioner; refused (TransitionRefused) otherwise."""
    step = "mark_successful" if successful else "mark_unsuccessful"
    return take(bid, step, by=by, reason=reason, outcome=reason)
