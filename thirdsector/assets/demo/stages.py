"""Taking a transfer proposal to any stage with the real services, each step by the person who would take
it: the demo data uses it for assets at every stage, and the tests for proposals they start part-way."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thirdsector.funding.models import Award
from thirdsector.funding.services.assessment import (
    assign_assessor,
    declare_interests,
    record_decision,
    save_scores,
    submit_scores,
)
from thirdsector.funding.services.awards import accept_award, approve_award, create_award, offer_award

from ..models import Asset, ProposalDocumentKind, TransferProposal
from ..services.proposals import (
    add_document,
    record_council_support,
    record_legal_completion,
    save_proposal,
    start_proposal,
    submit_proposal,
)

# The stages in order; each includes the ones before it.
STAGES = ("draft", "supported", "submitted", "in_assessment", "funded", "accepted", "transferred")


@dataclass(frozen=True)
class Cast:
    """Who takes each step: the council's officer, the proposer (an administrator), the fund's two staff
    (one raises payments, the other approves them) and an assessor."""

    council_officer: object
    proposer: object
    fund_administrator: object
    assessor: object


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n", content_type="application/pdf")


def _assess(proposal: TransferProposal, cast: Cast) -> None:
    assignment = assign_assessor(application=proposal.application, assessor=cast.assessor, by=cast.fund_administrator)
    declare_interests(assignment=assignment, by=cast.assessor, has_conflict=False)
    criteria = proposal.application.round.programme.criteria.all()
    save_scores(assignment=assignment, by=cast.assessor, scores={c.pk: (4, "Well evidenced.") for c in criteria})
    submit_scores(assignment=assignment, by=cast.assessor)


def _award(proposal: TransferProposal, cast: Cast, stage: str) -> Award:
    application = record_decision(
        application=proposal.application,
        by=cast.fund_administrator,
        approve=True,
        reasons="Strong community support and a realistic business plan.",
        feedback="Your proposal is funded; payments start after legal completion.",
    )
    award = create_award(
        application=application,
        by=cast.fund_administrator,
        amount=proposal.amount_requested,
        starts_on=timezone.localdate(),
        conditions="Spend the grant on the refurbishment in the proposal; keep the building in community use.",
    )
    award = approve_award(award=award, by=cast.fund_administrator, reason="Panel approved")
    if stage != "funded":
        award = offer_award(award=award, by=cast.fund_administrator, reason="Offer letter sent")
        award = accept_award(award=award, by=cast.proposer, reason="Trustees agreed")
    return award


def proposal_at(
    stage: str,
    *,
    asset: Asset,
    organisation,
    cast: Cast,
    amount: Decimal = Decimal("250000.00"),
    completed_on: datetime.date | None = None,
) -> TransferProposal:
    """A proposal for `asset` by `organisation`, taken through every step up to `stage`."""
    reached = STAGES[: STAGES.index(stage) + 1]
    proposal = start_proposal(asset=asset, organisation=organisation, by=cast.proposer)
    save_proposal(
        proposal=proposal,
        by=cast.proposer,
        amount_requested=amount,
        refurbishment_summary="A new roof, heating, accessible toilets and a community kitchen.",
        community_benefit="Youth clubs, a lunch club for older people, advice sessions and room hire for local groups.",
    )
    for kind in (
        ProposalDocumentKind.BUSINESS_PLAN,
        ProposalDocumentKind.CONDITION_SURVEY,
        ProposalDocumentKind.COMMUNITY_SUPPORT,
    ):
        add_document(proposal=proposal, by=cast.proposer, kind=kind, uploaded_file=pdf(f"{kind}.pdf"))
    if "supported" in reached:
        record_council_support(
            proposal=proposal,
            by=cast.council_officer,
            supported_on=timezone.localdate(),
            uploaded_file=pdf("council-support.pdf"),
        )
    if "submitted" in reached:
        proposal = submit_proposal(proposal=proposal, by=cast.proposer)
    if "in_assessment" in reached:
        _assess(proposal, cast)
    if "funded" in reached:
        _award(proposal, cast, stage)
    if "transferred" in reached:
        proposal = record_legal_completion(
            proposal=proposal,
            by=cast.council_officer,
            completed_on=completed_on or timezone.localdate(),
            tenure=asset.tenure,
            lease_years=asset.lease_years,
        )
    proposal.refresh_from_db()
    return proposal
