"""Post-transfer returns: the five yearly reports scheduled at legal completion, submitting and accepting
them, and the rule that flags an asset at risk for the fund's staff.

At risk (`risk_reasons`), from the returns given so far (submitted or accepted), in year order:
- falling use: people served fell in each of the last two returns (three returns in a row, each lower
  than the one before), so one bad year is not a trend;
- loss-making: spending was more than income in each of the last two returns (two consecutive years).
Either is enough; both reasons are shown when both hold.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take
from thirdsector.funding.permissions import acts_for
from thirdsector.funding.services.awards import add_months

from ..errors import AssetTransferError
from ..models import PostTransferReturn, ReturnStatus, TransferProposal

GIVEN_STATUSES = (ReturnStatus.SUBMITTED, ReturnStatus.ACCEPTED)
FIGURE_FIELDS = ("hours_open_per_week", "groups_using", "people_served", "income", "expenditure", "condition", "notes")


def schedule_returns(*, proposal: TransferProposal, by) -> list[PostTransferReturn]:
    """One return a year for `ASSETS_RETURN_YEARS` years from the legal completion date."""
    completed_on = proposal.legal_completion_on
    if completed_on is None:
        raise AssetTransferError("Returns are scheduled from the legal completion date, which is not recorded.")
    returns = []
    for year in range(1, settings.ASSETS_RETURN_YEARS + 1):
        ends_on = add_months(completed_on, 12 * year) - datetime.timedelta(days=1)
        row = PostTransferReturn(
            proposal=proposal,
            year=year,
            period_starts_on=add_months(completed_on, 12 * (year - 1)),
            period_ends_on=ends_on,
            due_on=ends_on + datetime.timedelta(days=settings.ASSETS_RETURN_DUE_DAYS),
        )
        attribute(row, by=by, reason="Scheduled at legal completion")
        row.save()
        returns.append(row)
    return returns


@transaction.atomic
def save_return(*, post_transfer_return: PostTransferReturn, by, **figures) -> PostTransferReturn:
    """Saves the figures of a return not yet submitted, so the holder can come back to it."""
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"Not figures on a return: {', '.join(sorted(unknown))}")
    row = PostTransferReturn.objects.select_for_update().select_related("proposal").get(pk=post_transfer_return.pk)
    if not acts_for(by, row.proposal.organisation_id):
        raise AssetTransferError("Only a member of the organisation that holds the asset can fill in its returns.")
    if row.status != ReturnStatus.DUE:
        raise AssetTransferError(f"This return is {row.get_status_display().lower()}, so it can no longer be changed.")
    for name, value in figures.items():
        setattr(row, name, value)
    attribute(row, by=by, reason="Figures saved")
    row.save()
    return row


def take_return_step(*, post_transfer_return: PostTransferReturn, step: str, by, reason: str) -> PostTransferReturn:
    """Submit (the holder), accept or send back (the fund's staff)."""
    if step not in ("submit", "accept", "send_back"):
        raise AssetTransferError("That is not a step on a return.")
    with transaction.atomic():
        row = PostTransferReturn.objects.select_for_update().select_related("proposal").get(pk=post_transfer_return.pk)
        return take(row, step, by=by, reason=reason)


@dataclass(frozen=True)
class AtRisk:
    proposal: TransferProposal
    reasons: list[str]


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def risk_reasons(returns: Iterable[PostTransferReturn]) -> list[str]:
    """Why an asset is at risk, from its returns (any order); empty when it is not."""
    given = sorted((row for row in returns if row.status in GIVEN_STATUSES), key=lambda row: row.year)
    reasons = []
    served = [row for row in given if row.people_served is not None][-3:]
    if len(served) == 3 and served[2].people_served < served[1].people_served < served[0].people_served:
        figures = " → ".join(f"{row.people_served:,}" for row in served)
        reasons.append(
            f"Falling use: people served fell two years running (years {served[0].year}–{served[2].year}: {figures})."
        )
    money = [row for row in given if row.income is not None and row.expenditure is not None][-2:]
    if len(money) == 2 and money[1].year == money[0].year + 1 and all(row.income < row.expenditure for row in money):
        losses = ", ".join(f"year {row.year}: {_pounds(row.expenditure - row.income)} loss" for row in money)
        reasons.append(f"Loss-making two years running ({losses}).")
    return reasons


def assets_at_risk(proposals: Iterable[TransferProposal]) -> list[AtRisk]:
    """The transferred proposals flagged at risk, with reasons, reading every return in one query."""
    proposals = {proposal.pk: proposal for proposal in proposals}
    by_proposal = defaultdict(list)
    for row in PostTransferReturn.objects.filter(proposal_id__in=proposals, status__in=GIVEN_STATUSES):
        by_proposal[row.proposal_id].append(row)
    flagged = []
    for pk, proposal in proposals.items():
        reasons = risk_reasons(by_proposal[pk])
        if reasons:
            flagged.append(AtRisk(proposal, reasons))
    return flagged
