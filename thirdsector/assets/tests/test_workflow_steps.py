"""Each refused or followed step: withdrawing an offer, withdrawing a proposal, and the engine's decline."""

import pytest

from thirdsector.core.workflow import TransitionRefused
from thirdsector.funding.models import ApplicationStatus
from thirdsector.funding.services.assessment import record_decision

from ..errors import AssetTransferError
from ..models import AssetStatus, ProposalStatus
from ..services.assets import withdraw_offer
from ..services.proposals import withdraw_proposal
from .factories import AssetFactory, CouncilFactory

pytestmark = pytest.mark.django_db


def test_the_owning_councils_officer_withdraws_an_offer_with_a_reason(asset, officer):
    withdraw_offer(asset=asset, by=officer, reason="Needed for a school")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.WITHDRAWN
    assert asset.history.latest().history_change_reason == "Needed for a school"


def test_another_councils_officer_cannot_withdraw_the_offer(officer):
    asset = AssetFactory(council=CouncilFactory())
    with pytest.raises(TransitionRefused, match="only the owning council's officers"):
        withdraw_offer(asset=asset, by=officer, reason="Mine now")


def test_an_offer_is_not_withdrawn_without_a_reason(asset, officer):
    with pytest.raises(AssetTransferError, match="Say why"):
        withdraw_offer(asset=asset, by=officer, reason=" ")


def test_withdrawing_a_submitted_proposal_withdraws_its_application_and_offers_the_asset_again(at_stage, proposer):
    proposal = at_stage("submitted")
    withdraw_proposal(proposal=proposal, by=proposer, reason="We lost our lead trustee")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.application.status == ApplicationStatus.WITHDRAWN
    assert proposal.asset.status == AssetStatus.OFFERED
    assert proposal.history.latest().history_user == proposer


def test_the_engines_decline_declines_the_proposal_and_offers_the_asset_again(at_stage, fund_administrator):
    proposal = at_stage("in_assessment")
    record_decision(
        application=proposal.application, by=fund_administrator, approve=False, reasons="Weak plan", feedback="Sorry"
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.asset.status == AssetStatus.OFFERED
    assert proposal.history.latest().history_user == fund_administrator
