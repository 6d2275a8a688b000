"""Recording how the sector and service users were involved in a plan, and what changed because of it."""

import datetime
from collections.abc import Iterable

from django.db import transaction

from thirdsector.compact.models import Consultation
from thirdsector.core.audit import attribute
from thirdsector.register.models import Organisation, OrganisationStatus

from ..models import ActivityKind, CommissioningPlan, InvolvementActivity
from .plans import CommissioningError, check_commissioner


def _check(
    plan: CommissioningPlan,
    *,
    kind: str,
    organisations: list[Organisation],
    consultation: Consultation | None,
    service_users: int,
    community_members: int,
) -> None:
    if not plan.takes_involvement:
        raise CommissioningError(
            f"Involvement is recorded before the specification is fixed; this plan is "
            f"{plan.get_status_display().lower()}"
        )
    removed = [organisation.name for organisation in organisations if organisation.status != OrganisationStatus.ACTIVE]
    if removed:
        raise CommissioningError(
            f"{', '.join(removed)} is no longer in the register; choose organisations that are", field="organisations"
        )
    if kind == ActivityKind.CONSULTATION and consultation is None:
        raise CommissioningError("Choose the Compact consultation this activity was run as", field="consultation")
    if not organisations and not service_users and not community_members:
        raise CommissioningError(
            "Say who took part: organisations, or how many service users or community members",
            field="organisations",
        )


@transaction.atomic
def record_activity(
    *,
    plan: CommissioningPlan,
    kind: str,
    title: str,
    held_on: datetime.date,
    summary: str,
    organisations: Iterable[Organisation] = (),
    service_users: int = 0,
    community_members: int = 0,
    what_changed: str = "",
    consultation: Consultation | None = None,
    by,
) -> InvolvementActivity:
    """An involvement activity on a plan whose specification is not yet fixed, recorded by its officer."""
    check_commissioner(by, plan.commissioner)
    organisations = list(organisations)
    _check(
        plan,
        kind=kind,
        organisations=organisations,
        consultation=consultation,
        service_users=service_users,
        community_members=community_members,
    )
    activity = InvolvementActivity(
        plan=plan,
        kind=kind,
        title=title,
        held_on=held_on,
        summary=summary,
        service_users=service_users,
        community_members=community_members,
        what_changed=what_changed.strip(),
        consultation=consultation,
        created_by=by,
    )
    attribute(activity, by=by, reason="Involvement recorded")
    activity.save()
    activity.organisations.set(organisations)
    return activity


@transaction.atomic
def update_activity(
    *,
    activity: InvolvementActivity,
    by,
    organisations: Iterable[Organisation] | None = None,
    **fields,
) -> InvolvementActivity:
    """Changes an activity — most often to say what changed because of it — before the specification is fixed."""
    check_commissioner(by, activity.plan.commissioner)
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    # Organisations already recorded stay even if the register has since removed them; new ones are checked.
    chosen = list(organisations) if organisations is not None else []
    _check(
        activity.plan,
        kind=activity.kind,
        organisations=chosen or list(activity.organisations.all()),
        consultation=activity.consultation,
        service_users=activity.service_users,
        community_members=activity.community_members,
    )
    attribute(activity, by=by, reason="Involvement changed")
    activity.save()
    if organisations is not None:
        activity.organisations.set(chosen)
    return activity
