"""Staff awareness of the Compact: teams, who in them makes or funds policy, training and attendance.

The figure the Programme Board watches is the share of in-scope staff (those whose role makes policy
or funds the sector) who completed Compact training within COMPACT_TRAINING_VALID_YEARS.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Team(models.Model):
    """A team in the department or one of its NDPBs."""

    name = models.CharField(max_length=150)
    body = models.ForeignKey("compact.CompactBody", on_delete=models.PROTECT, related_name="teams")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="one_team_name_per_body")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("compact:team", args=[self.pk])


class TeamMembershipQuerySet(models.QuerySet):
    def current_on(self, on: datetime.date) -> "TeamMembershipQuerySet":
        """Memberships held on the day: joined on or before it, and not left by then (leaving day excluded)."""
        return self.filter(Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on)))


class TeamMembership(models.Model):
    """A person's place in a team from the day they joined until the day they left, and whether their
    role makes or funds policy (so training counts). Leaving keeps the row, so past years' figures count
    the team as it then was; a person who rejoins has a new membership.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compact_teams")
    in_scope = models.BooleanField(
        "Makes policy or funds the sector",
        default=True,
        help_text="These staff are expected to complete Compact training",
    )
    joined_on = models.DateField("Joined")
    left_on = models.DateField("Left", null=True, blank=True)
    history = HistoricalRecords()

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team", "person__full_name", "joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"], condition=Q(left_on__isnull=True), name="one_open_membership_per_team"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")), name="membership_left_after_joined"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.team}"


class TrainingKind(models.TextChoices):
    COMPACT_TRAINING = "compact_training", "Compact training"
    THIRD_SECTOR_MONTH = "third_sector_month", "Third Sector Month event"
    OTHER = "other", "Other"


class TrainingSession(models.Model):
    """A training session or awareness event on a date."""

    title = models.CharField(max_length=200)
    held_on = models.DateField("Date")
    kind = models.CharField(max_length=20, choices=TrainingKind.choices, default=TrainingKind.COMPACT_TRAINING)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions", help_text="If for one team"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["kind", "held_on"], name="training_kind_held_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compact:training-session", args=[self.pk])


class Attendance(models.Model):
    """A person at a session, and whether they completed it."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compact_attendances")
    completed = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_session")]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"
