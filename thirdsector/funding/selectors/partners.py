"""Reads for the strategic partner pages: who may see a record, the steps to offer, the staff list."""

import copy
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from thirdsector.accounts.access import is_staff
from thirdsector.core.workflow import Step, available_steps

from ..models.partners import PartnerStatus, StrategicPartner
from ..permissions import sees_organisation_funding
from ..services.partners import default_review_on

# The steps people take on the pages; `lapse` is the system's alone.
PAGE_STEPS = ("start_review", "grant", "decline", "withdraw_status", "withdraw_interest")

STATUS_TAG_COLOURS = {
    PartnerStatus.INTEREST_REGISTERED: "blue",
    PartnerStatus.UNDER_REVIEW: "yellow",
    PartnerStatus.GRANTED: "green",
    PartnerStatus.DECLINED: "red",
    PartnerStatus.LAPSED: "grey",
    PartnerStatus.WITHDRAWN: "grey",
}


def partner_for_page(pk: int) -> StrategicPartner:
    """The record with what its page shows; raises StrategicPartner.DoesNotExist."""
    return (
        StrategicPartner.objects.select_related("organisation", "registered_by", "reviewed_by")
        .prefetch_related("policy_areas")
        .get(pk=pk)
    )


def may_see_partner(user, partner: StrategicPartner) -> bool:
    """Department staff and any member of the organisation; to everyone else the record does not exist."""
    return user.is_authenticated and (is_staff(user) or sees_organisation_funding(user, partner.organisation_id))


def may_ever_take(partner: StrategicPartner, step: str, user) -> bool:
    """Whether `user`'s role allows `step` at all, whatever the record's state now."""
    meta = getattr(type(partner), step)._django_fsm
    return any(transition.has_perm(partner, user) for transition in meta.transitions.values())


def steps_for(partner: StrategicPartner, user) -> list[Step]:
    """The steps `user` may take now, to offer as buttons.

    Granting and declining have guards (a period, reasons) that their own forms satisfy, so they are
    judged as if the form had been filled in with its defaults.
    """
    today = timezone.localdate()
    draft = copy.copy(partner)
    draft.granted_from = draft.granted_from or today
    draft.review_on = draft.review_on or default_review_on(draft.granted_from)
    draft.decision_reasons = draft.decision_reasons or "Given in the form"
    return [step for step in available_steps(draft, user) if step.name in PAGE_STEPS]


@dataclass(frozen=True)
class StepTaken:
    when: datetime.datetime
    status: str
    who: str
    reason: str


def steps_taken(partner: StrategicPartner, *, names_of_staff: bool) -> list[StepTaken]:
    """Each change of status, oldest first, with who took it and why.

    The organisation's own people are named; the department's are named only to staff, and appear to
    the organisation as "The department".
    """
    records = list(partner.history.select_related("history_user").order_by("history_date", "history_id"))
    members = set(partner.organisation.memberships.values_list("user_id", flat=True))
    labels = dict(PartnerStatus.choices)
    steps, previous = [], None
    for record in records:
        if record.status == previous:
            continue
        previous = record.status
        if record.history_user is None:
            who = "The system"
        elif names_of_staff or record.history_user_id in members:
            who = str(record.history_user)
        else:
            who = "The department"
        steps.append(
            StepTaken(
                record.history_date, labels.get(record.status, record.status), who, record.history_change_reason or ""
            )
        )
    return steps


def review_due_soon(partner: StrategicPartner, today: datetime.date | None = None) -> bool:
    """Granted, and its review date falls within FUNDING_PARTNER_REVIEW_WARNING_DAYS."""
    if partner.status != PartnerStatus.GRANTED or partner.review_on is None:
        return False
    today = today or timezone.localdate()
    return partner.review_on - today <= datetime.timedelta(days=settings.FUNDING_PARTNER_REVIEW_WARNING_DAYS)


def partners_for_staff(*, status: str = "") -> QuerySet[StrategicPartner]:
    """Registrations for the staff list, newest first; granted ones by review date, soonest first."""
    partners = StrategicPartner.objects.select_related("organisation")
    if status:
        partners = partners.filter(status=status)
    if status == PartnerStatus.GRANTED:
        partners = partners.order_by("review_on", "organisation__name", "pk")
    return partners


def partner_rows(page, today: datetime.date | None = None) -> list[dict]:
    """The list's rows: what each column shows, worked out once here rather than in the template."""
    today = today or timezone.localdate()
    rows = []
    for partner in page:
        rows.append(
            {
                "partner": partner,
                "status": partner.get_status_display(),
                "colour": STATUS_TAG_COLOURS.get(partner.status, "grey"),
                "is_current": partner.is_current,
                "past_review": partner.status == PartnerStatus.GRANTED
                and partner.review_on is not None
                and partner.review_on < today,
                "due_soon": partner.is_current and review_due_soon(partner, today),
            }
        )
    return rows


@dataclass(frozen=True)
class PartnerStanding:
    """An organisation's strategic partner record as its members see it in the portal."""

    organisation: object
    record: StrategicPartner | None
    may_register: bool


def partner_standing_of(organisations: list, *, edited_ids: set[int]) -> list[PartnerStanding]:
    """Each organisation's latest record (one query), and whether the person may register its interest."""
    latest: dict[int, StrategicPartner] = {}
    records = StrategicPartner.objects.filter(organisation__in=organisations).order_by("organisation_id", "-id")
    for record in records:
        latest.setdefault(record.organisation_id, record)
    live = {PartnerStatus.INTEREST_REGISTERED, PartnerStatus.UNDER_REVIEW, PartnerStatus.GRANTED}
    return [
        PartnerStanding(
            organisation=organisation,
            record=latest.get(organisation.pk),
            may_register=organisation.pk in edited_ids
            and (organisation.pk not in latest or latest[organisation.pk].status not in live),
        )
        for organisation in organisations
    ]
