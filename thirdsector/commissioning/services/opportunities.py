"""Writing opportunities and their lots, and an organisation's registered interest in one.

An opportunity is offered by a commissioner's officer, from a published plan or on its own; its terms are
checked here (dates, social value share) and its workflow (open, close, mark as awarded, cancel) is the
model's, taken with `core.workflow.take`.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take
from thirdsector.register.models import (
    PUBLIC_BODY_KINDS,
    Area,
    Organisation,
    OrganisationStatus,
    PolicyArea,
)

from ..models import CommissioningPlan, Interest, Lot, Opportunity, OpportunityStatus, PlanStatus
from ..models.bids import acts_for_organisation
from .plans import CommissioningError, check_commissioner


def _check_terms(*, opens_on: datetime.date, closes_on: datetime.date, social_value_weighting: int) -> None:
    if closes_on < opens_on:
        raise CommissioningError("The closing date must be on or after the opening date", field="closes_on")
    if not 0 <= social_value_weighting <= 100:
        raise CommissioningError(
            "The social value weighting is a percentage from 0 to 100", field="social_value_weighting"
        )


@transaction.atomic
def create_opportunity(
    *,
    commissioner: Organisation,
    title: str,
    description: str,
    kind: str,
    policy_area: PolicyArea,
    areas: Iterable[Area],
    length_months: int,
    opens_on: datetime.date,
    closes_on: datetime.date,
    payment_in_advance: bool = False,
    full_cost_recovery: bool = False,
    social_value_weighting: int = 0,
    plan: CommissioningPlan | None = None,
    by,
) -> Opportunity:
    """A draft opportunity; from a plan it must be the commissioner's own plan, published and not withdrawn."""
    check_commissioner(by, commissioner)
    if plan is not None:
        if plan.commissioner_id != commissioner.pk:
            raise CommissioningError("Choose one of your own plans", field="plan")
        if plan.status not in (PlanStatus.PUBLISHED, PlanStatus.SPECIFICATION_FIXED):
            raise CommissioningError(
                f"Opportunities come from a published plan; this one is {plan.get_status_display().lower()}",
                field="plan",
            )
    _check_terms(opens_on=opens_on, closes_on=closes_on, social_value_weighting=social_value_weighting)
    opportunity = Opportunity(
        commissioner=commissioner,
        plan=plan,
        title=title,
        description=description,
        kind=kind,
        policy_area=policy_area,
        length_months=length_months,
        payment_in_advance=payment_in_advance,
        full_cost_recovery=full_cost_recovery,
        social_value_weighting=social_value_weighting,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    attribute(opportunity, by=by, reason="Opportunity drafted")
    opportunity.save()
    opportunity.areas.set(areas)
    return opportunity


EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "kind",
        "policy_area",
        "length_months",
        "payment_in_advance",
        "full_cost_recovery",
        "social_value_weighting",
        "opens_on",
        "closes_on",
    }
)


@transaction.atomic
def update_opportunity(
    *, opportunity: Opportunity, by, reason: str, areas: Iterable[Area] | None = None, **fields
) -> Opportunity:
    """Changes a draft opportunity; once open, its terms are what organisations bid on and stay fixed."""
    check_commissioner(by, opportunity.commissioner)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise CommissioningError("Only a draft opportunity can be changed; organisations bid on the open terms")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(opportunity, name, value)
    _check_terms(
        opens_on=opportunity.opens_on,
        closes_on=opportunity.closes_on,
        social_value_weighting=opportunity.social_value_weighting,
    )
    attribute(opportunity, by=by, reason=reason or "Opportunity changed")
    opportunity.save()
    if areas is not None:
        opportunity.areas.set(areas)
    return opportunity


@transaction.atomic
def add_lot(*, opportunity: Opportunity, title: str, value: Decimal, by) -> Lot:
    """The next numbered lot of a draft opportunity."""
    check_commissioner(by, opportunity.commissioner)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise CommissioningError("Lots are added while the opportunity is a draft")
    if value <= 0:
        raise CommissioningError("A lot's value must be more than £0", field="value")
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    number = (opportunity.lots.aggregate(last=Max("number"))["last"] or 0) + 1
    lot = Lot(opportunity=opportunity, number=number, title=title, value=value)
    attribute(lot, by=by, reason="Lot added")
    lot.save()
    return lot


def mark_awarded(*, opportunity: Opportunity, by, reason: str) -> Opportunity:
    """For the award step: a closed opportunity whose lots are decided becomes awarded."""
    return take(opportunity, "mark_awarded", by=by, reason=reason)


@transaction.atomic
def register_interest(*, opportunity: Opportunity, organisation: Organisation, note: str = "", by) -> Interest:
    """An organisation's interest in an open opportunity, registered by one of its editors; once each."""
    if not acts_for_organisation(by, organisation.pk):
        raise CommissioningError(f"Only an editor of {organisation.name}'s record can register its interest")
    if organisation.status != OrganisationStatus.ACTIVE or organisation.kind in PUBLIC_BODY_KINDS:
        raise CommissioningError(
            f"{organisation.name} cannot register interest: it is not an active sector organisation"
        )
    if opportunity.status != OpportunityStatus.OPEN:
        raise CommissioningError("Interest is registered while an opportunity is open")
    interest = Interest(opportunity=opportunity, organisation=organisation, note=note, registered_by=by)
    attribute(interest, by=by, reason="Interest registered")
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:
        raise CommissioningError(
            f"{organisation.name} has already registered interest in this opportunity", field="organisation"
        ) from None
    return interest
