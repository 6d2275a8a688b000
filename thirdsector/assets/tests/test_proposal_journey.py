"""A proposal from draft to transfer through the services, following the grant engine's steps."""

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused
from thirdsector.funding.models import ApplicationStatus, AwardStatus, PaymentStatus
from thirdsector.funding.services.payments import approve_payment, raise_payment

from ..errors import AssetTransferError
from ..models import AssetStatus, ProposalStatus
from ..services.proposals import record_legal_completion, submit_proposal

pytestmark = pytest.mark.django_db


def test_a_proposal_cannot_be_submitted_without_the_councils_written_support(at_stage, proposer):
    proposal = at_stage("draft")
    with pytest.raises(AssetTransferError, match="council's written support"):
        submit_proposal(proposal=proposal, by=proposer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.application is None


def test_submitting_applies_to_the_funds_round_on_the_engine(at_stage, fund):
    proposal = at_stage("submitted")
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.application.round.programme == fund
    assert proposal.application.status == ApplicationStatus.SUBMITTED
    assert proposal.application.amount_requested == proposal.amount_requested
    assert proposal.application.documents.count() == 4
    assert proposal.asset.status == AssetStatus.UNDER_PROPOSAL


def test_the_proposal_follows_the_engine_into_assessment(at_stage, fund_administrator):
    proposal = at_stage("in_assessment")
    assert proposal.status == ProposalStatus.IN_ASSESSMENT
    assert proposal.history.latest().history_user == fund_administrator


def test_an_approved_award_funds_the_proposal_and_waits_for_legal_completion(at_stage):
    proposal = at_stage("funded")
    assert proposal.status == ProposalStatus.FUNDED
    award = proposal.award
    assert award.status == AwardStatus.APPROVED
    assert award.payment_condition == f"Legal completion of the transfer of {proposal.asset.name}"
    assert award.awaits_payment_condition


def test_the_first_payment_is_refused_before_legal_completion(at_stage, fund_administrator):
    proposal = at_stage("accepted")
    payment = proposal.award.payments.order_by("number").first()
    with pytest.raises(TransitionRefused, match="condition before payment has not been met"):
        raise_payment(payment=payment, by=fund_administrator, reason="First instalment")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_legal_completion_releases_payment_transfers_the_asset_and_schedules_five_returns(
    at_stage, officer, fund_administrator, second_fund_administrator
):
    proposal = at_stage("accepted")
    today = timezone.localdate()
    record_legal_completion(proposal=proposal, by=officer, completed_on=today, tenure="lease", lease_years=30)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TRANSFERRED
    assert proposal.asset.status == AssetStatus.TRANSFERRED
    assert proposal.award.payment_condition_met_on == today
    assert list(proposal.returns.values_list("year", flat=True)) == [1, 2, 3, 4, 5]
    payment = proposal.award.payments.order_by("number").first()
    raise_payment(payment=payment, by=fund_administrator, reason="First instalment")
    approve_payment(payment=payment, by=second_fund_administrator, reason="Checked")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED


def test_legal_completion_is_refused_before_the_fund_awards_the_grant(at_stage, officer):
    proposal = at_stage("in_assessment")
    with pytest.raises(AssetTransferError, match="not possible while"):
        record_legal_completion(proposal=proposal, by=officer, completed_on=timezone.localdate(), tenure="freehold")


def test_only_the_owning_council_or_the_fund_records_legal_completion(at_stage, proposer, other_fund_administrator):
    proposal = at_stage("funded")
    for person in (proposer, other_fund_administrator):
        with pytest.raises(AssetTransferError, match="only the owning council's officers or the staff who run"):
            record_legal_completion(proposal=proposal, by=person, completed_on=timezone.localdate(), tenure="lease",
                                    lease_years=30)  # fmt: skip


def test_a_future_completion_date_is_refused(at_stage, officer):
    import datetime

    proposal = at_stage("funded")
    with pytest.raises(AssetTransferError, match="cannot be in the future"):
        record_legal_completion(
            proposal=proposal,
            by=officer,
            completed_on=timezone.localdate() + datetime.timedelta(days=1),
            tenure="freehold",
        )
