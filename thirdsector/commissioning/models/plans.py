"""What a public body intends to commission, and the opportunities (lots) it offers the sector.

A commissioner is a register Organisation (a council, an NDPB or another public body); its officers act
for it through their membership of that organisation. A plan is published before the specification is
fixed, so the sector and service users can shape it; its opportunities carry the terms the level
playing field is judged on (length, payment in advance, full cost recovery, social value).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

MONEY = {"max_digits": 14, "decimal_places": 2}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SPECIFICATION_FIXED = "fixed", "Specification fixed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CommissioningPlan(models.Model):
    commissioner = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="commissioning_plans"
    )
    title = models.CharField(max_length=200)
    service_area = models.ForeignKey(
        "register.PolicyArea", on_delete=models.PROTECT, related_name="commissioning_plans"
    )
    outcomes_sought = models.TextField()
    needs_evidence = models.TextField(help_text="The evidence of need the plan rests on")
    estimated_value = models.DecimalField("Estimated total value", **MONEY)
    duration_months = models.PositiveSmallIntegerField("Length of the agreements, in months")
    areas = models.ManyToManyField("register.Area", related_name="commissioning_plans", blank=True)
    involvement_closes_on = models.DateField(help_text="The last day the sector and service users can shape it")
    specification_fixed_on = models.DateField(null=True, blank=True)
    procurement_starts_on = models.DateField(null=True, blank=True)
    service_starts_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commissioner", "status"], name="plan_commissioner_idx")]

    def __str__(self) -> str:
        return self.title


class OpportunityKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    GRANT = "grant", "Grant"


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for interest and bids"
    CLOSED = "closed", "Closed"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


class Opportunity(models.Model):
    """A contract or grant opportunity, offered in one or more lots."""

    plan = models.ForeignKey(
        CommissioningPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities"
    )
    commissioner = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="opportunities")
    title = models.CharField(max_length=200)
    description = models.TextField()
    kind = models.CharField(max_length=8, choices=OpportunityKind.choices)
    policy_area = models.ForeignKey("register.PolicyArea", on_delete=models.PROTECT, related_name="opportunities")
    areas = models.ManyToManyField("register.Area", related_name="opportunities", blank=True)
    length_months = models.PositiveSmallIntegerField("Length of the agreement, in months")
    payment_in_advance = models.BooleanField("Payment in advance allowed", default=False)
    full_cost_recovery = models.BooleanField("Full cost recovery allowed", default=False)
    social_value_weighting = models.PositiveSmallIntegerField(
        "Social value weighting (%)", default=0, help_text="Share of the evaluation given to social value"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["status", "closes_on"], name="opportunity_status_idx"),
            models.Index(fields=["commissioner", "status"], name="opportunity_commissioner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="opportunity_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(social_value_weighting__lte=100), name="opportunity_social_value_share"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lot(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    value = models.DecimalField("Estimated value", **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opportunity", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="lot_number_once"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="lot_value_positive"),
        ]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"
