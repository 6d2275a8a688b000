"""What a public body intends to commission, and the opportunities (lots) it offers the sector.

A commissioner is a register Organisation (a council, an NDPB or another public body); its officers act
for it through their membership of that organisation (`commissions_for`). A plan is published before the
specification is fixed, so the sector and service users can shape it; its opportunities carry the terms
the level playing field is judged on (length, payment in advance, full cost recovery, social value).

The workflows are declared here: a plan goes draft → published → specification fixed (or withdrawn); an
opportunity goes draft → open → closed → awarded (or cancelled).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, Role
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

MONEY = {"max_digits": 14, "decimal_places": 2}

# Platform roles that commission; the person must also edit the commissioner's record (see below).
COMMISSIONING_ROLES = (Role.COUNCIL_OFFICER, Role.DEPARTMENT_STAFF)


def commissions_for(user, commissioner_id: int | None) -> bool:
    """A council officer or department staff member who is an administrator or editor of the commissioner's
    own record. Department staff are not let in to every council's drafts: commissioning is a council's (or
    a public body's) own business until it publishes."""
    if user is None or not user.is_authenticated or commissioner_id is None:
        return False
    return (
        user.has_role(*COMMISSIONING_ROLES)
        and user.memberships.filter(organisation_id=commissioner_id, role__in=MEMBERSHIP_ROLES_THAT_EDIT).exists()
    )


@permission("an officer of the commissioning body")
def commissioner_officer(instance, user) -> bool:
    return commissions_for(user, instance.commissioner_id)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SPECIFICATION_FIXED = "fixed", "Specification fixed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Plans anyone may read.
PUBLIC_PLAN_STATUSES = (PlanStatus.PUBLISHED, PlanStatus.SPECIFICATION_FIXED)


@guard("Record at least one involvement activity, with what changed because of it, before fixing the specification.")
def _involvement_changed_something(plan) -> bool:
    return plan.activities.exclude(what_changed="").exists()


@guard("The specification can be fixed only after the involvement period has closed.")
def _involvement_closed(plan) -> bool:
    return timezone.localdate() > plan.involvement_closes_on


@guard("Choose at least one area the plan covers before publishing it.")
def _plan_has_areas(plan) -> bool:
    return plan.areas.exists()


@guard("The involvement period must close today or later when the plan is published; change its closing date.")
def _involvement_still_to_come(plan) -> bool:
    return plan.involvement_closes_on >= timezone.localdate()


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
    consultation = models.ForeignKey(
        "compact.Consultation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commissioning_plans",
        help_text="A written consultation on the plan run through the Compact pages",
    )
    status = StateField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "commissioning plan"
        indexes = [
            models.Index(fields=["commissioner", "status"], name="plan_commissioner_idx"),
            models.Index(fields=["status", "-published_on", "-id"], name="plan_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(estimated_value__gt=0), name="plan_value_positive"),
            models.CheckConstraint(condition=models.Q(duration_months__gt=0), name="plan_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:plan", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_PLAN_STATUSES

    @property
    def takes_involvement(self) -> bool:
        """Involvement may be recorded until the specification is fixed."""
        return self.status in (PlanStatus.DRAFT, PlanStatus.PUBLISHED)

    @transition(
        status, source=PlanStatus.DRAFT, target=PlanStatus.PUBLISHED, permission=commissioner_officer,
        conditions=[_plan_has_areas, _involvement_still_to_come], custom={"label": "publish"},
    )  # fmt: skip
    def publish(self, *, by):
        self.published_on = timezone.localdate()

    @transition(
        status, source=PlanStatus.PUBLISHED, target=PlanStatus.SPECIFICATION_FIXED, permission=commissioner_officer,
        conditions=[_involvement_closed, _involvement_changed_something], custom={"label": "fix the specification"},
    )  # fmt: skip
    def fix_specification(self, *, by):
        self.specification_fixed_on = timezone.localdate()

    @transition(
        status, source=[PlanStatus.DRAFT, PlanStatus.PUBLISHED], target=PlanStatus.WITHDRAWN,
        permission=commissioner_officer, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass


class OpportunityKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    GRANT = "grant", "Grant"


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for interest and bids"
    CLOSED = "closed", "Closed"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


# Opportunities anyone may read.
PUBLIC_OPPORTUNITY_STATUSES = (OpportunityStatus.OPEN, OpportunityStatus.CLOSED, OpportunityStatus.AWARDED)


@guard("Add at least one lot before opening the opportunity.")
def _has_lots(opportunity) -> bool:
    return opportunity.lots.exists()


@guard("The closing date has passed; move it to today or later before opening.")
def _closing_date_to_come(opportunity) -> bool:
    return opportunity.closes_on >= timezone.localdate()


@guard("Bids are open until the end of the closing date; the opportunity can be closed after that.")
def _closing_date_passed(opportunity) -> bool:
    return opportunity.closes_on < timezone.localdate()


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
    status = StateField(max_length=10, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["status", "closes_on"], name="opportunity_status_idx"),
            models.Index(fields=["commissioner", "status"], name="opportunity_commissioner_idx"),
            models.Index(fields=["status", "policy_area", "closes_on"], name="opportunity_policy_idx"),
            models.Index(fields=["closes_on", "id"], name="opportunity_keyset_idx"),  # the API's keyset pages
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="opportunity_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(social_value_weighting__lte=100), name="opportunity_social_value_share"
            ),
            models.CheckConstraint(condition=models.Q(length_months__gt=0), name="opportunity_length_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:opportunity", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_OPPORTUNITY_STATUSES

    @property
    def is_long_term(self) -> bool:
        """Three years or more: the good practice the Compact's funding code asks for."""
        return self.length_months >= settings.COMMISSIONING_LONG_AGREEMENT_MONTHS

    @property
    def takes_bids(self) -> bool:
        return self.status == OpportunityStatus.OPEN and self.closes_on >= timezone.localdate()

    @property
    def bids_visible_to_commissioner(self) -> bool:
        """Bids stay sealed from the commissioner until the closing date has passed."""
        return self.closes_on < timezone.localdate() and self.status != OpportunityStatus.DRAFT

    @transition(
        status, source=OpportunityStatus.DRAFT, target=OpportunityStatus.OPEN, permission=commissioner_officer,
        conditions=[_has_lots, _closing_date_to_come], custom={"label": "open"},
    )  # fmt: skip
    def open(self, *, by):
        self.opens_on = min(self.opens_on, timezone.localdate())

    @transition(
        status, source=OpportunityStatus.OPEN, target=OpportunityStatus.CLOSED, permission=commissioner_officer,
        conditions=[_closing_date_passed], custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by):
        pass

    @transition(
        status, source=OpportunityStatus.CLOSED, target=OpportunityStatus.AWARDED, permission=commissioner_officer,
        custom={"label": "mark as awarded"},
    )  # fmt: skip
    def mark_awarded(self, *, by):
        pass

    @transition(
        status, source=[OpportunityStatus.DRAFT, OpportunityStatus.OPEN, OpportunityStatus.CLOSED],
        target=OpportunityStatus.CANCELLED, permission=commissioner_officer, custom={"label": "cancel"},
    )  # fmt: skip
    def cancel(self, *, by):
        pass


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
