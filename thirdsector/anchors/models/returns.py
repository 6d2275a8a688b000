"""An anchor's yearly financial return and the sustainability assessment made when staff accept it.

`year` is the year the financial year starts (2025 for April 2025 to March 2026). The figures are computed
by `thirdsector.anchors.sustainability` and stored on every save, so the network's figures aggregate in the
database. When staff accept a return, its assessment is made against the thresholds in force that day, and
the thresholds are stored with it: a threshold changed later does not rewrite past years.

    submitted → accepted
              → returned (with a reason) → submitted (corrected)
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import can_edit_organisation, is_staff
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

MONEY = {"max_digits": 14, "decimal_places": 2}
RATIO = {"max_digits": 7, "decimal_places": 4}


class ReturnStatus(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting acceptance"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for correction"


@permission("department staff")
def _staff(financial_return, user) -> bool:
    return user is not None and is_staff(user)


@permission("the anchor's editors or department staff")
def _anchor_or_staff(financial_return, user) -> bool:
    return user is not None and can_edit_organisation(user, financial_return.anchor.organisation)


@guard("Give the reason the return is being sent back, so the anchor knows what to correct.")
def _return_reason_given(financial_return) -> bool:
    return bool(financial_return.return_reason.strip())


class FinancialReturn(models.Model):
    anchor = models.ForeignKey("anchors.Anchor", on_delete=models.PROTECT, related_name="returns")
    year = models.PositiveSmallIntegerField(
        "Financial year", help_text="The year the financial year starts, for example 2025 for April 2025 to March 2026"
    )
    income_grants = models.DecimalField("Income from grants", **MONEY)
    income_contracts = models.DecimalField("Income from contracts", **MONEY)
    income_earned = models.DecimalField("Earned and trading income", **MONEY)
    income_donations = models.DecimalField("Income from donations", **MONEY)
    income_investment = models.DecimalField("Investment income", **MONEY)
    spending = models.DecimalField("Total spending", **MONEY)
    unrestricted_reserves = models.DecimalField("Unrestricted reserves at the year's end", **MONEY)
    assets_value = models.DecimalField("Value of assets owned", **MONEY)
    owns_or_manages_building = models.BooleanField("Owns or manages a building", default=False)
    business_plan_on = models.DateField("Date of the current business plan", null=True, blank=True)

    # Computed from the figures above on every save (see sustainability.figures_of).
    total_income = models.DecimalField(**MONEY, editable=False, default=0)
    grant_dependency = models.DecimalField(
        **RATIO, null=True, editable=False, help_text="Grants ÷ total income; empty when there was no income"
    )
    earned_income_share = models.DecimalField(
        **RATIO, null=True, editable=False, help_text="Earned ÷ total income; empty when there was no income"
    )
    reserves_months = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, editable=False,
        help_text="Unrestricted reserves ÷ (spending ÷ 12); empty when there was no spending",
    )  # fmt: skip

    status = StateField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.SUBMITTED)
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("Reason for sending it back", blank=True)

    # The assessment, made on acceptance, with the thresholds it was made against.
    sustainable = models.BooleanField(null=True, editable=False)
    meets_grant_dependency = models.BooleanField(null=True, editable=False)
    meets_reserves = models.BooleanField(null=True, editable=False)
    meets_business_plan = models.BooleanField(null=True, editable=False)
    threshold_grant_dependency = models.DecimalField(**RATIO, null=True, editable=False)
    threshold_reserves_months = models.DecimalField(max_digits=5, decimal_places=2, null=True, editable=False)
    threshold_business_plan_years = models.PositiveSmallIntegerField(null=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["anchor__organisation__name", "-year", "id"]
        verbose_name = "financial return"
        constraints = [
            models.UniqueConstraint(fields=["anchor", "year"], name="anchor_return_once_a_year"),
            models.CheckConstraint(
                condition=Q(income_grants__gte=0, income_contracts__gte=0, income_earned__gte=0)
                & Q(income_donations__gte=0, income_investment__gte=0, spending__gte=0, assets_value__gte=0),
                name="anchor_return_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status", "sustainable"], name="anchor_return_year_idx"),
            models.Index(fields=["status", "submitted_on"], name="anchor_return_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.anchor} {self.year_label}"

    def get_absolute_url(self) -> str:
        return reverse("anchors:return", args=[self.pk])

    @property
    def year_label(self) -> str:
        return f"{self.year} to {self.year + 1}"

    @property
    def year_ends_on(self) -> datetime.date:
        return datetime.date(self.year + 1, 3, 31)

    @property
    def income_by_source(self) -> list[tuple[str, object]]:
        return [
            ("Grants", self.income_grants),
            ("Contracts", self.income_contracts),
            ("Earned and trading", self.income_earned),
            ("Donations", self.income_donations),
            ("Investment", self.income_investment),
        ]

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.ACCEPTED,
        permission=_staff, custom={"label": "accept"},
    )  # fmt: skip
    def accept(self, *, by, today: datetime.date):
        self.decided_on = today
        self.decided_by = by
        self.return_reason = ""

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.RETURNED,
        permission=_staff, conditions=[_return_reason_given], custom={"label": "send back"},
    )  # fmt: skip
    def send_back(self, *, by, today: datetime.date):
        self.decided_on = today
        self.decided_by = by

    @transition(
        status, source=ReturnStatus.RETURNED, target=ReturnStatus.SUBMITTED,
        permission=_anchor_or_staff, custom={"label": "resubmit"},
    )  # fmt: skip
    def resubmit(self, *, by, today: datetime.date):
        self.submitted_on = today
        self.submitted_by = by
