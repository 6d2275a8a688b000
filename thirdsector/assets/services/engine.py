"""Following the grant engine: the proposal takes the step that matches each engine step on its application
and award, in the same transaction, so the two never disagree.

The engine's pages run assessment, decisions and awards; `signals.py` calls these after each save of an
application or award. The person who took the engine's step (kept by `core.audit.attribute` on the saved
record) is named on the proposal's step when they may take it; otherwise the step is the system's, with the
reason saying who did what. The payment condition is set the moment the award is drafted, so no payment on
the grant can be raised before the legal completion is recorded.
"""

from thirdsector.core.workflow import refusal, take
from thirdsector.funding.models import Application, ApplicationStatus, Award, AwardStatus
from thirdsector.funding.services.awards import set_payment_condition

from ..models import Asset, AssetStatus, ProposalStatus, TransferProposal


def _proposal_for(application_id: int | None) -> TransferProposal | None:
    if application_id is None:
        return None
    return TransferProposal.objects.select_related("asset").filter(application_id=application_id).first()


def _follow(proposal: TransferProposal, step: str, *, user, reason: str) -> None:
    if proposal.status not in _SOURCES[step]:
        return
    by = user if user is not None and refusal(proposal, step, user) is None else None
    take(proposal, step, by=by, reason=reason if by is not None or user is None else f"{reason} (by {user})")


# The states each followed step starts from (as the model's transitions declare them).
_SOURCES = {
    "start_assessment": {ProposalStatus.SUBMITTED},
    "fund": {ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT},
    "decline": {ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT, ProposalStatus.FUNDED},
    "withdraw": {ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT},
}


def _offer_again(proposal: TransferProposal, reason: str) -> None:
    asset = Asset.objects.select_for_update().get(pk=proposal.asset_id)
    if asset.status == AssetStatus.UNDER_PROPOSAL:
        take(asset, "offer_again", by=None, reason=f"{reason} ({proposal.reference})")


def follow_application(application: Application) -> None:
    proposal = _proposal_for(application.pk)
    if proposal is None:
        return
    user = getattr(application, "_history_user", None)
    if application.status == ApplicationStatus.IN_ASSESSMENT:
        _follow(proposal, "start_assessment", user=user, reason=f"The fund started assessing {application.reference}")
    elif application.status == ApplicationStatus.DECLINED and proposal.status in _SOURCES["decline"]:
        _follow(proposal, "decline", user=user, reason=f"The fund declined application {application.reference}")
        _offer_again(proposal, "The proposal was declined")
    elif application.status == ApplicationStatus.WITHDRAWN and proposal.status in _SOURCES["withdraw"]:
        _follow(proposal, "withdraw", user=user, reason=f"Application {application.reference} withdrawn")
        _offer_again(proposal, "The proposal was withdrawn")


def follow_award(award: Award, *, created: bool) -> None:
    proposal = _proposal_for(award.application_id)
    if proposal is None:
        return
    user = getattr(award, "_history_user", None)
    if created and not award.payment_condition:
        set_payment_condition(
            award=award,
            condition=f"Legal completion of the transfer of {proposal.asset.name}"[:300],
            by=user,
            reason=f"Asset transfer proposal {proposal.reference}: no payment before legal completion",
        )
    elif award.status == AwardStatus.APPROVED:
        _follow(proposal, "fund", user=user, reason=f"Award {award.reference} approved")
    elif award.status in (AwardStatus.WITHDRAWN, AwardStatus.DECLINED) and proposal.status == ProposalStatus.FUNDED:
        _follow(proposal, "decline", user=user, reason=f"Award {award.reference} {award.get_status_display().lower()}")
        _offer_again(proposal, "The grant did not go ahead")
