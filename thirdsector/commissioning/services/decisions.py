"""Recording a commissioning decision and the service users and community members involved in it.

The share of a commissioner's decisions with users involved is a level playing field figure, so a decision
records who took part (anonymously if they wish), how, and what they thought, not only that they did.
"""

import datetime

from django.db import transaction

from thirdsector.core.audit import attribute
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation

from ..models import (
    CommissioningDecision,
    CommissioningPlan,
    DecisionInvolvement,
    InvolvedAs,
    InvolvementRole,
    Lot,
    Opportunity,
)
from .awards import AwardError


def record_decision(
    *,
    commissioner: Organisation,
    title: str,
    decided_on: datetime.date,
    by,
    summary: str = "",
    plan: CommissioningPlan | None = None,
    opportunity: Opportunity | None = None,
    lot: Lot | None = None,
) -> CommissioningDecision:
    """Records what `commissioner` decided and when; it may be about a plan, an opportunity or one of its lots."""
    if commissioner.kind not in PUBLIC_BODY_KINDS:
        raise AwardError(f"{commissioner.name} is not a public body, so it does not commission", "commissioner")
    if not title.strip():
        raise AwardError("Say what was decided", "title")
    if decided_on > datetime.date.today():
        raise AwardError("A decision cannot be dated in the future", "decided_on")
    if lot is not None:
        if opportunity is not None and lot.opportunity_id != opportunity.pk:
            raise AwardError(f"{lot} is not a lot of {opportunity}", "lot")
        opportunity = lot.opportunity
    for about in (plan, opportunity):
        if about is not None and about.commissioner_id != commissioner.pk:
            raise AwardError(
                f"{about} belongs to another commissioner", "opportunity" if about is opportunity else "plan"
            )
    with transaction.atomic():
        decision = CommissioningDecision(
            commissioner=commissioner,
            title=title.strip(),
            summary=summary.strip(),
            decided_on=decided_on,
            financial_year=financial_year_of(decided_on),
            plan=plan,
            opportunity=opportunity,
            lot=lot,
            created_by=by,
        )
        attribute(decision, by=by, reason="Decision recorded")
        decision.save()
    return decision


def record_involvement(
    *, decision: CommissioningDecision, involved_as: str, role: str, view: str, by, label: str = ""
) -> DecisionInvolvement:
    """Records a service user or community member who took part in `decision`, how, and their view."""
    if involved_as not in InvolvedAs.values:
        raise AwardError("Choose service user or community member", "involved_as")
    if role not in InvolvementRole.values:
        raise AwardError("Choose how they took part: panel member, evaluator or co-designer", "role")
    if not view.strip():
        raise AwardError("Record their view of the decision, in their words if possible", "view")
    with transaction.atomic():
        involvement = DecisionInvolvement(
            decision=decision, involved_as=involved_as, role=role, view=view.strip(), label=label.strip()
        )
        attribute(involvement, by=by, reason="Involvement recorded")
        involvement.save()
    return involvement
