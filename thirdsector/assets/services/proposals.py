"""Transfer proposals: starting one, its answers and documents, the council's support, submission to the
fund (as an application on the grant engine), withdrawal, and legal completion.

Submission makes the proposal's application in the fund's open round through the engine's own services,
so the outside body assesses, decides and awards it on the engine's pages. Recording the legal completion
meets the award's condition before payment: until then the engine refuses every payment on the grant.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.uploads import DOCUMENTS, UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, refusal, take
from thirdsector.funding.errors import FundingError
from thirdsector.funding.models import DocumentKind, Round
from thirdsector.funding.permissions import acts_for
from thirdsector.funding.services import applications as engine_applications
from thirdsector.funding.services.awards import meet_payment_condition
from thirdsector.funding.services.references import new_reference

from ..errors import AssetTransferError
from ..models import (
    COMPLETION_NEEDED,
    PROPOSER_DOCUMENT_KINDS,
    Asset,
    AssetStatus,
    ProposalDocument,
    ProposalDocumentKind,
    ProposalStatus,
    Tenure,
    TransferProposal,
)
from ..permissions import acts_for_council, fund_programme
from .returns import schedule_returns

REFERENCE_PREFIX = "CAT"


def _require_proposer(proposal: TransferProposal, by) -> None:
    if not acts_for(by, proposal.organisation_id):
        raise AssetTransferError("Only a member of the proposing organisation who can edit its record can do this.")


def _require_draft(proposal: TransferProposal) -> None:
    if proposal.status != ProposalStatus.DRAFT:
        raise AssetTransferError(
            f"This proposal is {proposal.get_status_display().lower()}, so it can no longer be changed."
        )


@transaction.atomic
def start_proposal(*, asset: Asset, organisation, by) -> TransferProposal:
    if not acts_for(by, organisation.pk):
        raise AssetTransferError(
            f"Only a member of {organisation.name} who can edit its record can propose for it.", field="organisation"
        )
    if asset.status != AssetStatus.OFFERED:
        raise AssetTransferError(f"{asset.name} is {asset.get_status_display().lower()}, so it cannot be proposed for.")
    if organisation.is_public_body:
        raise AssetTransferError("Only a community organisation can take on an asset.", field="organisation")
    proposal = TransferProposal(
        reference=new_reference(TransferProposal, REFERENCE_PREFIX),
        asset=asset,
        organisation=organisation,
        created_by=by,
    )
    attribute(proposal, by=by, reason="Proposal started")
    proposal.save()
    return proposal


@transaction.atomic
def save_proposal(
    *, proposal: TransferProposal, by, amount_requested: Decimal, refurbishment_summary: str, community_benefit: str
) -> TransferProposal:
    _require_proposer(proposal, by)
    _require_draft(proposal)
    minimum, maximum = settings.ASSETS_GRANT_MINIMUM, settings.ASSETS_GRANT_MAXIMUM
    if not minimum <= amount_requested <= maximum:
        raise AssetTransferError(f"Ask for between £{minimum:,} and £{maximum:,}.", field="amount_requested")
    proposal.amount_requested = amount_requested
    proposal.refurbishment_summary = refurbishment_summary.strip()
    proposal.community_benefit = community_benefit.strip()
    attribute(proposal, by=by, reason="Answers saved")
    proposal.save()
    return proposal


def _store(proposal: TransferProposal, *, kind: str, uploaded_file, by, reason: str) -> ProposalDocument:
    try:
        file_type = check_upload(uploaded_file, max_bytes=settings.ASSETS_MAX_DOCUMENT_BYTES, allowed=DOCUMENTS)
    except UploadRefused as refused:
        raise AssetTransferError(str(refused), field="file") from refused
    document = proposal.documents.filter(kind=kind).first() or ProposalDocument(proposal=proposal, kind=kind)
    replaced = document.file.name if document.pk else None
    document.original_name = uploaded_file.name[:255]
    document.size = uploaded_file.size
    document.content_type = file_type.content_type
    document.uploaded_by = by
    document.file.save(uploaded_file.name, uploaded_file, save=False)
    attribute(document, by=by, reason=reason)
    document.save()
    if replaced:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return document


@transaction.atomic
def add_document(*, proposal: TransferProposal, by, kind: str, uploaded_file) -> ProposalDocument:
    """The proposer's business plan, condition survey or evidence of community support (a new one replaces)."""
    _require_proposer(proposal, by)
    _require_draft(proposal)
    if kind not in PROPOSER_DOCUMENT_KINDS:
        raise AssetTransferError("Select what the document is.", field="kind")
    return _store(proposal, kind=kind, uploaded_file=uploaded_file, by=by, reason="Document uploaded")


@transaction.atomic
def record_council_support(
    *, proposal: TransferProposal, by, supported_on: datetime.date, uploaded_file
) -> TransferProposal:
    """The owning council's officer uploads the council's letter committing to the transfer."""
    if not acts_for_council(by, proposal.asset.council_id):
        raise AssetTransferError(f"Only {proposal.asset.council}'s council officers can record its support.")
    _require_draft(proposal)
    if supported_on > timezone.localdate():
        raise AssetTransferError("The date of the letter cannot be in the future.", field="supported_on")
    _store(
        proposal,
        kind=ProposalDocumentKind.COUNCIL_SUPPORT,
        uploaded_file=uploaded_file,
        by=by,
        reason="The council's written support uploaded",
    )
    proposal.council_support_on = supported_on
    proposal.council_support_by = by
    attribute(proposal, by=by, reason="The council's written support recorded")
    proposal.save(update_fields=["council_support_on", "council_support_by"])
    return proposal


def open_fund_round(*, on: datetime.date | None = None) -> Round | None:
    """The fund's round taking applications today (the one closing soonest if several are open)."""
    programme = fund_programme()
    if programme is None:
        return None
    day = on or timezone.localdate()
    return (
        Round.objects.select_related("programme")
        .filter(programme=programme, is_published=True, opens_on__lte=day, closes_on__gte=day)
        .order_by("closes_on", "id")
        .first()
    )


def _application_for(proposal: TransferProposal, *, by):
    """Makes, fills in, declares and submits the proposal's application to the fund, on the engine."""
    round_ = open_fund_round()
    if round_ is None:
        raise AssetTransferError("The fund has no round open for proposals at the moment: submit when one opens.")
    asset = proposal.asset
    try:
        application = engine_applications.start_application(round_=round_, organisation=proposal.organisation, by=by)
        engine_applications.save_answers(
            application=application,
            by=by,
            project_title=f"Refurbishment of {asset.name}"[:200],
            summary=proposal.refurbishment_summary,
            need=(
                f"{asset.name}, {asset.address} {asset.postcode}: {asset.get_condition_display()}. "
                f"Offered by {asset.council} ({asset.terms}). Currently: {asset.current_use}"
            ),
            outcomes=proposal.community_benefit,
            amount_requested=proposal.amount_requested,
            duration_months=round_.programme.default_grant_months,
            starts_on=timezone.localdate(),
        )
        for document in proposal.documents.all():
            with document.file.open("rb") as stored:
                engine_applications.add_document(
                    application=application,
                    by=by,
                    kind=DocumentKind.OTHER,
                    uploaded_file=File(stored, name=document.original_name),
                )
        engine_applications.declare(application=application, by=by)
        engine_applications.submit_application(application=application, by=by)
    except (FundingError, TransitionRefused) as error:
        reasons = getattr(error, "reasons", None)
        raise AssetTransferError(" ".join(reasons) if reasons else str(error)) from error
    return application


def submit_proposal(*, proposal: TransferProposal, by) -> TransferProposal:
    """Submits the proposal with the council's support and applies to the fund for its grant."""
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=proposal.asset_id)
        proposal = (
            TransferProposal.objects.select_for_update().select_related("asset", "organisation").get(pk=proposal.pk)
        )
        proposal.asset = asset
        problem = refusal(proposal, "submit", by)
        if problem:
            raise AssetTransferError(problem)
        proposal.application = _application_for(proposal, by=by)
        try:
            with transaction.atomic():
                take(proposal, "submit", by=by, reason="Submitted to the fund with the council's support")
        except IntegrityError as error:
            raise AssetTransferError("Another proposal for this asset is already being considered.") from error
        take(asset, "put_under_proposal", by=None, reason=f"Proposal {proposal.reference} submitted by {by}")
    return proposal


def withdraw_proposal(*, proposal: TransferProposal, by, reason: str) -> TransferProposal:
    """Withdraws a proposal; once submitted, its application is withdrawn on the engine and the proposal follows."""
    reason = (reason or "").strip()
    if not reason:
        raise AssetTransferError("Say why you are withdrawing the proposal.", field="reason")
    with transaction.atomic():
        if proposal.application_id and proposal.status != ProposalStatus.DRAFT:
            _require_proposer(proposal, by)
            try:
                engine_applications.withdraw_application(application=proposal.application, by=by, reason=reason)
            except (FundingError, TransitionRefused) as error:
                raise AssetTransferError(str(error)) from error
            proposal.refresh_from_db()
        else:
            take(proposal, "withdraw", by=by, reason=reason)
    return proposal


def record_legal_completion(
    *,
    proposal: TransferProposal,
    by,
    completed_on: datetime.date,
    tenure: str,
    lease_years: int | None = None,
    reason: str = "",
) -> TransferProposal:
    """Records the legal completion: the grant's payments may go ahead, the asset is transferred and the
    organisation's five years of returns are scheduled, all or none."""
    if completed_on > timezone.localdate():
        raise AssetTransferError("The legal completion date cannot be in the future.", field="completed_on")
    if tenure not in Tenure.values:
        raise AssetTransferError("Select the terms the transfer completed on.", field="tenure")
    if tenure == Tenure.LEASE and not lease_years:
        raise AssetTransferError("Enter the length of the lease in years.", field="lease_years")
    with transaction.atomic():
        proposal = TransferProposal.objects.select_for_update().select_related("asset").get(pk=proposal.pk)
        problem = refusal(proposal, "complete_transfer", by)
        # The step's guard asks for what this service fills in, so only who may take it, and when, count here.
        if problem and problem != COMPLETION_NEEDED:
            raise AssetTransferError(problem)
        award = proposal.award
        if award is None:
            raise AssetTransferError("The fund has not made an award for this proposal yet.")
        proposal.legal_completion_on = completed_on
        proposal.completed_tenure = tenure
        proposal.completed_lease_years = lease_years if tenure == Tenure.LEASE else None
        why = (reason or "").strip() or f"Legal completion on {completed_on:%-d %B %Y}"
        take(proposal, "complete_transfer", by=by, reason=why)
        if award.awaits_payment_condition:
            meet_payment_condition(award=award, met_on=completed_on, by=by, reason=f"{why} ({proposal.reference})")
        asset = Asset.objects.select_for_update().get(pk=proposal.asset_id)
        take(asset, "transfer", by=None, reason=f"Legal completion recorded by {by} on proposal {proposal.reference}")
        schedule_returns(proposal=proposal, by=by)
    return proposal
