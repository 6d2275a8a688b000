"""Awards, the money they commit in each financial year, and the variations and recoveries after them.

The money committed against a programme's yearly budget is kept on `ProgrammeBudget.committed`, moved
only by `services.budgets` with a conditional update, and a database constraint holds it at or under
the budget: two approvals at the same moment cannot over-commit a year.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard

from ..financial_years import financial_year_label
from ..permissions import applicant_administrator, programme_staff
from .applications import Application
from .programmes import MONEY, PaymentFrequency, Programme, Round


class RegrantType(models.TextChoices):
    """360Giving's regrantType codelist, as far as our programmes use it."""

    COMMON = "FRG010", "Common regrant"


class AwardStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Offer declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed"


# Awards in these states hold money against their programme's budgets.
COMMITTED_STATUSES = (AwardStatus.APPROVED, AwardStatus.OFFERED, AwardStatus.ACCEPTED, AwardStatus.CLOSED)


@guard("A grant shorter than the programme's default length needs a recorded reason.")
def _short_award_explained(award) -> bool:
    return not award.is_short or bool(award.short_award_reason.strip())


@guard("Write the conditions of the grant before offering it.")
def _has_conditions(award) -> bool:
    return bool(award.conditions.strip())


@guard("The yearly amounts must add up to the award's total.")
def _years_add_up(award) -> bool:
    return sum(year.amount for year in award.years.all()) == award.amount


@guard("Every payment must be paid or cancelled, and the final monitoring return accepted, before closing.")
def _finished(award) -> bool:
    open_payments = award.payments.exclude(status__in=["paid", "cancelled"]).exists()
    open_returns = award.returns.exclude(status="accepted").exists()
    return not open_payments and not open_returns


class Award(models.Model):
    """A grant: how much, for how long, on what conditions, from offer to close."""

    reference = models.CharField(max_length=24, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="awards")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    organisation = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="awards")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    amount = models.DecimalField("Total amount", **MONEY)
    starts_on = models.DateField()
    ends_on = models.DateField()
    months = models.PositiveSmallIntegerField(help_text="Length of the grant in whole months")
    is_short = models.BooleanField(
        default=False, help_text="Shorter than the programme's default length (flagged in reports)"
    )
    short_award_reason = models.TextField(blank=True)
    payment_frequency = models.CharField(max_length=10, choices=PaymentFrequency.choices)
    conditions = models.TextField(blank=True)
    status = StateField(max_length=10, choices=AwardStatus.choices, default=AwardStatus.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(
        null=True, blank=True, db_index=True, help_text="Shown publicly and in open data from this date"
    )
    end_notice_sent_on = models.DateField(
        null=True, blank=True, help_text="When the organisation was told its funding is ending"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    regrant_type = models.CharField(
        max_length=6,
        choices=RegrantType.choices,
        blank=True,
        help_text="360Giving's regrantType when the money passes through a local funder to end grants",
    )
    payment_condition = models.CharField(
        "Condition before payment",
        max_length=300,
        blank=True,
        help_text="Something that must happen before any payment is raised, such as a legal completion",
    )
    payment_condition_met_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["programme", "status", "-starts_on", "-id"], name="award_programme_list_idx"),
            models.Index(fields=["organisation", "-starts_on"], name="award_organisation_idx"),
            models.Index(fields=["status", "ends_on"], name="award_status_ends_idx"),
            models.Index(fields=["-starts_on", "-id"], name="award_list_idx"),
            # Short awards are flagged on the programme dashboard and filtered in the award list.
            models.Index(fields=["programme", "status"], condition=models.Q(is_short=True), name="award_short_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="award_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("funding:award", args=[self.reference])

    @property
    def is_committed(self) -> bool:
        return self.status in COMMITTED_STATUSES

    @property
    def awaits_payment_condition(self) -> bool:
        return bool(self.payment_condition) and self.payment_condition_met_on is None

    @transition(
        status, source=AwardStatus.DRAFT, target=AwardStatus.APPROVED, permission=programme_staff,
        conditions=[_short_award_explained, _years_add_up], custom={"label": "approve"},
    )  # fmt: skip
    def approve(self, *, by):
        self.approved_by = by
        self.approved_at = timezone.now()

    @transition(
        status, source=AwardStatus.APPROVED, target=AwardStatus.OFFERED, permission=programme_staff,
        conditions=[_has_conditions], custom={"label": "offer"},
    )  # fmt: skip
    def offer(self, *, by):
        self.offered_at = timezone.now()

    @transition(
        status, source=AwardStatus.OFFERED, target=AwardStatus.ACCEPTED, permission=applicant_administrator,
        custom={"label": "accept"},
    )  # fmt: skip
    def accept(self, *, by):
        self.accepted_by = by
        self.accepted_at = timezone.now()
        self.published_on = timezone.localdate()

    @transition(
        status, source=AwardStatus.OFFERED, target=AwardStatus.DECLINED, permission=applicant_administrator,
        custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by):
        pass

    @transition(
        status, source=[AwardStatus.DRAFT, AwardStatus.APPROVED, AwardStatus.OFFERED], target=AwardStatus.WITHDRAWN,
        permission=programme_staff, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass

    @transition(
        status, source=AwardStatus.ACCEPTED, target=AwardStatus.CLOSED, permission=programme_staff,
        conditions=[_finished], custom={"label": "close"},
    )  # fmt: skip
    def close(self, *, by):
        self.closed_at = timezone.now()


class AwardYear(models.Model):
    """The part of an award that falls in one financial year, counted against that year's budget."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="years")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    financial_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "financial_year"]
        indexes = [models.Index(fields=["programme", "financial_year"], name="award_year_programme_idx")]
        constraints = [
            models.UniqueConstraint(fields=["award", "financial_year"], name="one_amount_per_award_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="award_year_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.award.reference} {financial_year_label(self.financial_year)}: £{self.amount}"

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)


class VariationStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


@guard("Say why the variation is refused.")
def _refusal_explained(variation) -> bool:
    return bool(variation.decision_notes.strip())


class Variation(models.Model):
    """A change to an award's amount or end date, which takes effect only once approved."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="variations")
    new_amount = models.DecimalField(null=True, blank=True, **MONEY)
    new_ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    status = StateField(max_length=10, choices=VariationStatus.choices, default=VariationStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_amount__isnull=False) | models.Q(new_ends_on__isnull=False),
                name="variation_changes_something",
            )
        ]

    def __str__(self) -> str:
        return f"Variation to {self.award.reference}"

    @property
    def programme(self):
        return self.award.programme

    @property
    def organisation_id(self) -> int:
        return self.award.organisation_id

    @transition(
        status, source=VariationStatus.REQUESTED, target=VariationStatus.APPROVED, permission=programme_staff,
        custom={"label": "approve"},
    )  # fmt: skip
    def approve(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()

    @transition(
        status, source=VariationStatus.REQUESTED, target=VariationStatus.REFUSED, permission=programme_staff,
        conditions=[_refusal_explained], custom={"label": "refuse"},
    )  # fmt: skip
    def refuse(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()


class RecoveryKind(models.TextChoices):
    UNDERSPEND = "underspend", "Underspend returned"
    CLAWBACK = "clawback", "Clawback for broken conditions"


class Recovery(models.Model):
    """Money coming back from an award: an underspend returned, or a clawback when conditions are broken."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="recoveries")
    kind = models.CharField(max_length=10, choices=RecoveryKind.choices)
    amount = models.DecimalField(**MONEY)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name_plural = "recoveries"
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="recovery_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} £{self.amount} on {self.award.reference}"
