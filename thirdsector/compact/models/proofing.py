"""Policy proofing: a policy in development checked against the Compact before it is decided.

Staff write a proofing assessment (which commitments apply, the effect on the sector, how the sector
was involved, risks and their mitigations, a conclusion) and submit it; the body's Compact lead signs
it off or returns it for changes. The Commissioner may review any assessment and comment on it. A
policy with no signed-off assessment is unproofed, and shown as such.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission


def is_compact_lead_of(user, body) -> bool:
    """The person named as the body's Compact lead."""
    return user is not None and user.is_authenticated and body.compact_lead_id == user.pk


def edits_proofing(user) -> bool:
    """Department staff and platform admins write policies and assessments."""
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


class Policy(models.Model):
    """A policy, programme or funding change in development, before its decision."""

    body = models.ForeignKey("compact.CompactBody", on_delete=models.PROTECT, related_name="policies")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    policy_area = models.ForeignKey(
        "register.PolicyArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The official responsible for the policy",
    )
    decision_date = models.DateField(help_text="When the policy is to be decided")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision_date", "id"]
        verbose_name_plural = "policies"
        indexes = [models.Index(fields=["body", "decision_date"], name="policy_body_decision_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compact:policy", args=[self.pk])


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    RETURNED = "returned", "Returned for changes"


EDITABLE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


@permission("department staff")
def _staff(assessment, user) -> bool:
    return edits_proofing(user)


@permission("the body's Compact lead, who did not write the assessment")
def _compact_lead_not_assessor(assessment, user) -> bool:
    return is_compact_lead_of(user, assessment.policy.body) and assessment.assessor_id != user.pk


@permission("the body's Compact lead")
def _compact_lead(assessment, user) -> bool:
    return is_compact_lead_of(user, assessment.policy.body)


@guard("Write the assessor's conclusion before submitting.")
def _concluded(assessment) -> bool:
    return bool(assessment.conclusion.strip())


# The service names the risks in the message it shows; this is the fallback wording.
UNMITIGATED_RISKS = "Every risk needs a mitigation before the assessment can be signed off."


@guard(UNMITIGATED_RISKS)
def _every_risk_mitigated(assessment) -> bool:
    return not assessment.unmitigated_risks()


class ProofingAssessment(models.Model):
    """One Compact proofing of a policy, from the assessor's draft to the Compact lead's sign-off."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="assessments")
    status = StateField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    commitments = models.ManyToManyField(
        "compact.Commitment", blank=True, related_name="proofing_assessments", verbose_name="Commitments that apply"
    )
    effect_on_sector = models.TextField("Effect on the third sector", blank=True)
    effect_on_small_and_bme_groups = models.TextField("Effect on small and BME groups", blank=True)
    sector_involvement = models.TextField("How the sector was involved", blank=True)
    consulted = models.BooleanField("Was the sector consulted?", null=True, blank=True)
    consulted_for_twelve_weeks = models.BooleanField("Did the consultation run for 12 weeks?", null=True, blank=True)
    # A consultation run on this service is linked; one run elsewhere (by a partner, or before the service)
    # is named in words.
    consultation = models.ForeignKey(
        "compact.Consultation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proofing_assessments",
        help_text="The body's consultation on the policy, if it was run on this service",
    )
    consultation_reference = models.CharField(
        "Consultation run elsewhere",
        max_length=200,
        blank=True,
        help_text="The title or reference of a consultation not run on this service",
    )
    funding_terms_compliant = models.BooleanField(
        "Do the funding terms meet the Funding and Procurement code?", null=True, blank=True
    )
    accessible_formats_offered = models.BooleanField("Were accessible formats offered?", null=True, blank=True)
    conclusion = models.TextField("Assessor's conclusion", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("Compact lead's note", blank=True)
    history = HistoricalRecords(m2m_fields=[commitments])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "proofing assessment"
        indexes = [models.Index(fields=["policy", "status"], name="proofing_policy_status_idx")]

    def __str__(self) -> str:
        return f"Proofing of {self.policy}"

    def get_absolute_url(self) -> str:
        return reverse("compact:assessment", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def unmitigated_risks(self) -> list["ProofingRisk"]:
        return [risk for risk in self.risks.all() if not risk.mitigation.strip()]

    @transition(
        status, source=[AssessmentStatus.DRAFT, AssessmentStatus.RETURNED], target=AssessmentStatus.SUBMITTED,
        permission=_staff, conditions=[_concluded], custom={"label": "submit for sign-off"},
    )  # fmt: skip
    def submit(self, *, by, at):
        self.submitted_at = at

    @transition(
        status, source=AssessmentStatus.SUBMITTED, target=AssessmentStatus.SIGNED_OFF,
        permission=_compact_lead_not_assessor, conditions=[_every_risk_mitigated], custom={"label": "sign off"},
    )  # fmt: skip
    def sign_off(self, *, by, at, note: str = ""):
        self.decided_by = by
        self.decided_at = at
        self.decision_note = note

    @transition(
        status, source=AssessmentStatus.SUBMITTED, target=AssessmentStatus.RETURNED,
        permission=_compact_lead, custom={"label": "return for changes"},
    )  # fmt: skip
    def return_for_changes(self, *, by, at, note: str):
        self.decided_by = by
        self.decided_at = at
        self.decision_note = note


class ProofingRisk(models.Model):
    """A risk to the Compact the assessment found, with how it will be mitigated."""

    assessment = models.ForeignKey(ProofingAssessment, on_delete=models.CASCADE, related_name="risks")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField("Risk")
    mitigation = models.TextField("Mitigation", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "position", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class ProofingComment(models.Model):
    """The Compact Commissioner's comment on an assessment, in a thread staff read."""

    assessment = models.ForeignKey(ProofingAssessment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("Comment")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.assessment} by {self.author}"
