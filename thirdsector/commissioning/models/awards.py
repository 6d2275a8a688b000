"""Contracts and grants a commissioner awarded, and the decisions behind them with who was involved.

An award names its commissioner and its supplier (for a consortium, its lead, with the members listed)
and may point at the opportunity, lot and winning bid it came from; all three are optional so awards made
off the platform, or before it, can be recorded too. What the level playing field figures count about
the supplier (third sector or not, size band, BME-led, user-led) is copied onto the award when it is
made: a past year's figures must not change because an organisation's income or record changed later.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from thirdsector.register.size_bands import SizeBand

from .plans import MONEY, OpportunityKind


class ContractAward(models.Model):
    commissioner = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="commissioning_awards_made"
    )
    opportunity = models.ForeignKey(
        "commissioning.Opportunity", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    lot = models.ForeignKey("commissioning.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    winning_bid = models.OneToOneField(
        "commissioning.Bid", null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    supplier = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="commissioning_awards_won",
        help_text="The organisation awarded it; for a consortium, its lead",
    )
    consortium_members = models.ManyToManyField(
        "register.Organisation", blank=True, related_name="commissioning_awards_shared"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=OpportunityKind.choices)
    value = models.DecimalField("Total value", **MONEY)
    starts_on = models.DateField()
    length_months = models.PositiveSmallIntegerField("Length, in months")
    awarded_on = models.DateField()
    # The UK financial year of `awarded_on` (1 April to 31 March, named by the year it starts in).
    financial_year = models.PositiveSmallIntegerField(editable=False)
    # The supplier as it was on the day of the award (see the module's docstring).
    supplier_is_third_sector = models.BooleanField(editable=False)
    supplier_size_band = models.CharField(max_length=8, choices=SizeBand.choices, blank=True, editable=False)
    supplier_bme_led = models.BooleanField("BME-led", editable=False, default=False)
    supplier_user_led = models.BooleanField("User-led", editable=False, default=False)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[consortium_members])

    class Meta:
        ordering = ["-awarded_on", "-id"]
        indexes = [
            models.Index(fields=["commissioner", "financial_year"], name="award_commissioner_year_idx"),
            models.Index(fields=["financial_year", "commissioner"], name="award_year_commissioner_idx"),
            models.Index(fields=["-awarded_on", "-id"], name="award_newest_idx"),
            models.Index(fields=["supplier", "-awarded_on"], name="award_supplier_idx"),
            models.Index(fields=["published_on"], name="award_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="award_value_positive"),
            models.CheckConstraint(condition=models.Q(length_months__gt=0), name="award_length_positive"),
            models.UniqueConstraint(fields=["lot"], condition=models.Q(lot__isnull=False), name="award_one_per_lot"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.supplier})"


class InvolvementRole(models.TextChoices):
    PANEL_MEMBER = "panel_member", "Panel member"
    EVALUATOR = "evaluator", "Evaluator"
    CO_DESIGNER = "co_designer", "Co-designer"


class InvolvedAs(models.TextChoices):
    SERVICE_USER = "service_user", "Service user"
    COMMUNITY_MEMBER = "community_member", "Community member"


class CommissioningDecision(models.Model):
    """A decision a commissioner took (to fix a specification, to award a lot, ...), and on what."""

    commissioner = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="commissioning_decisions"
    )
    title = models.CharField("What was decided", max_length=200)
    summary = models.TextField("How and why it was decided", blank=True)
    decided_on = models.DateField()
    financial_year = models.PositiveSmallIntegerField(editable=False)
    plan = models.ForeignKey(
        "commissioning.CommissioningPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    opportunity = models.ForeignKey(
        "commissioning.Opportunity", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    lot = models.ForeignKey(
        "commissioning.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["commissioner", "financial_year"], name="decision_commissioner_idx"),
            models.Index(fields=["decided_on", "id"], name="decision_keyset_idx"),  # the API's keyset pages
        ]

    def __str__(self) -> str:
        return self.title


class DecisionInvolvement(models.Model):
    """A service user or community member who took part in a decision, how, and what they thought.

    People may stay anonymous: the label is what the record calls them ("Panel member A")."""

    decision = models.ForeignKey(CommissioningDecision, on_delete=models.CASCADE, related_name="involvements")
    label = models.CharField(
        "Name or label", max_length=120, blank=True, help_text="Leave empty, or use a label, to keep them anonymous"
    )
    involved_as = models.CharField("Taking part as", max_length=20, choices=InvolvedAs.choices)
    role = models.CharField("How they took part", max_length=20, choices=InvolvementRole.choices)
    view = models.TextField("Their view", help_text="What they said about the decision, in their words if possible")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "id"]

    def __str__(self) -> str:
        return self.label or f"Anonymous {self.get_involved_as_display().lower()}"
