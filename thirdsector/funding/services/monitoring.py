"""Monitoring returns: what an organisation reports on its grant, when, and what staff do with it.

Monitoring is proportionate (the Compact's funding code): an award of `FUNDING_LIGHT_TOUCH_MAXIMUM` or
less reports once, at the end; larger awards also report on each period of the programme's
`return_interval_months`. A return accepted after its award's payments were held releases them, once
no other return on the award is overdue.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from thirdsector.core.workflow import take

from ..errors import FundingError
from ..models import Award, MonitoringReturn, ReturnKind
from .payments import PENNY, add_months, release_held_payments


def light_touch_maximum() -> Decimal:
    return Decimal(str(settings.FUNDING_LIGHT_TOUCH_MAXIMUM))


def is_light_touch(award: Award) -> bool:
    """Small grants send only the end of grant return."""
    return award.amount <= light_touch_maximum()


def reporting_periods(
    *, starts_on: datetime.date, ends_on: datetime.date, interval_months: int
) -> list[tuple[datetime.date, datetime.date]]:
    """The progress periods: every `interval_months` from the start, the last cut short at the end.

    The period that ends with the award is reported on by the final return, so it has no progress return.
    """
    periods = []
    count = 0
    while True:
        period_starts_on = add_months(starts_on, interval_months * count)
        period_ends_on = add_months(starts_on, interval_months * (count + 1)) - datetime.timedelta(days=1)
        if period_ends_on >= ends_on:
            return periods
        periods.append((period_starts_on, period_ends_on))
        count += 1


@transaction.atomic
def schedule_returns(*, award: Award) -> list[MonitoringReturn]:
    """Creates the award's returns: one per reporting period (unless light touch), and the final return."""
    if award.returns.exists():
        raise FundingError(f"{award.reference} already has its monitoring returns scheduled.")
    programme = award.programme
    due_after = datetime.timedelta(days=programme.return_due_days)
    periods = []
    if not is_light_touch(award) and programme.return_interval_months:
        periods = reporting_periods(
            starts_on=award.starts_on, ends_on=award.ends_on, interval_months=programme.return_interval_months
        )
    returns = [
        MonitoringReturn(
            award=award,
            kind=ReturnKind.PROGRESS,
            period_starts_on=period_starts_on,
            period_ends_on=period_ends_on,
            due_on=period_ends_on + due_after,
        )
        for period_starts_on, period_ends_on in periods
    ]
    returns.append(
        MonitoringReturn(
            award=award,
            kind=ReturnKind.FINAL,
            period_starts_on=award.starts_on,
            period_ends_on=award.ends_on,
            due_on=award.ends_on + due_after,
        )
    )
    for monitoring_return in returns:
        monitoring_return._change_reason = "Scheduled from the award"
        monitoring_return.save()
    return returns


def submit_return(
    *, monitoring_return: MonitoringReturn, by, outputs: str, outcomes: str, spend: Decimal | None
) -> MonitoringReturn:
    """The organisation sends its return; the answers are kept only if it may be submitted."""
    if spend is not None:
        spend = Decimal(str(spend)).quantize(PENNY)
    if spend is not None and spend < 0:
        raise FundingError("Spend in the period cannot be less than £0.00.")
    monitoring_return.outputs = outputs
    monitoring_return.outcomes = outcomes
    monitoring_return.spend = spend
    reason = "Submitted" if monitoring_return.status == "due" else "Submitted with the information asked for"
    return take(monitoring_return, "submit", by=by, reason=reason)


@transaction.atomic
def accept_return(*, monitoring_return: MonitoringReturn, by, reason: str = "", notes: str = "") -> MonitoringReturn:
    """Staff accept the return; the award's held payments are released if nothing else is overdue.

    `notes` are kept on the return for the organisation to read; `reason` goes in the audit record.
    """
    if notes.strip():
        monitoring_return.review_notes = notes.strip()
    take(monitoring_return, "accept", by=by, reason=reason.strip() or notes.strip() or "Accepted")
    release_held_payments(award=monitoring_return.award)
    return monitoring_return


def request_follow_up(*, monitoring_return: MonitoringReturn, by, notes: str) -> MonitoringReturn:
    """Staff ask for more information; the return goes back to the organisation with the notes."""
    monitoring_return.review_notes = notes.strip()
    return take(monitoring_return, "request_follow_up", by=by, reason=notes.strip() or "More information requested")
