"""The strategy as a tracked plan: the Programme Board's workstreams, milestones, RAG status, risks and reports.

DOMAIN.md "Governance": the Programme Board drives the strategy's delivery with one workstream per
strategy commitment, each with an owner, milestones, a RAG status with the reason, and risks and
issues; it takes progress reports to the Third Sector Partnership Board.

A workstream's current status is its latest `StatusUpdate`; earlier ones are kept as its history.
A `ProgressReport` is a snapshot: its content is frozen when it is generated, so later changes to
the plan do not alter a report already sent. A report may name the board meeting that receives it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import permission


@permission("department staff")
def programme_staff(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class StrategyArea(models.Model):
    """One of the strategy's four areas of work (ways of working, place shaping, ...)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Workstream(models.Model):
    """One strategy commitment, tracked by the Programme Board."""

    area = models.ForeignKey(StrategyArea, on_delete=models.PROTECT, related_name="workstreams")
    position = models.PositiveSmallIntegerField(help_text="Order within its area.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_workstreams"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="The owner's name and team, when they have no account here."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["area", "position"], name="progress_workstream_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:progress_workstream", args=[self.pk])

    @property
    def code(self) -> str:
        return f"{self.area.number}.{self.position}"

    @property
    def owner_display(self) -> str:
        if self.owner_id:
            return self.owner.full_name or self.owner.email
        return self.owner_name or "No owner"


class Milestone(models.Model):
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        """Not done and its due date has passed (a milestone due today is not yet overdue)."""
        return self.done_on is None and self.due_on < today


class StatusUpdate(models.Model):
    """A RAG rating with its reason; the latest is the workstream's current status."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="status_updates")
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices)
    reason = models.TextField()
    as_of = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        # Latest first: by the date it speaks for, then the order it was recorded.
        ordering = ["-as_of", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="progress_status_needs_reason")]

    def __str__(self) -> str:
        return f"{self.get_rag_display()} on {self.as_of:%-d %B %Y}"


class RiskKind(models.TextChoices):
    RISK = "risk", "Risk"
    ISSUE = "issue", "Issue"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class RiskOrIssue(models.Model):
    """A risk (may happen) or an issue (has happened) to a workstream, with its mitigation."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(max_length=5, choices=RiskKind.choices, default=RiskKind.RISK)
    description = models.TextField()
    owner_name = models.CharField("Owner", max_length=200)
    mitigation = models.TextField(blank=True)
    raised_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    status = StateField(max_length=6, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "pk"]
        verbose_name = "risk or issue"
        verbose_name_plural = "risks and issues"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    @transition(
        status, source=RiskStatus.OPEN, target=RiskStatus.CLOSED,
        permission=programme_staff, custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by, closed_on):
        self.closed_on = closed_on


class ProgressReport(models.Model):
    """A progress report for a board meeting, frozen when generated (see `partnerships.reports`)."""

    as_of = models.DateField("Report date")
    meeting = models.ForeignKey(
        "partnerships.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="progress_reports",
        help_text="The board meeting that receives the report, if chosen.",
    )  # fmt: skip
    since = models.DateField(null=True, blank=True, help_text="The date of the previous report, if any.")
    content = models.JSONField(help_text="The report as generated; never recomputed.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_of", "-pk"]

    def __str__(self) -> str:
        return f"Progress report, {self.as_of:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:progress_report", args=[self.pk])
