"""Awards: drafting one from an approved application, and each step from approval to close.

The money an award holds against its programme's yearly budgets moves only through
`services.budgets`, in the same transaction as the step that needs it: approving commits it (and is
refused with the year that is short), withdrawing or declining an award that held money releases it.
Steps themselves are taken with `core.workflow.take`, which checks who may take them and audits them.
"""

import calendar
import datetime
import importlib
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.workflow import TransitionRefused, refusal, take

from ..errors import FundingError
from ..financial_years import financial_year_of
from ..models import Application, ApplicationStatus, Award, AwardYear, PaymentFrequency
from ..permissions import runs_programme
from .budgets import commit_award, release_award
from .references import new_reference

logger = logging.getLogger(__name__)

PENNY = Decimal("0.01")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier); the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ends_on_for(starts_on: datetime.date, months: int) -> datetime.date:
    """The last day of a grant of `months` whole months: 1 April for 36 months ends on 31 March."""
    return add_months(starts_on, months) - datetime.timedelta(days=1)


def months_between(starts_on: datetime.date, ends_on: datetime.date) -> int:
    """Whole months from `starts_on` to `ends_on` inclusive, a part month counting as a month."""
    months = max(1, (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month - 1)
    while ends_on_for(starts_on, months) < ends_on:
        months += 1
    while months > 1 and ends_on_for(starts_on, months - 1) >= ends_on:
        months -= 1
    return months


def split_by_financial_year(*, amount: Decimal, starts_on: datetime.date, months: int) -> dict[int, Decimal]:
    """The total spread over April–March financial years by how many of the grant's months fall in each.

    A grant month belongs to the financial year it starts in. Each year's share is the rounded running
    total minus the rounded running total before it, so the shares are to the penny and always add up
    to exactly `amount`, with no penny lost or invented.
    """
    if months < 1:
        raise FundingError("A grant must last at least one month.")
    amount = Decimal(amount)
    counts: dict[int, int] = {}
    for offset in range(months):
        year = financial_year_of(add_months(starts_on, offset))
        counts[year] = counts.get(year, 0) + 1
    shares: dict[int, Decimal] = {}
    months_so_far = 0
    given_so_far = Decimal("0.00")
    for year in sorted(counts):
        months_so_far += counts[year]
        running = (amount * months_so_far / months).quantize(PENNY, rounding=ROUND_HALF_UP)
        shares[year] = running - given_so_far
        given_so_far = running
    return shares


def commitment_by_financial_year(
    *, amount: Decimal, starts_on: datetime.date, months: int, payment_frequency: str
) -> dict[int, Decimal]:
    """What the grant commits against each financial year's budget.

    A grant paid in one payment in advance is all spent in the year that payment is made (its start),
    whatever its length: a 12-month small grant starting in June commits nothing to next year's budget.
    Other grants are spread by their months (`split_by_financial_year`).
    """
    if payment_frequency == PaymentFrequency.SINGLE_IN_ADVANCE:
        if months < 1:
            raise FundingError("A grant must last at least one month.")
        return {financial_year_of(starts_on): Decimal(amount)}
    return split_by_financial_year(amount=amount, starts_on=starts_on, months=months)


def applicant_administrators(award: Award):
    """The people who may accept or decline for the organisation, and are told about its grant."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=award.organisation_id,
        memberships__role=MembershipRole.ADMINISTRATOR,
    ).order_by("pk")


def email_administrators(award: Award, *, subject: str, body: str) -> int:
    """Emails the organisation's administrators; returns how many were sent to."""
    addresses = list(applicant_administrators(award).values_list("email", flat=True))
    if addresses:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(addresses)


def _locked(award: Award) -> Award:
    """The award read again with its row locked, so two people cannot take steps on it at once."""
    return Award.objects.select_for_update(of=("self",)).select_related("programme", "organisation").get(pk=award.pk)


def _refuse_unless_allowed(award: Award, step: str, by) -> None:
    problem = refusal(award, step, by)
    if problem:
        raise TransitionRefused(problem)


def _write_years(award: Award, years: dict[int, Decimal], *, by, reason: str) -> None:
    existing = {row.financial_year: row for row in award.years.all()}
    for financial_year, row in existing.items():
        if financial_year not in years:
            attribute(row, by=by, reason=reason)
            row.delete()
    for financial_year, amount in years.items():
        row = existing.get(financial_year) or AwardYear(
            award=award, programme_id=award.programme_id, financial_year=financial_year
        )
        if row.pk and row.amount == amount:
            continue
        row.amount = amount
        attribute(row, by=by, reason=reason)
        row.save()


@transaction.atomic
def create_award(
    *,
    application: Application,
    by,
    amount: Decimal,
    starts_on: datetime.date,
    months: int | None = None,
    payment_frequency: str | None = None,
    conditions: str,
    short_award_reason: str = "",
) -> Award:
    """Drafts the award for an approved application, with its amount split over financial years.

    The length defaults to the programme's (the Compact funding code's three years); a shorter grant is
    flagged as short and needs a recorded reason.
    """
    application = Application.objects.select_related("round__programme", "organisation").get(pk=application.pk)
    programme = application.round.programme
    if not runs_programme(by, programme):
        raise FundingError("Only the staff who run the programme can make an award.")
    if application.status != ApplicationStatus.APPROVED:
        raise FundingError(
            f"Only an approved application can become an award; this one is {application.get_status_display().lower()}."
        )
    if Award.objects.filter(application=application).exists():
        raise FundingError("This application already has an award.")
    amount = Decimal(amount)
    if amount <= 0:
        raise FundingError("Enter an amount of more than £0.")
    months = programme.default_grant_months if months is None else months
    if months < 1:
        raise FundingError("A grant must last at least one month.")
    payment_frequency = payment_frequency or programme.payment_frequency
    if payment_frequency not in PaymentFrequency.values:
        raise FundingError("Choose how often the grant is paid.")
    is_short = months < programme.default_grant_months
    short_award_reason = short_award_reason.strip()
    if is_short and not short_award_reason:
        raise FundingError(
            f"This grant is shorter than the programme's {programme.default_grant_months} months: "
            "record the reason for the shorter grant."
        )
    award = Award(
        reference=new_reference(Award, programme.code),
        programme=programme,
        round=application.round,
        application=application,
        organisation=application.organisation,
        title=application.project_title or "Grant",
        description=application.summary,
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on_for(starts_on, months),
        months=months,
        is_short=is_short,
        short_award_reason=short_award_reason if is_short else "",
        payment_frequency=payment_frequency,
        conditions=conditions.strip(),
    )
    reason = f"Award drafted from application {application.reference}"
    attribute(award, by=by, reason=reason)
    award.save()
    years = commitment_by_financial_year(
        amount=amount, starts_on=starts_on, months=months, payment_frequency=payment_frequency
    )
    _write_years(award, years, by=by, reason=reason)
    return award


def approve_award(*, award: Award, by, reason: str) -> Award:
    """Approves a draft award and commits its yearly amounts, both or neither.

    Refused with the financial year that is short when a year's budget cannot hold its amount.
    """
    with transaction.atomic():
        locked = _locked(award)
        _refuse_unless_allowed(locked, "approve", by)
        commit_award(locked)
        take(locked, "approve", by=by, reason=reason)
    award.refresh_from_db()
    return locked


def offer_award(*, award: Award, by, reason: str, conditions: str | None = None) -> Award:
    """Offers an approved award to the organisation and emails its administrators to accept or decline."""
    with transaction.atomic():
        locked = _locked(award)
        if conditions is not None:
            locked.conditions = conditions.strip()
        take(locked, "offer", by=by, reason=reason)
    award.refresh_from_db()
    email_administrators(
        locked,
        subject=f"Grant offer {locked.reference}: {locked.title}",
        body=(
            f"{locked.programme} offers {locked.organisation} a grant of £{locked.amount:,.2f} "
            f"from {locked.starts_on:%-d %B %Y} to {locked.ends_on:%-d %B %Y}.\n\n"
            f"Conditions:\n{locked.conditions}\n\n"
            "An administrator of your organisation can accept or decline the offer on the award's page: "
            f"{absolute_url(locked.get_absolute_url())}\n"
        ),
    )
    return locked


def accept_award(*, award: Award, by, reason: str) -> Award:
    """Accepts an offer for the organisation, then schedules the grant's payments and monitoring returns."""
    with transaction.atomic():
        locked = _locked(award)
        take(locked, "accept", by=by, reason=reason)
        schedule_payments = _optional("thirdsector.funding.services.payments", "schedule_payments")
        schedule_returns = _optional("thirdsector.funding.services.monitoring", "schedule_returns")
        if schedule_payments:
            schedule_payments(award=locked)
        if schedule_returns:
            schedule_returns(award=locked)
    award.refresh_from_db()
    return locked


def decline_offer(*, award: Award, by, reason: str) -> Award:
    """Declines an offer for the organisation and gives the money back to the programme's budgets."""
    with transaction.atomic():
        locked = _locked(award)
        take(locked, "decline", by=by, reason=reason)
        release_award(locked)
    award.refresh_from_db()
    return locked


def withdraw_award(*, award: Award, by, reason: str) -> Award:
    """Withdraws an award before acceptance; money it held (once approved) goes back to the budgets."""
    with transaction.atomic():
        locked = _locked(award)
        was_committed = locked.is_committed
        take(locked, "withdraw", by=by, reason=reason)
        if was_committed:
            release_award(locked)
    award.refresh_from_db()
    return locked


def close_award(*, award: Award, by, reason: str) -> Award:
    """Closes a finished award: every payment settled and the final return accepted."""
    with transaction.atomic():
        locked = _locked(award)
        take(locked, "close", by=by, reason=reason)
    award.refresh_from_db()
    return locked


def set_payment_condition(*, award: Award, condition: str, by, reason: str) -> Award:
    """Makes every payment on `award` wait until `condition` is met (an asset transfer's legal completion)."""
    with transaction.atomic():
        locked = _locked(award)
        locked.payment_condition = condition
        locked.payment_condition_met_on = None
        attribute(locked, by=by, reason=reason).save(update_fields=["payment_condition", "payment_condition_met_on"])
    award.refresh_from_db()
    return locked


def meet_payment_condition(*, award: Award, met_on: datetime.date, by, reason: str) -> Award:
    """Records that the condition before payment was met on `met_on`, so payments may go ahead."""
    with transaction.atomic():
        locked = _locked(award)
        if not locked.payment_condition:
            raise FundingError("This award has no condition before payment to meet.")
        locked.payment_condition_met_on = met_on
        attribute(locked, by=by, reason=reason).save(update_fields=["payment_condition_met_on"])
    award.refresh_from_db()
    return locked


# The steps the award page offers, each with the service that takes it.
STEP_SERVICES = {
    "approve": approve_award,
    "offer": offer_award,
    "accept": accept_award,
    "decline": decline_offer,
    "withdraw": withdraw_award,
    "close": close_award,
}


def _optional(module_name: str, name: str):
    """A function from another capability's module, or None (logged) while that module is not written.

    Payments and monitoring are built alongside awards; importing them here, when needed, keeps this
    module loadable on its own. Any other import error inside those modules is raised, not hidden.
    """
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        module = None
    function = getattr(module, name, None)
    if function is None:
        logger.error("%s.%s is not available, so it was not called", module_name, name)
    return function
