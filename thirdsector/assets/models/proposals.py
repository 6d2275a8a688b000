"""A community organisation's proposal to take on an asset, with the grant it asks the fund for.

The proposal's steps after submission follow the grant engine: the linked `funding.Application` is
assessed and decided on the engine's pages, and `services/engine.py` takes the matching step here.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard

from ..permissions import council_or_fund_staff, fund_staff_or_engine, proposer, proposer_or_engine
from .assets import MONEY, Asset, AssetStatus, Tenure


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted with the council's support"
    IN_ASSESSMENT = "in_assessment", "In assessment"
    FUNDED = "funded", "Funded: awaiting legal completion"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    TRANSFERRED = "transferred", "Transferred"


LIVE_PROPOSAL_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT, ProposalStatus.FUNDED)


class ProposalDocumentKind(models.TextChoices):
    COUNCIL_SUPPORT = "council_support", "The council's written support"
    BUSINESS_PLAN = "business_plan", "Business plan"
    CONDITION_SURVEY = "condition_survey", "Condition survey"
    COMMUNITY_SUPPORT = "community_support", "Evidence of community support"


# What the proposer uploads; the council's letter is uploaded by the council's officer.
PROPOSER_DOCUMENT_KINDS = (
    ProposalDocumentKind.BUSINESS_PLAN,
    ProposalDocumentKind.CONDITION_SURVEY,
    ProposalDocumentKind.COMMUNITY_SUPPORT,
)


def missing_documents(proposal) -> list[str]:
    held = {document.kind for document in proposal.documents.all()}
    return [kind.label for kind in ProposalDocumentKind if kind not in held]


@guard("The proposal needs the council's written support, a business plan, a condition survey and evidence of "
       "community support before it is submitted.")  # fmt: skip
def _documents_complete(proposal) -> bool:
    return not missing_documents(proposal)


@guard("Say how much you are asking for and what the refurbishment will do before submitting.")
def _answers_complete(proposal) -> bool:
    return proposal.amount_requested is not None and bool(proposal.refurbishment_summary.strip())


@guard("Ask for between the fund's minimum and maximum grant.")
def _amount_in_range(proposal) -> bool:
    amount = proposal.amount_requested
    return amount is not None and settings.ASSETS_GRANT_MINIMUM <= amount <= settings.ASSETS_GRANT_MAXIMUM


@guard("The asset is no longer offered for transfer, or another proposal for it is already being considered.")
def _asset_offered(proposal) -> bool:
    return proposal.asset.status == AssetStatus.OFFERED


COMPLETION_NEEDED = "Record the legal completion date and the terms the transfer completed on first."


@guard(COMPLETION_NEEDED)
def _completion_recorded(proposal) -> bool:
    return proposal.legal_completion_on is not None and bool(proposal.completed_tenure)


class TransferProposal(models.Model):
    """One organisation's case for taking on one asset, and the capital grant it asks for."""

    reference = models.CharField(max_length=20, unique=True)
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="proposals")
    organisation = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="transfer_proposals"
    )
    status = StateField(max_length=14, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    amount_requested = models.DecimalField("Capital grant requested", null=True, blank=True, **MONEY)
    refurbishment_summary = models.TextField("What the refurbishment will do", blank=True)
    community_benefit = models.TextField("Who will use the building and how", blank=True)
    application = models.OneToOneField(
        "funding.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfer_proposal",
        help_text="The application to the fund made when the proposal was submitted",
    )
    council_support_on = models.DateField("Date of the council's support", null=True, blank=True)
    council_support_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    legal_completion_on = models.DateField("Legal completion date", null=True, blank=True)
    completed_tenure = models.CharField("Completed on", max_length=10, choices=Tenure.choices, blank=True)
    completed_lease_years = models.PositiveSmallIntegerField("Length of the lease in years", null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="proposal_status_idx"),
            models.Index(fields=["organisation", "status"], name="proposal_org_status_idx"),
            models.Index(fields=["asset", "status"], name="proposal_asset_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["asset"],
                condition=models.Q(status__in=["submitted", "in_assessment", "funded", "transferred"]),
                name="one_live_proposal_per_asset",
                violation_error_message="Another proposal for this asset is already being considered.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.asset}"

    def get_absolute_url(self) -> str:
        return reverse("assets:proposal", args=[self.reference])

    @property
    def award(self):
        """The engine's award for the proposal's application, if one has been made."""
        application = self.application
        return getattr(application, "award", None) if application is not None else None

    @transition(
        status, source=ProposalStatus.DRAFT, target=ProposalStatus.SUBMITTED, permission=proposer,
        conditions=[_answers_complete, _amount_in_range, _documents_complete, _asset_offered],
        custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by):
        self.submitted_at = timezone.now()

    @transition(
        status, source=ProposalStatus.SUBMITTED, target=ProposalStatus.IN_ASSESSMENT,
        permission=fund_staff_or_engine, custom={"label": "start assessing"},
    )  # fmt: skip
    def start_assessment(self, *, by):
        pass

    @transition(
        status, source=[ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT], target=ProposalStatus.FUNDED,
        permission=fund_staff_or_engine, custom={"label": "fund"},
    )  # fmt: skip
    def fund(self, *, by):
        pass

    @transition(
        status, source=[ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT, ProposalStatus.FUNDED],
        target=ProposalStatus.DECLINED, permission=fund_staff_or_engine, custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by):
        pass

    @transition(
        status, source=[ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_ASSESSMENT],
        target=ProposalStatus.WITHDRAWN, permission=proposer_or_engine, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass

    @transition(
        status, source=ProposalStatus.FUNDED, target=ProposalStatus.TRANSFERRED, permission=council_or_fund_staff,
        conditions=[_completion_recorded], custom={"label": "record legal completion"},
    )  # fmt: skip
    def complete_transfer(self, *, by):
        pass


class ProposalDocument(models.Model):
    """A document a proposal needs, checked for size and type when it was uploaded."""

    proposal = models.ForeignKey(TransferProposal, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=ProposalDocumentKind.choices)
    file = models.FileField(upload_to="asset-transfers/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(help_text="In bytes")
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="one_proposal_document_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
