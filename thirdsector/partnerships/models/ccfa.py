"""Community Calls for Action (Local Government and Public Involvement in Health Act 2007).

A resident or a group raises a local issue with their ward councillor. The councillor resolves it, or
refers it to the council's overview and scrutiny committee. The committee decides whether to take it up
(and says why not if it declines); if it does, it reports with recommendations, and the executive must
respond within 2 months of the report. The raiser follows their call through a private status link.

    raised → with councillor → resolved by councillor (closed)
                             → referred → declined (reasons)  (closed)
                                        → accepted → reported → responded → closed

The council's officers record the councillor's, the committee's and the executive's steps. Steps are
taken only through `thirdsector.core.workflow.take`. Due dates are worked out when each stage starts and
kept on the call, so a later change to the time limits does not move the dates of calls already open.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission


class CallStatus(models.TextChoices):
    RAISED = "raised", "Raised"
    WITH_COUNCILLOR = "with_councillor", "With the councillor"
    RESOLVED_BY_COUNCILLOR = "resolved_by_councillor", "Resolved by the councillor"
    REFERRED = "referred", "Referred to overview and scrutiny"
    DECLINED = "declined", "Declined by the committee"
    ACCEPTED = "accepted", "Accepted for review"
    REPORTED = "reported", "Committee reported"
    RESPONDED = "responded", "Executive responded"
    CLOSED = "closed", "Closed"


FINISHED_STATUSES = (CallStatus.RESOLVED_BY_COUNCILLOR, CallStatus.DECLINED, CallStatus.CLOSED)
OPEN_STATUSES = tuple(status for status in CallStatus if status not in FINISHED_STATUSES)


def new_status_token() -> str:
    """The secret in the raiser's private status link: unguessable, and not the reference."""
    return secrets.token_urlsafe(32)


def acts_for_council(user, council_id) -> bool:
    """A council officer acts for the councils whose register record they are a member of."""
    if user is None or not user.is_authenticated or not user.has_role(Role.COUNCIL_OFFICER):
        return False
    return user.memberships.filter(organisation_id=council_id).exists()


def sees_all_calls(user) -> bool:
    """Department staff and platform admins read every call (they do not take the council's steps)."""
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


@permission("an officer of the council")
def council_officer(instance, user) -> bool:
    return acts_for_council(user, instance.council_id)


@guard("Give the reasons the committee declined to take up the call.")
def _decline_reasons_given(call) -> bool:
    return bool(call.decline_reasons.strip())


@guard("Record the committee's report and its recommendations first.")
def _report_written(call) -> bool:
    return bool(call.committee_report.strip() and call.recommendations.strip())


@guard("Record the executive's response first.")
def _response_written(call) -> bool:
    return bool(call.executive_response.strip())


@guard("Record how the councillor resolved the issue.")
def _resolution_written(call) -> bool:
    return bool(call.councillor_outcome.strip())


class CommunityCall(models.Model):
    """A Community Call for Action: a local issue a ward councillor may refer to overview and scrutiny."""

    reference = models.CharField(max_length=20, unique=True)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    council = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="community_calls",
        limit_choices_to={"kind": "local_authority"},
    )
    ward = models.CharField("Ward", max_length=150)
    issue = models.TextField("The issue")
    tried = models.TextField("What has been tried already")
    # The raiser: a resident or a group.
    raiser_name = models.CharField("Name", max_length=150)
    raiser_email = models.EmailField("Email address")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raiser_organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    councillor_name = models.CharField("Councillor's name", max_length=150)
    councillor_email = models.EmailField("Councillor's email address", blank=True)

    status = StateField(max_length=24, choices=CallStatus.choices, default=CallStatus.RAISED)
    raised_on = models.DateField()
    # Each step's date, and the due date of the step that follows it.
    with_councillor_on = models.DateField(null=True, blank=True)
    councillor_due_on = models.DateField(null=True, blank=True)
    councillor_outcome = models.TextField("What the councillor did", blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    committee_due_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decline_reasons = models.TextField("Why the committee declined", blank=True)
    report_due_on = models.DateField(null=True, blank=True)
    committee_report = models.TextField("The committee's report", blank=True)
    recommendations = models.TextField("The committee's recommendations", blank=True)
    report_file = models.FileField(upload_to="ccfa/%Y/%m/", blank=True)
    reported_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(null=True, blank=True)
    executive_response = models.TextField("The executive's response", blank=True)
    response_file = models.FileField(upload_to="ccfa/%Y/%m/", blank=True)
    responded_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = "Community Call for Action"
        indexes = [
            models.Index(fields=["council", "raised_on"], name="ccfa_council_raised_idx"),
            models.Index(fields=["status"], name="ccfa_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.council})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:ccfa-case", args=[self.reference])

    def get_status_url(self) -> str:
        return reverse("partnerships:ccfa-status", args=[self.status_token])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def next_due(self) -> tuple[str, object] | None:
        """What is due next and by when, or None when nothing is waiting on a time limit."""
        if self.status == CallStatus.WITH_COUNCILLOR:
            return ("The councillor's decision", self.councillor_due_on)
        if self.status == CallStatus.REFERRED:
            return ("The committee's decision", self.committee_due_on)
        if self.status == CallStatus.ACCEPTED:
            return ("The committee's report", self.report_due_on)
        if self.status == CallStatus.REPORTED:
            return ("The executive's response", self.response_due_on)
        return None

    @property
    def next_due_on(self):
        due = self.next_due
        return due[1] if due else None

    def is_overdue(self, today) -> bool:
        due_on = self.next_due_on
        return due_on is not None and due_on < today

    @property
    def responded_on_time(self) -> bool | None:
        if self.responded_on is None or self.response_due_on is None:
            return None
        return self.responded_on <= self.response_due_on

    # --- The workflow: the services set the dates and due dates before each step ----------------

    @transition(
        status, source=CallStatus.RAISED, target=CallStatus.WITH_COUNCILLOR,
        permission=council_officer, custom={"label": "record that the councillor has it"},
    )  # fmt: skip
    def pass_to_councillor(self, *, by):
        self.with_councillor_on = self.with_councillor_on or timezone.localdate()

    @transition(
        status, source=CallStatus.WITH_COUNCILLOR, target=CallStatus.RESOLVED_BY_COUNCILLOR,
        permission=council_officer, conditions=[_resolution_written],
        custom={"label": "record that the councillor resolved it"},
    )  # fmt: skip
    def resolve(self, *, by):
        self.resolved_on = self.resolved_on or timezone.localdate()

    @transition(
        status, source=CallStatus.WITH_COUNCILLOR, target=CallStatus.REFERRED,
        permission=council_officer, custom={"label": "record the councillor's referral to overview and scrutiny"},
    )  # fmt: skip
    def refer(self, *, by):
        self.referred_on = self.referred_on or timezone.localdate()

    @transition(
        status, source=CallStatus.REFERRED, target=CallStatus.DECLINED,
        permission=council_officer, conditions=[_decline_reasons_given],
        custom={"label": "record that the committee declined it"},
    )  # fmt: skip
    def decline(self, *, by):
        self.decided_on = self.decided_on or timezone.localdate()

    @transition(
        status, source=CallStatus.REFERRED, target=CallStatus.ACCEPTED,
        permission=council_officer, custom={"label": "record that the committee accepted it for review"},
    )  # fmt: skip
    def accept(self, *, by):
        self.decided_on = self.decided_on or timezone.localdate()

    @transition(
        status, source=CallStatus.ACCEPTED, target=CallStatus.REPORTED,
        permission=council_officer, conditions=[_report_written],
        custom={"label": "record the committee's report"},
    )  # fmt: skip
    def report(self, *, by):
        self.reported_on = self.reported_on or timezone.localdate()

    @transition(
        status, source=CallStatus.REPORTED, target=CallStatus.RESPONDED,
        permission=council_officer, conditions=[_response_written],
        custom={"label": "record the executive's response"},
    )  # fmt: skip
    def respond(self, *, by):
        self.responded_on = self.responded_on or timezone.localdate()

    @transition(
        status, source=CallStatus.RESPONDED, target=CallStatus.CLOSED,
        permission=council_officer, custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by):
        self.closed_on = self.closed_on or timezone.localdate()


class CommunityCallReminder(models.Model):
    """A flag sent about an overdue step, so each call is flagged once per due date."""

    call = models.ForeignKey(CommunityCall, on_delete=models.CASCADE, related_name="reminders")
    what = models.CharField(max_length=60)
    due_on = models.DateField()
    sent_on = models.DateField()
    sent_to = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "what", "due_on"], name="one_ccfa_reminder_per_due")]

    def __str__(self) -> str:
        return f"Reminder for {self.call.reference}: {self.what} due {self.due_on}"
