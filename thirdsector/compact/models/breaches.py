"""Breach cases: a report that a public body broke the Compact, worked from acknowledgement to closure.

The workflow is declared below as django-fsm-2 transitions, so the states, who may take each step and
the guards sit together. Steps are taken only through `thirdsector.core.workflow.take`, which records
who took each and why.

    reported → acknowledged → assessed → investigated → upheld / partly upheld / not upheld
             → remedy agreed (upheld or partly upheld) → closed (lessons learned recorded)

Escalation to the Compact Commissioner is a flag any open case may gain (the status stays where it is);
the Commissioner may then record a review. At assessment the case worker chooses the route: resolved
locally, mediation, or referred to the Commissioner.

The due dates are worked out when the case is reported and kept on it, so a change to the time limits
later does not move the dates of cases already reported.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import RETURN_VALUE, transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

from .bodies import Commitment, CompactBody


class BreachStatus(models.TextChoices):
    REPORTED = "reported", "Reported"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ASSESSED = "assessed", "Assessed"
    INVESTIGATED = "investigated", "Investigated"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    REMEDY_AGREED = "remedy_agreed", "Remedy agreed"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (
    BreachStatus.REPORTED,
    BreachStatus.ACKNOWLEDGED,
    BreachStatus.ASSESSED,
    BreachStatus.INVESTIGATED,
    BreachStatus.UPHELD,
    BreachStatus.PARTLY_UPHELD,
    BreachStatus.NOT_UPHELD,
    BreachStatus.REMEDY_AGREED,
)
# Before the body's answer (the finding) the response time limit runs.
AWAITING_ANSWER_STATUSES = (BreachStatus.ACKNOWLEDGED, BreachStatus.ASSESSED, BreachStatus.INVESTIGATED)
FINDING_STATUSES = (BreachStatus.UPHELD, BreachStatus.PARTLY_UPHELD, BreachStatus.NOT_UPHELD)
UPHELD_STATUSES = (BreachStatus.UPHELD, BreachStatus.PARTLY_UPHELD)


class BreachRoute(models.TextChoices):
    LOCAL = "local", "Resolved locally"
    MEDIATION = "mediation", "Mediation"
    COMMISSIONER = "commissioner", "Referred to the Compact Commissioner"


class BreachFinding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


def new_status_token() -> str:
    """The secret in the reporter's private status link: unguessable, and not the reference."""
    return secrets.token_urlsafe(32)


def is_case_worker(user, case) -> bool:
    """Department staff and platform admins work every case; a body's Compact lead works its cases."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(*STAFF_ROLES):
        return True
    return case.body.compact_lead_id is not None and case.body.compact_lead_id == user.pk


@permission("department staff or the body's Compact lead")
def case_worker(instance, user) -> bool:
    return is_case_worker(user, instance)


@permission("the Compact Commissioner")
def commissioner(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(Role.COMMISSIONER)


@guard("Choose the route: resolved locally, mediation or referred to the Commissioner.")
def _route_chosen(case) -> bool:
    return bool(case.route)


@guard("Record the finding and the reasons for it first.")
def _finding_recorded(case) -> bool:
    return bool(case.finding_reasons.strip())


@guard("Record the remedy agreed first.")
def _remedy_recorded(case) -> bool:
    return bool(case.remedy.strip())


@guard("Record the lessons learned before closing the case.")
def _lessons_recorded(case) -> bool:
    return bool(case.lessons_learned.strip())


@guard("This case has already been escalated to the Commissioner.")
def _not_escalated(case) -> bool:
    return case.escalated_at is None


@guard("Only a case escalated to the Commissioner can be reviewed by the Commissioner.")
def _escalated(case) -> bool:
    return case.escalated_at is not None


@guard("Write the Commissioner's review first.")
def _review_written(case) -> bool:
    return bool(case.commissioner_review.strip())


class BreachCase(models.Model):
    """A reported breach of the Compact by a public body, with its case work, finding and lesson."""

    reference = models.CharField(max_length=20, unique=True)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    body = models.ForeignKey(CompactBody, on_delete=models.PROTECT, related_name="breach_cases")
    commitments = models.ManyToManyField(Commitment, related_name="breach_cases")
    what_happened = models.TextField("What happened")
    happened_on = models.DateField("When it happened")
    evidence = models.TextField("Evidence", blank=True)
    evidence_file = models.FileField(upload_to="breaches/%Y/%m/", blank=True)
    evidence_file_name = models.CharField(max_length=255, blank=True)
    # The reporter. An anonymous report keeps none of these (see the constraint below).
    anonymous = models.BooleanField(default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField("Name", max_length=150, blank=True)
    reporter_email = models.EmailField("Email address", blank=True)
    reporter_phone = models.CharField("Phone number", max_length=40, blank=True)
    reported_on = models.DateField()
    reported_at = models.DateTimeField(auto_now_add=True)
    # Time limits, worked out in working days from the report date and kept as they were.
    acknowledge_due_on = models.DateField()
    response_due_on = models.DateField()

    status = StateField(max_length=14, choices=BreachStatus.choices, default=BreachStatus.REPORTED)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    route = models.CharField(max_length=12, choices=BreachRoute.choices, blank=True)
    assessment = models.TextField("Assessment", blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    investigated_at = models.DateTimeField(null=True, blank=True)
    finding_reasons = models.TextField("Reasons for the finding", blank=True)
    found_at = models.DateTimeField(null=True, blank=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    remedy = models.TextField("Remedy agreed", blank=True)
    remedy_agreed_at = models.DateTimeField(null=True, blank=True)
    lessons_learned = models.TextField("Lessons learned", blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # The finding the case closed with (upheld, partly upheld, not upheld), kept after closure.
    outcome = models.CharField(max_length=14, choices=BreachFinding.choices, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalation_reason = models.TextField(blank=True)
    commissioner_review = models.TextField("The Commissioner's review", blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The commitments named are kept in the history too, so a change to them is on the record.
    history = HistoricalRecords(m2m_fields=[commitments])

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = "breach case"
        indexes = [
            models.Index(fields=["body", "reported_on"], name="breach_body_reported_idx"),
            models.Index(fields=["status", "acknowledge_due_on"], name="breach_status_ack_idx"),
            models.Index(fields=["status", "response_due_on"], name="breach_status_response_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(
                    reporter_name="",
                    reporter_email="",
                    reporter_phone="",
                    reported_by__isnull=True,
                    reporter_organisation__isnull=True,
                ),
                name="anonymous_breach_keeps_no_contact",
                violation_error_message="An anonymous report keeps no contact details.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.body})"

    def get_absolute_url(self) -> str:
        return reverse("compact:breach", args=[self.reference])

    def get_status_url(self) -> str:
        return reverse("compact:breach-status", args=[self.status_token])

    @property
    def is_open(self) -> bool:
        return self.status != BreachStatus.CLOSED

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def next_due(self) -> tuple[str, object] | None:
        """What is due next and by when: acknowledgement, then the body's answer; None once answered."""
        if self.status == BreachStatus.REPORTED:
            return ("Acknowledgement", self.acknowledge_due_on)
        if self.status in AWAITING_ANSWER_STATUSES:
            return ("The body's answer", self.response_due_on)
        return None

    @property
    def next_due_on(self):
        due = self.next_due
        return due[1] if due else None

    def is_overdue(self, today) -> bool:
        due_on = self.next_due_on
        return due_on is not None and due_on < today

    @property
    def can_be_contacted(self) -> bool:
        return not self.anonymous and bool(self.reporter_email)

    # --- The workflow ----------------------------------------------------------------------------

    @transition(
        status, source=BreachStatus.REPORTED, target=BreachStatus.ACKNOWLEDGED,
        permission=case_worker, custom={"label": "acknowledge"},
    )  # fmt: skip
    def acknowledge(self, *, by):
        self.acknowledged_at = timezone.now()

    @transition(
        status, source=BreachStatus.ACKNOWLEDGED, target=BreachStatus.ASSESSED,
        permission=case_worker, conditions=[_route_chosen], custom={"label": "record the assessment"},
    )  # fmt: skip
    def assess(self, *, by):
        self.assessed_at = timezone.now()
        if self.route == BreachRoute.COMMISSIONER and self.escalated_at is None:
            self.escalated_at = self.assessed_at
            self.escalated_by = by
            self.escalation_reason = "Referred to the Commissioner at assessment"

    @transition(
        status, source=BreachStatus.ASSESSED, target=BreachStatus.INVESTIGATED,
        permission=case_worker, custom={"label": "record the investigation"},
    )  # fmt: skip
    def investigate(self, *, by):
        self.investigated_at = timezone.now()

    def _found(self, by, outcome: str):
        self.found_at = timezone.now()
        self.found_by = by
        self.outcome = outcome

    @transition(
        status, source=BreachStatus.INVESTIGATED, target=BreachStatus.UPHELD,
        permission=case_worker, conditions=[_finding_recorded], custom={"label": "uphold"},
    )  # fmt: skip
    def uphold(self, *, by):
        self._found(by, BreachFinding.UPHELD)

    @transition(
        status, source=BreachStatus.INVESTIGATED, target=BreachStatus.PARTLY_UPHELD,
        permission=case_worker, conditions=[_finding_recorded], custom={"label": "partly uphold"},
    )  # fmt: skip
    def partly_uphold(self, *, by):
        self._found(by, BreachFinding.PARTLY_UPHELD)

    @transition(
        status, source=BreachStatus.INVESTIGATED, target=BreachStatus.NOT_UPHELD,
        permission=case_worker, conditions=[_finding_recorded], custom={"label": "not uphold"},
    )  # fmt: skip
    def not_uphold(self, *, by):
        self._found(by, BreachFinding.NOT_UPHELD)

    @transition(
        status, source=list(UPHELD_STATUSES), target=BreachStatus.REMEDY_AGREED,
        permission=case_worker, conditions=[_remedy_recorded], custom={"label": "agree the remedy"},
    )  # fmt: skip
    def agree_remedy(self, *, by):
        self.remedy_agreed_at = timezone.now()

    @transition(
        status, source=[BreachStatus.REMEDY_AGREED, BreachStatus.NOT_UPHELD], target=BreachStatus.CLOSED,
        permission=case_worker, conditions=[_lessons_recorded], custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by):
        self.closed_at = timezone.now()
        self.closed_on = timezone.localdate()

    @transition(
        status, source=list(OPEN_STATUSES), target=RETURN_VALUE(*OPEN_STATUSES),
        permission=case_worker, conditions=[_not_escalated], custom={"label": "escalate to the Commissioner"},
    )  # fmt: skip
    def escalate(self, *, by):
        # The reason, if any, is set on `escalation_reason` before the step is taken.
        self.escalated_at = timezone.now()
        self.escalated_by = by
        return self.status

    @transition(
        status, source="*", target=RETURN_VALUE(*BreachStatus.values),
        permission=commissioner, conditions=[_escalated, _review_written],
        custom={"label": "record the Commissioner's review"},
    )  # fmt: skip
    def record_review(self, *, by):
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        return self.status


class BreachUpdate(models.Model):
    """A note on a case: a public update the reporter sees on the status page, or an internal note."""

    case = models.ForeignKey(BreachCase, on_delete=models.CASCADE, related_name="updates")
    public = models.BooleanField(help_text="Shown to the reporter on the private status page")
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{'Update' if self.public else 'Note'} on {self.case.reference}"


class BreachReminder(models.Model):
    """A reminder sent about a due date, so each case is reminded once per due date."""

    case = models.ForeignKey(BreachCase, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    what = models.CharField(max_length=40)
    sent_on = models.DateField()
    sent_to = models.TextField(help_text="The addresses it went to")

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "what", "due_on"], name="one_breach_reminder_per_due")]

    def __str__(self) -> str:
        return f"Reminder for {self.case.reference}: {self.what} due {self.due_on}"
