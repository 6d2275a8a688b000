"""Strategic partner status: registering interest, the department's decision, lapsing and withdrawal.

Every change of status is a workflow step on `StrategicPartner` taken through `core.workflow.take`, so
the role and guard checks and the audit record live in one place. Steps by staff lock the record first,
so two people deciding at the same moment cannot both act on the state they each read. The
organisation's administrators are emailed when the department decides, withdraws, or status lapses.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.workflow import TransitionRefused, take

from ..errors import FundingError
from ..models.partners import PartnerStatus, StrategicPartner
from ..permissions import acts_for

logger = logging.getLogger(__name__)

# A record in these states stops the organisation registering again (the database says so too).
LIVE_STATUSES = (PartnerStatus.INTEREST_REGISTERED, PartnerStatus.UNDER_REVIEW, PartnerStatus.GRANTED)

ALREADY_LIVE = "This organisation already has interest registered or status granted. You can see it on its status page."


def default_review_on(granted_from: datetime.date) -> datetime.date:
    """The review date for status granted on `granted_from`: FUNDING_PARTNER_STATUS_YEARS later."""
    years = settings.FUNDING_PARTNER_STATUS_YEARS
    try:
        return granted_from.replace(year=granted_from.year + years)
    except ValueError:  # 29 February, in a year that has none
        return granted_from.replace(year=granted_from.year + years, day=28)


def live_record_of(organisation) -> StrategicPartner | None:
    return StrategicPartner.objects.filter(organisation=organisation, status__in=LIVE_STATUSES).first()


def register_interest(
    *,
    organisation,
    by,
    policy_areas,
    reach_into_small_groups: str,
    reach_into_bme_groups: str,
    capacity: str,
    evidence: str,
    reason: str = "Interest registered against the published criteria",
) -> StrategicPartner:
    """Records an organisation's interest in strategic partner status, ready for the department's review."""
    if not acts_for(by, organisation.pk):
        raise FundingError("Only a member of the organisation who can edit its record can register its interest.")
    if live_record_of(organisation) is not None:
        raise FundingError(ALREADY_LIVE)
    partner = StrategicPartner(
        organisation=organisation,
        registered_by=by,
        reach_into_small_groups=reach_into_small_groups,
        reach_into_bme_groups=reach_into_bme_groups,
        capacity=capacity,
        evidence=evidence,
    )
    try:
        with transaction.atomic():
            attribute(partner, by=by, reason=reason)
            partner.save()
            partner.policy_areas.set(policy_areas)
    except IntegrityError as error:  # another registration for the organisation won the race
        raise FundingError(ALREADY_LIVE) from error
    return partner


def _locked(partner: StrategicPartner) -> StrategicPartner:
    """The record as it is now in the database, locked until the transaction ends."""
    return StrategicPartner.objects.select_for_update().select_related("organisation").get(pk=partner.pk)


def start_review(*, partner: StrategicPartner, by, reason: str) -> StrategicPartner:
    with transaction.atomic():
        partner = _locked(partner)
        take(partner, "start_review", by=by, reason=reason)
    return partner


def grant_status(
    *,
    partner: StrategicPartner,
    by,
    granted_from: datetime.date | None = None,
    review_on: datetime.date | None = None,
    reason: str,
) -> StrategicPartner:
    """Grants status from `granted_from` (default today) until `review_on` (default the set number of years)."""
    granted_from = granted_from or timezone.localdate()
    review_on = review_on or default_review_on(granted_from)
    with transaction.atomic():
        partner = _locked(partner)
        partner.granted_from, partner.review_on = granted_from, review_on
        take(partner, "grant", by=by, reason=reason)
    _tell_administrators(
        partner,
        "Strategic partner status granted",
        f"The department has granted {partner.organisation.name} strategic partner status "
        f"from {_day(granted_from)}. It will be reviewed on {_day(review_on)}.\n\n"
        "Your organisation may now apply for core funding from the Strategic Partners Grant Programme.",
    )
    return partner


def decline_interest(*, partner: StrategicPartner, by, reasons: str) -> StrategicPartner:
    """Declines the interest; `reasons` are shown to the organisation so it can act on them."""
    with transaction.atomic():
        partner = _locked(partner)
        partner.decision_reasons = (reasons or "").strip()
        take(partner, "decline", by=by, reason="Interest declined with reasons given to the organisation")
    _tell_administrators(
        partner,
        "Strategic partner status declined",
        f"The department has declined {partner.organisation.name}'s interest in strategic partner status.\n\n"
        f"The reasons:\n{partner.decision_reasons}\n\n"
        "You may register interest again once you can meet the published criteria.",
    )
    return partner


def withdraw_status(*, partner: StrategicPartner, by, reason: str) -> StrategicPartner:
    """Staff withdraw granted status before its review date; existing grants are not affected."""
    with transaction.atomic():
        partner = _locked(partner)
        take(partner, "withdraw_status", by=by, reason=reason)
    _tell_administrators(
        partner,
        "Strategic partner status withdrawn",
        f"The department has withdrawn {partner.organisation.name}'s strategic partner status.\n\n"
        f"The reason: {reason}\n\n"
        "Grants you already hold are not affected, but you may not make new applications to the "
        "Strategic Partners Grant Programme.",
    )
    return partner


def withdraw_interest(*, partner: StrategicPartner, by, reason: str) -> StrategicPartner:
    """The organisation withdraws its interest before the department decides."""
    with transaction.atomic():
        partner = _locked(partner)
        take(partner, "withdraw_interest", by=by, reason=reason)
    _tell_administrators(
        partner,
        "Interest in strategic partner status withdrawn",
        f"{by} has withdrawn {partner.organisation.name}'s interest in strategic partner status.\n\n"
        f"The reason: {reason}",
    )
    return partner


def lapse_expired_statuses(*, today: datetime.date | None = None) -> int:
    """Lapses every granted status whose review date has passed; returns how many lapsed.

    Run daily by the schedule. Each record lapses in its own transaction, so one refusal does not
    undo the others; current statuses are left alone.
    """
    today = today or timezone.localdate()
    lapsed = 0
    due = StrategicPartner.objects.filter(status=PartnerStatus.GRANTED, review_on__lt=today).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        try:
            with transaction.atomic():
                partner = StrategicPartner.objects.select_for_update().select_related("organisation").get(pk=pk)
                take(partner, "lapse", by=None, reason=f"Review date {_day(partner.review_on)} passed")
        except (TransitionRefused, StrategicPartner.DoesNotExist) as error:
            logger.info("Strategic partner record %s not lapsed: %s", pk, error)
            continue
        lapsed += 1
        _tell_administrators(
            partner,
            "Strategic partner status lapsed",
            f"{partner.organisation.name}'s strategic partner status lapsed after its review date, "
            f"{_day(partner.review_on)}.\n\n"
            "Grants you already hold are not affected. To apply for new core funding, register your "
            "interest again.",
        )
    return lapsed


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def administrator_emails(organisation) -> list[str]:
    return list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=MembershipRole.ADMINISTRATOR, is_active=True
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _tell_administrators(partner: StrategicPartner, subject: str, body: str) -> None:
    """Emails the organisation's administrators once the step is saved (never for a step rolled back)."""
    recipients = administrator_emails(partner.organisation)
    if not recipients:
        return
    text = (
        f"{body}\n\nSign in to {settings.SERVICE_NAME} to see the record: {absolute_url(partner.get_absolute_url())}\n"
    )

    def send():
        send_mail(subject, text, None, recipients, fail_silently=False)

    transaction.on_commit(send)
