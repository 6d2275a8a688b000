"""Grant programmes, their yearly budgets, rounds, eligibility rules and assessment criteria."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..financial_years import financial_year_label

MONEY = {"max_digits": 14, "decimal_places": 2}


class PaymentFrequency(models.TextChoices):
    QUARTERLY_IN_ADVANCE = "quarterly", "Quarterly in advance"
    YEARLY_IN_ADVANCE = "yearly", "Yearly in advance"
    SINGLE_IN_ADVANCE = "single", "In one payment in advance"


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Programme(models.Model):
    """A grant programme: what it is for, who runs it, its money and the rules every award follows."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    code = models.CharField(
        max_length=8, unique=True, help_text="Short code that starts every award reference, such as SPG"
    )
    purpose = models.TextField()
    owning_team = models.CharField(max_length=200, help_text="The department's team that owns the programme")
    administering_body = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="programmes_administered",
        help_text="The department, or an outside body such as a lottery distributor",
    )
    status = models.CharField(max_length=8, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    funded_by = models.ForeignKey(
        "funding.Award",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regranted_through",
        help_text="For a local funder's programme: the department's regrant award whose money it grants on",
    )
    short_form = models.BooleanField(
        "Short application form",
        default=False,
        help_text="Small grants: applicants answer four short questions (what for, the need, how much, when); "
        "the grant lasts the programme's default length and no documents are asked for",
    )
    default_grant_months = models.PositiveSmallIntegerField(
        default=36, help_text="The Compact funding code's default is three years (36 months)"
    )
    payment_frequency = models.CharField(
        max_length=10, choices=PaymentFrequency.choices, default=PaymentFrequency.QUARTERLY_IN_ADVANCE
    )
    notice_months = models.PositiveSmallIntegerField(
        default=3, help_text="Months of notice given before funding ends (the Compact's minimum is 3)"
    )
    return_interval_months = models.PositiveSmallIntegerField(
        default=6, help_text="Months between monitoring returns; the last is due after the award ends"
    )
    return_due_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a reporting period ends that its return is due"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:programme", args=[self.slug])

    @property
    def is_closed(self) -> bool:
        return self.status == ProgrammeStatus.CLOSED

    @property
    def asks_short_form(self) -> bool:
        """Small grants ask the short form: a programme flagged so, and every local funder's programme."""
        return self.short_form or self.funded_by_id is not None


class ProgrammeBudget(models.Model):
    """The money a programme may commit in one financial year (April to March)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budgets")
    financial_year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in")
    amount = models.DecimalField(**MONEY)
    committed = models.DecimalField(
        default=0, help_text="Held by approved awards; moved only by services.budgets", **MONEY
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "financial_year"], name="one_budget_per_programme_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
            models.CheckConstraint(
                condition=models.Q(committed__gte=0, committed__lte=models.F("amount")),
                name="budget_never_over_committed",
                violation_error_message="This would commit more than the year's budget.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.financial_year_label}"

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def remaining(self):
        return self.amount - self.committed


class EligibilityRules(models.Model):
    """Who may apply to a programme, as data staff can change; an empty rule is not applied.

    Each application keeps the result of the check made at submission, so changing a rule today does
    not rewrite yesterday's decisions; the history of this record shows what the rules were.
    """

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="eligibility")
    organisation_kinds = models.JSONField(
        default=list, blank=True, help_text="Kinds of organisation that may apply; empty means any third sector kind"
    )
    minimum_income = models.DecimalField(null=True, blank=True, **MONEY)
    maximum_income = models.DecimalField(null=True, blank=True, help_text="Annual income must be below this", **MONEY)
    areas = models.ManyToManyField(
        "register.Area", blank=True, help_text="The organisation must be based in or serve one of these areas"
    )
    requires_strategic_partner_status = models.BooleanField(default=False)
    minimum_amount = models.DecimalField(
        null=True, blank=True, help_text="Smallest total amount that may be requested", **MONEY
    )
    maximum_amount = models.DecimalField(
        null=True, blank=True, help_text="Largest total amount that may be requested", **MONEY
    )
    minimum_months = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_months = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name_plural = "eligibility rules"

    def __str__(self) -> str:
        return f"Eligibility for {self.programme}"


class Criterion(models.Model):
    """An assessment criterion: what assessors score, its weight and how to score it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    guidance = models.TextField(help_text="What each score means, for assessors")
    weight = models.PositiveSmallIntegerField(default=1, help_text="Relative weight in the total score")
    maximum_score = models.PositiveSmallIntegerField(default=5)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="criterion_weight_positive"),
            models.CheckConstraint(condition=models.Q(maximum_score__gte=1), name="criterion_maximum_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A window in which a programme takes applications, with its own budget."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    budget = models.DecimalField(**MONEY)
    is_published = models.BooleanField(default=False, help_text="Shown on the public list of open rounds")
    guidance = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "id"]
        indexes = [models.Index(fields=["is_published", "closes_on"], name="round_published_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after"),
            models.CheckConstraint(condition=models.Q(budget__gte=Decimal("0")), name="round_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("funding:round", args=[self.pk])

    def is_open_on(self, day) -> bool:
        return self.is_published and self.opens_on <= day <= self.closes_on
