"""The yearly reports on use, income and condition an organisation makes for five years after transfer."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard

from ..permissions import fund_staff, holder
from .assets import MONEY, AssetCondition
from .proposals import TransferProposal


class ReturnStatus(models.TextChoices):
    DUE = "due", "Due"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"


class ReturnQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """Past their due date and not yet submitted."""
        return self.filter(status=ReturnStatus.DUE, due_on__lt=on or timezone.localdate())


# The figures a return must give before it is submitted.
RETURN_FIGURES = ("hours_open_per_week", "groups_using", "people_served", "income", "expenditure", "condition")


@guard("Give every figure (hours open, groups, people served, income, spending and condition) before submitting.")
def _figures_complete(post_transfer_return) -> bool:
    return all(getattr(post_transfer_return, name) not in (None, "") for name in RETURN_FIGURES)


class PostTransferReturn(models.Model):
    """One year's return: the year runs from an anniversary of legal completion to the day before the next."""

    proposal = models.ForeignKey(TransferProposal, on_delete=models.PROTECT, related_name="returns")
    year = models.PositiveSmallIntegerField(help_text="Year after transfer, from 1")
    period_starts_on = models.DateField()
    period_ends_on = models.DateField()
    due_on = models.DateField()
    status = StateField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DUE)
    hours_open_per_week = models.DecimalField(
        "Hours open a week", null=True, blank=True, max_digits=5, decimal_places=1
    )
    groups_using = models.PositiveIntegerField("Groups using the building", null=True, blank=True)
    people_served = models.PositiveIntegerField("People served in the year", null=True, blank=True)
    income = models.DecimalField("Income in the year", null=True, blank=True, **MONEY)
    expenditure = models.DecimalField("Spending in the year", null=True, blank=True, **MONEY)
    condition = models.CharField(max_length=10, choices=AssetCondition.choices, blank=True)
    notes = models.TextField("Anything else the fund should know", blank=True)
    submitted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReturnQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "year"]
        indexes = [models.Index(fields=["status", "due_on"], name="asset_return_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "year"], name="one_asset_return_per_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1), name="asset_return_year_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.asset}: year {self.year} return"

    def get_absolute_url(self) -> str:
        return reverse("assets:return", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.status == ReturnStatus.DUE and self.due_on < timezone.localdate()

    @property
    def surplus(self):
        if self.income is None or self.expenditure is None:
            return None
        return self.income - self.expenditure

    @transition(
        status, source=ReturnStatus.DUE, target=ReturnStatus.SUBMITTED, permission=holder,
        conditions=[_figures_complete], custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by):
        self.submitted_by = by
        self.submitted_at = timezone.now()

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.ACCEPTED, permission=fund_staff,
        custom={"label": "accept"},
    )  # fmt: skip
    def accept(self, *, by):
        self.accepted_by = by
        self.accepted_at = timezone.now()

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.DUE, permission=fund_staff,
        custom={"label": "send back for changes"},
    )  # fmt: skip
    def send_back(self, *, by):
        self.submitted_by = None
        self.submitted_at = None
