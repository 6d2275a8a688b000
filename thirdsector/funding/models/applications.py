"""Applications for funding, their documents and the messages between applicant and staff."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard

from ..permissions import applicant, programme_staff
from .programmes import MONEY, Round


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_ASSESSMENT = "in_assessment", "In assessment"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# An organisation may hold one of these per round; a withdrawn or declined application frees the place.
LIVE_APPLICATION_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.APPROVED,
)

# The answers an application needs before it can be submitted, in the order the journey asks them.
REQUIRED_ANSWERS = ("project_title", "summary", "need", "outcomes", "amount_requested", "duration_months", "starts_on")


@guard("Answer every question before submitting.")
def _complete(application) -> bool:
    return not application.unanswered_questions()


@guard("Confirm the declaration before submitting.")
def _declared(application) -> bool:
    return application.declared_at is not None


@guard("The round is not open for applications.")
def _round_open(application) -> bool:
    return application.round.is_open_on(timezone.localdate())


@guard("Record the panel's reasons and the feedback for the applicant first.")
def _decision_recorded(application) -> bool:
    return bool(application.decision_reasons.strip() and application.feedback.strip())


@guard("At least one assessor must have finished scoring before the panel decides.")
def _assessed(application) -> bool:
    return application.assignments.filter(status="completed").exists()


class Application(models.Model):
    """An organisation's request to a round, from its first answer to the panel's decision."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=20, unique=True)
    status = StateField(max_length=14, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    project_title = models.CharField("Name of the work", max_length=200, blank=True)
    summary = models.TextField("What the money is for", blank=True)
    need = models.TextField("The need it meets", blank=True)
    outcomes = models.TextField("What will change because of it", blank=True)
    amount_requested = models.DecimalField("Total amount requested", null=True, blank=True, **MONEY)
    overheads = models.DecimalField(
        "Of which overheads",
        null=True,
        blank=True,
        help_text="A fair share of your running costs (full cost recovery) is allowed",
        **MONEY,
    )
    duration_months = models.PositiveSmallIntegerField("How many months", null=True, blank=True)
    starts_on = models.DateField("When the work would start", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility_at_submission = models.JSONField(
        default=dict, blank=True, help_text="The rules checked at submission and their results, kept as they were"
    )
    decision_reasons = models.TextField("The panel's reasons", blank=True)
    feedback = models.TextField("Feedback for the applicant", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["round", "status"], name="application_round_status_idx"),
            models.Index(fields=["organisation", "status"], name="application_org_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                condition=models.Q(status__in=["draft", "submitted", "in_assessment", "approved"]),
                name="one_live_application_per_round",
                violation_error_message="This organisation already has an application in this round.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.project_title or '(untitled)'}"

    def get_absolute_url(self) -> str:
        return reverse("funding:application", args=[self.reference])

    @property
    def programme(self):
        return self.round.programme

    def unanswered_questions(self) -> list[str]:
        return [name for name in REQUIRED_ANSWERS if getattr(self, name) in (None, "")]

    @transition(
        status, source=ApplicationStatus.DRAFT, target=ApplicationStatus.SUBMITTED,
        permission=applicant, conditions=[_complete, _declared, _round_open], custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by, eligibility: dict):
        self.submitted_at = timezone.now()
        self.eligibility_at_submission = eligibility

    @transition(
        status, source=[ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT],
        target=ApplicationStatus.WITHDRAWN, permission=applicant, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass

    @transition(
        status, source=ApplicationStatus.SUBMITTED, target=ApplicationStatus.IN_ASSESSMENT,
        permission=programme_staff, custom={"label": "start assessing"},
    )  # fmt: skip
    def start_assessment(self, *, by):
        pass

    @transition(
        status, source=ApplicationStatus.IN_ASSESSMENT, target=ApplicationStatus.APPROVED,
        permission=programme_staff, conditions=[_assessed, _decision_recorded], custom={"label": "approve"},
    )  # fmt: skip
    def approve(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()

    @transition(
        status, source=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT],
        target=ApplicationStatus.DECLINED, permission=programme_staff, conditions=[_decision_recorded],
        custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()


class DocumentKind(models.TextChoices):
    BUDGET = "budget", "Budget"
    ACCOUNTS = "accounts", "Latest accounts"
    OTHER = "other", "Other supporting document"


class ApplicationDocument(models.Model):
    """A file attached to an application, checked for size and type when it was uploaded."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    file = models.FileField(upload_to="applications/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(help_text="In bytes")
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationMessage(models.Model):
    """A message between the applicant and the staff who run the programme, shown to both."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField()
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"Message on {self.application.reference} from {self.author}"
