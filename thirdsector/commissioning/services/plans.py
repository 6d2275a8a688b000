"""Writing commissioning plans: who may commission for which body, and what a plan must say.

A plan is made and changed by an officer of its commissioner (`commissions_for`: a council officer or
department staff member who edits the body's record). Its workflow steps (publish, fix the
specification, withdraw) are the model's transitions, taken with `core.workflow.take`.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from thirdsector.core.audit import attribute
from thirdsector.register.models import PUBLIC_BODY_KINDS, Area, Organisation, PolicyArea

from ..models import CommissioningPlan, PlanStatus, commissions_for


class CommissioningError(Exception):
    """A refusal with a message the person can act on; `field` names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def check_commissioner(user, commissioner: Organisation) -> None:
    if commissioner.kind not in PUBLIC_BODY_KINDS:
        raise CommissioningError(f"{commissioner.name} is not a public body, so it cannot commission services")
    if not commissions_for(user, commissioner.pk):
        raise CommissioningError(f"Only {commissioner.name}'s own officers can commission for it")


def _check_dates(
    involvement_closes_on: datetime.date,
    procurement_starts_on: datetime.date | None,
    service_starts_on: datetime.date | None,
) -> None:
    if procurement_starts_on and procurement_starts_on <= involvement_closes_on:
        raise CommissioningError(
            "Procurement must start after involvement closes, so what people said can shape the specification",
            field="procurement_starts_on",
        )
    if service_starts_on and procurement_starts_on and service_starts_on <= procurement_starts_on:
        raise CommissioningError("The service must start after procurement starts", field="service_starts_on")


@transaction.atomic
def create_plan(
    *,
    commissioner: Organisation,
    title: str,
    service_area: PolicyArea,
    outcomes_sought: str,
    needs_evidence: str,
    estimated_value: Decimal,
    duration_months: int,
    areas: Iterable[Area],
    involvement_closes_on: datetime.date,
    procurement_starts_on: datetime.date | None = None,
    service_starts_on: datetime.date | None = None,
    consultation=None,
    by,
) -> CommissioningPlan:
    """A draft plan for `commissioner`, made by one of its officers."""
    check_commissioner(by, commissioner)
    _check_dates(involvement_closes_on, procurement_starts_on, service_starts_on)
    plan = CommissioningPlan(
        commissioner=commissioner,
        title=title,
        service_area=service_area,
        outcomes_sought=outcomes_sought,
        needs_evidence=needs_evidence,
        estimated_value=estimated_value,
        duration_months=duration_months,
        involvement_closes_on=involvement_closes_on,
        procurement_starts_on=procurement_starts_on,
        service_starts_on=service_starts_on,
        consultation=consultation,
        created_by=by,
    )
    attribute(plan, by=by, reason="Plan drafted")
    plan.save()
    plan.areas.set(areas)
    return plan


EDITABLE_FIELDS = frozenset(
    {
        "title",
        "service_area",
        "outcomes_sought",
        "needs_evidence",
        "estimated_value",
        "duration_months",
        "involvement_closes_on",
        "procurement_starts_on",
        "service_starts_on",
        "consultation",
    }
)


@transaction.atomic
def update_plan(*, plan: CommissioningPlan, by, reason: str, areas: Iterable[Area] | None = None, **fields):
    """Changes a draft or published plan (before its specification is fixed), with the reason recorded."""
    check_commissioner(by, plan.commissioner)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.PUBLISHED):
        raise CommissioningError(f"A plan that is {plan.get_status_display().lower()} can no longer be changed")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(plan, name, value)
    _check_dates(plan.involvement_closes_on, plan.procurement_starts_on, plan.service_starts_on)
    attribute(plan, by=by, reason=reason or "Plan changed")
    plan.save()
    if areas is not None:
        plan.areas.set(areas)
    return plan
