"""How the sector and service users shaped a plan before its specification was fixed.

Each activity (an event, a co-design session, a survey, a Compact consultation) records who took part —
organisations from the register and counts of service users and community members, who are not named —
what was heard, and what changed in the plan because of it. A plan's specification cannot be fixed until
at least one activity says what changed (`CommissioningPlan.fix_specification`'s guard).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .plans import CommissioningPlan


class ActivityKind(models.TextChoices):
    EVENT = "event", "Event"
    CO_DESIGN = "co_design", "Co-design session"
    SURVEY = "survey", "Survey"
    CONSULTATION = "consultation", "Consultation through the Compact pages"
    FOCUS_GROUP = "focus_group", "Focus group"


class InvolvementActivity(models.Model):
    plan = models.ForeignKey(CommissioningPlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField("Kind of activity", max_length=12, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField("Date", help_text="The day it was held, or the day a survey closed")
    organisations = models.ManyToManyField(
        "register.Organisation",
        blank=True,
        related_name="commissioning_involvement",
        verbose_name="Organisations that took part",
    )
    service_users = models.PositiveIntegerField("Service users who took part", default=0)
    community_members = models.PositiveIntegerField("Community members who took part", default=0)
    summary = models.TextField("What was heard")
    what_changed = models.TextField(
        "What changed because of it", blank=True, help_text="How the plan changed; leave empty until it has"
    )
    consultation = models.ForeignKey(
        "compact.Consultation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commissioning_activities",
        help_text="The Compact consultation this activity was run as",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        ordering = ["plan", "held_on", "id"]
        verbose_name = "involvement activity"
        verbose_name_plural = "involvement activities"
        indexes = [models.Index(fields=["plan", "held_on"], name="activity_plan_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def people_count(self) -> int:
        return self.service_users + self.community_members
