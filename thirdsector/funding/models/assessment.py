"""Assessment: assessors assigned to applications, their declarations of interest and their scores.

An assessor must declare first. One who declares a conflict of interest can never open the
application again: `selectors.application_for_assessor` refuses them, and the declaration cannot be
taken back.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

from ..permissions import programme_staff
from .applications import Application
from .programmes import Criterion


class AssignmentStatus(models.TextChoices):
    AWAITING_DECLARATION = "awaiting", "Awaiting declaration of interests"
    CLEAR = "clear", "Scoring"
    CONFLICTED = "conflicted", "Conflict of interest declared"
    COMPLETED = "completed", "Scores submitted"
    REMOVED = "removed", "Removed"


@permission("the assessor it is assigned to")
def _the_assessor(assignment, user) -> bool:
    return user is not None and user.pk == assignment.assessor_id


@guard("Describe the conflict of interest.")
def _conflict_described(assignment) -> bool:
    return bool(assignment.conflict_details.strip())


@guard("Score every criterion, with a comment on each, before submitting.")
def _every_criterion_scored(assignment) -> bool:
    criteria = set(assignment.application.round.programme.criteria.values_list("pk", flat=True))
    scored = set(assignment.scores.exclude(comment="").values_list("criterion_id", flat=True))
    return bool(criteria) and criteria <= scored


class AssessorAssignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    status = StateField(max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.AWAITING_DECLARATION)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    conflict_details = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "assessment"
        indexes = [models.Index(fields=["assessor", "status"], name="assignment_assessor_idx")]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_assignment_per_assessor"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} on {self.application.reference}"

    @property
    def programme(self):
        return self.application.round.programme

    @transition(
        status, source=AssignmentStatus.AWAITING_DECLARATION, target=AssignmentStatus.CLEAR,
        permission=_the_assessor, custom={"label": "declare no conflict of interest on"},
    )  # fmt: skip
    def declare_no_conflict(self, *, by):
        self.declared_at = timezone.now()

    @transition(
        status, source=AssignmentStatus.AWAITING_DECLARATION, target=AssignmentStatus.CONFLICTED,
        permission=_the_assessor, conditions=[_conflict_described],
        custom={"label": "declare a conflict of interest on"},
    )  # fmt: skip
    def declare_conflict(self, *, by):
        self.declared_at = timezone.now()

    @transition(
        status, source=AssignmentStatus.CLEAR, target=AssignmentStatus.COMPLETED,
        permission=_the_assessor, conditions=[_every_criterion_scored], custom={"label": "submit the scores of"},
    )  # fmt: skip
    def complete(self, *, by):
        self.completed_at = timezone.now()

    @transition(
        status, source=[AssignmentStatus.AWAITING_DECLARATION, AssignmentStatus.CLEAR],
        target=AssignmentStatus.REMOVED, permission=programme_staff, custom={"label": "remove"},
    )  # fmt: skip
    def remove(self, *, by):
        pass


class Score(models.Model):
    assignment = models.ForeignKey(AssessorAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
