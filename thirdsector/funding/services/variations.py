"""Changes to an accepted award (variations), and money coming back from one (recoveries).

A variation changes nothing until it is approved; approving it moves the award's commitment against
the yearly budgets to the new split in the same transaction (refused if a year would be over-committed)
and reschedules the payments not yet made.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, refusal, take

from ..errors import FundingError
from ..models import Award, AwardStatus, PaymentStatus, Recovery, RecoveryKind, Variation
from ..permissions import acts_for, runs_programme
from .awards import _optional, _write_years, commitment_by_financial_year, months_between
from .budgets import change_commitment


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def paid_so_far(award: Award) -> Decimal:
    return award.payments.filter(status=PaymentStatus.PAID).aggregate(total=Sum("amount"))["total"] or Decimal("0")


def may_request_variation(user, award: Award) -> bool:
    """Members of the organisation who can edit its record, and the staff who run the programme."""
    return acts_for(user, award.organisation_id) or runs_programme(user, award.programme)


@transaction.atomic
def request_variation(
    *,
    award: Award,
    by,
    new_amount: Decimal | None = None,
    new_ends_on: datetime.date | None = None,
    reason: str,
) -> Variation:
    """Asks for a change to an accepted award's amount or end date; nothing changes until it is approved."""
    if not may_request_variation(by, award):
        raise FundingError(
            "Only the organisation's editors or the staff who run the programme can ask for a variation."
        )
    if award.status != AwardStatus.ACCEPTED:
        raise FundingError(f"Only an accepted award can be varied; this one is {award.get_status_display().lower()}.")
    if new_amount is not None and Decimal(new_amount) == award.amount:
        new_amount = None
    if new_ends_on is not None and new_ends_on == award.ends_on:
        new_ends_on = None
    if new_amount is None and new_ends_on is None:
        raise FundingError("Enter a new amount or a new end date that differs from the award's.")
    if new_amount is not None and Decimal(new_amount) <= 0:
        raise FundingError("Enter a new amount of more than £0.")
    if new_ends_on is not None and new_ends_on <= award.starts_on:
        raise FundingError(f"The new end date must be after the grant starts on {award.starts_on:%-d %B %Y}.")
    if not reason.strip():
        raise FundingError("Say why the award needs to change.")
    variation = Variation(
        award=award, new_amount=new_amount, new_ends_on=new_ends_on, reason=reason.strip(), requested_by=by
    )
    attribute(variation, by=by, reason="Variation requested")
    variation.save()
    return variation


def approve_variation(*, variation: Variation, by, reason: str) -> Variation:
    """Approves a variation: the award's yearly amounts, commitment, length and payments all follow."""
    with transaction.atomic():
        variation = Variation.objects.select_for_update(of=("self",)).get(pk=variation.pk)
        award = Award.objects.select_for_update(of=("self",)).select_related("programme").get(pk=variation.award_id)
        problem = refusal(variation, "approve", by)
        if problem:
            raise TransitionRefused(problem)
        if award.status != AwardStatus.ACCEPTED:
            raise FundingError(
                f"The award is {award.get_status_display().lower()}, so it can no longer be varied: "
                "refuse the variation."
            )
        new_amount = variation.new_amount if variation.new_amount is not None else award.amount
        new_ends_on = variation.new_ends_on or award.ends_on
        paid = paid_so_far(award)
        if new_amount < paid:
            raise FundingError(
                f"{_pounds(paid)} has already been paid on this award, "
                f"so it cannot be reduced to {_pounds(new_amount)}."
            )
        months = months_between(award.starts_on, new_ends_on)
        new_years = commitment_by_financial_year(
            amount=new_amount, starts_on=award.starts_on, months=months, payment_frequency=award.payment_frequency
        )
        change_commitment(award, new_years)
        change = f"Variation approved: {reason}"
        _write_years(award, new_years, by=by, reason=change)
        award.amount = new_amount
        award.months = months
        award.is_short = months < award.programme.default_grant_months
        if award.is_short and not award.short_award_reason.strip():
            award.short_award_reason = f"Varied: {variation.reason}"
        if new_ends_on != award.ends_on:
            # Notice given for the old end date does not tell the organisation about the new one.
            award.end_notice_sent_on = None
        award.ends_on = new_ends_on
        attribute(award, by=by, reason=change)
        award.save()
        variation.decision_notes = reason.strip()
        take(variation, "approve", by=by, reason=reason)
        reschedule_unpaid = _optional("thirdsector.funding.services.payments", "reschedule_unpaid")
        if reschedule_unpaid:
            reschedule_unpaid(award=award)
    return variation


def refuse_variation(*, variation: Variation, by, reason: str) -> Variation:
    """Refuses a variation, with the reason the organisation is given; the award is unchanged."""
    with transaction.atomic():
        variation = (
            Variation.objects.select_for_update(of=("self",)).select_related("award__programme").get(pk=variation.pk)
        )
        variation.decision_notes = reason.strip()
        take(variation, "refuse", by=by, reason=reason)
    return variation


@transaction.atomic
def record_recovery(*, award: Award, by, kind: str, amount: Decimal, reason: str) -> Recovery:
    """Records money the organisation owes back: an underspend returned, or a clawback for broken conditions.

    No more can be recovered than has been paid on the award.
    """
    award = Award.objects.select_for_update(of=("self",)).select_related("programme").get(pk=award.pk)
    if not runs_programme(by, award.programme):
        raise FundingError("Only the staff who run the programme can record money coming back.")
    if kind not in RecoveryKind.values:
        raise FundingError("Choose whether this is an underspend returned or a clawback.")
    if award.status not in (AwardStatus.ACCEPTED, AwardStatus.CLOSED):
        raise FundingError("Money can only come back from an accepted or closed award.")
    amount = Decimal(amount)
    if amount <= 0:
        raise FundingError("Enter an amount of more than £0.")
    if not reason.strip():
        raise FundingError("Say why the money is coming back.")
    paid = paid_so_far(award)
    recovered = award.recoveries.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if recovered + amount > paid:
        raise FundingError(
            f"{_pounds(paid)} has been paid on this award and {_pounds(recovered)} already recorded as coming back, "
            f"so no more than {_pounds(paid - recovered)} can be recovered."
        )
    recovery = Recovery(award=award, kind=kind, amount=amount, reason=reason.strip(), recorded_by=by)
    attribute(recovery, by=by, reason=f"{RecoveryKind(kind).label} recorded")
    recovery.save()
    return recovery


@transaction.atomic
def mark_recovery_received(
    *, recovery: Recovery, by, received_on: datetime.date | None = None, reason: str = ""
) -> Recovery:
    """Records the day the money came back."""
    recovery = Recovery.objects.select_for_update(of=("self",)).select_related("award__programme").get(pk=recovery.pk)
    if not runs_programme(by, recovery.award.programme):
        raise FundingError("Only the staff who run the programme can record money received.")
    if recovery.received_on:
        raise FundingError(f"This money was already recorded as received on {recovery.received_on:%-d %B %Y}.")
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise FundingError("The date received cannot be in the future.")
    recovery.received_on = received_on
    attribute(recovery, by=by, reason=reason or "Money received")
    recovery.save()
    return recovery
