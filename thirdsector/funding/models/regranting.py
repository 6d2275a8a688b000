"""The small grants fund's allocation to local funders: deprivation data, local funders, the fund and its rows.

Money flows department → local funder (a regrant award, `regrantType` FRG010) → group (an end grant).
A fund's allocation is computed by `services.allocation` from the data held here (population, the
uploaded deprivation scores and the small groups in the register), then adjusted by staff with a
reason, then approved, which creates each local funder's regrant award and its own programme.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

from ..financial_years import financial_year_label
from ..permissions import department_staff
from .programmes import MONEY, Programme

SHARE = {"max_digits": 5, "decimal_places": 2}


def admin_share_of(amount: Decimal, percent: Decimal) -> Decimal:
    """The whole pounds a local funder may keep for running its grants (half a pound rounds up)."""
    return (Decimal(amount) * Decimal(percent) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


class DeprivationDataset(models.Model):
    """A deprivation score per local authority, uploaded by staff as a CSV, with where the figures came from."""

    name = models.CharField(max_length=200, unique=True)
    source = models.CharField(
        max_length=300,
        help_text="Where the figures come from, such as the English Indices of Deprivation 2019 local authority "
        "summaries; say plainly if they are made up",
    )
    original_file_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rejected_rows = models.JSONField(
        default=list, blank=True, help_text="Rows of the file left out, each with its line and reason"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:allocation-dataset", args=[self.pk])


class DeprivationScore(models.Model):
    """One local authority's row of a deprivation dataset: its IMD average score and the rank of that score."""

    dataset = models.ForeignKey(DeprivationDataset, on_delete=models.CASCADE, related_name="scores")
    area = models.ForeignKey("register.Area", on_delete=models.PROTECT, related_name="+")
    average_score = models.DecimalField("IMD average score", max_digits=7, decimal_places=3)
    rank_of_average_score = models.PositiveIntegerField("Rank of average score", help_text="1 is the most deprived")
    history = HistoricalRecords()

    class Meta:
        ordering = ["dataset", "rank_of_average_score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "area"], name="one_score_per_area"),
            models.CheckConstraint(condition=models.Q(average_score__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.average_score}"


class LocalFunder(models.Model):
    """A community foundation or similar body that receives an allocation for its areas and regrants it."""

    organisation = models.OneToOneField("register.Organisation", on_delete=models.PROTECT, related_name="local_funder")
    areas = models.ManyToManyField("register.Area", related_name="local_funders", help_text="The councils it covers")
    capacity = models.DecimalField(
        null=True, blank=True, help_text="The most it can take and regrant in a year; empty for no limit", **MONEY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["organisation__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=0), name="local_funder_capacity"
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("funding:allocation-local-funder", args=[self.pk])


class FundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CALCULATED = "calculated", "Calculated"
    APPROVED = "approved", "Approved"


@guard("The allocation has been adjusted: recalculating would undo the adjustments.")
def _not_adjusted(fund) -> bool:
    return not fund.adjustments.exists()


@guard("The local funders' allocations must add up exactly to the fund.")
def _adds_up(fund) -> bool:
    total = fund.funder_allocations.aggregate(total=models.Sum("amount"))["total"]
    return total == fund.total


@permission("department staff other than the person who calculated the allocation or moved money in it")
def _second_pair_of_eyes(fund, user) -> bool:
    """Four eyes: whoever made the figures as they stand cannot also sign them off and pay them out."""
    return department_staff(fund, user) and not fund.prepared_by(user)


class AllocationFund(models.Model):
    """A fund shared between local funders by a formula, such as the £80m small grants fund for one year.

    The policy numbers (floor, admin share, weights, end grant limits) are copied from the settings when
    the fund is set up, so a later change of setting does not rewrite a fund already under way.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="allocation_funds",
        help_text="The department's national programme the regrant awards are paid from",
    )
    financial_year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in")
    total = models.DecimalField(**MONEY)
    floor_per_area = models.DecimalField(help_text="The least any area receives", **MONEY)
    admin_share_percent = models.DecimalField(
        help_text="The share of its allocation a local funder may keep for running the grants", **SHARE
    )
    weight_population = models.DecimalField(help_text="Percentage weight of population", **SHARE)
    weight_deprivation = models.DecimalField(help_text="Percentage weight of the deprivation score", **SHARE)
    weight_small_groups = models.DecimalField(help_text="Percentage weight of the small groups registered", **SHARE)
    small_group_income_limit = models.DecimalField(help_text="A small group has an annual income under this", **MONEY)
    end_grant_minimum = models.DecimalField(**MONEY)
    end_grant_maximum = models.DecimalField(**MONEY)
    end_grant_months = models.PositiveSmallIntegerField()
    dataset = models.ForeignKey(DeprivationDataset, on_delete=models.PROTECT, related_name="funds")
    status = StateField(max_length=10, choices=FundStatus.choices, default=FundStatus.DRAFT)
    used_solver = models.BooleanField(
        default=False, help_text="Whether floors or capacities bound, so the optimisation ran"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    calculated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    calculated_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="fund_total_positive"),
            models.CheckConstraint(condition=models.Q(floor_per_area__gte=0), name="fund_floor_not_negative"),
            models.CheckConstraint(
                condition=models.Q(admin_share_percent__gte=0, admin_share_percent__lte=100),
                name="fund_admin_share_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(weight_population__gte=0, weight_deprivation__gte=0, weight_small_groups__gte=0),
                name="fund_weights_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:allocation-fund", args=[self.slug])

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @transition(
        status, source=[FundStatus.DRAFT, FundStatus.CALCULATED], target=FundStatus.CALCULATED,
        permission=department_staff, conditions=[_not_adjusted], custom={"label": "calculate"},
    )  # fmt: skip
    def calculate(self, *, by, used_solver: bool):
        self.calculated_by = by
        self.calculated_at = timezone.now()
        self.used_solver = used_solver

    def prepared_by(self, user) -> bool:
        """Whether `user` made the allocation as it stands: calculated it last, or moved money in it since.

        Recalculating is refused once money has been moved, so every adjustment follows the last calculation.
        """
        if user is None or user.pk is None:
            return False
        return user.pk == self.calculated_by_id or self.adjustments.filter(made_by_id=user.pk).exists()

    @transition(
        status, source=FundStatus.CALCULATED, target=FundStatus.APPROVED, permission=_second_pair_of_eyes,
        conditions=[_adds_up], custom={"label": "approve"},
    )  # fmt: skip
    def approve(self, *, by):
        self.approved_by = by
        self.approved_at = timezone.now()


class AreaAllocation(models.Model):
    """One area's inputs to the formula, its target, its floor and the whole pounds it was given."""

    fund = models.ForeignKey(AllocationFund, on_delete=models.CASCADE, related_name="area_allocations")
    area = models.ForeignKey("register.Area", on_delete=models.PROTECT, related_name="+")
    local_funder = models.ForeignKey(LocalFunder, on_delete=models.PROTECT, related_name="area_allocations")
    population = models.PositiveIntegerField()
    deprivation_score = models.DecimalField(max_digits=7, decimal_places=3)
    small_groups = models.PositiveIntegerField(help_text="Active organisations based here with income under the limit")
    need = models.DecimalField(max_digits=11, decimal_places=10, help_text="The area's share of the fund, 0 to 1")
    target = models.DecimalField(help_text="Need × fund, before floors, capacities and rounding", **MONEY)
    floor = models.DecimalField(**MONEY)
    amount = models.DecimalField(help_text="Whole pounds given by the allocation", **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "area__name", "id"]
        indexes = [models.Index(fields=["fund", "local_funder"], name="area_alloc_funder_idx")]
        constraints = [
            models.UniqueConstraint(fields=["fund", "area"], name="one_allocation_per_area"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="area_allocation_not_negative"),
            models.CheckConstraint(condition=models.Q(amount__gte=models.F("floor")), name="area_allocation_floor"),
        ]

    def __str__(self) -> str:
        return f"{self.fund}: {self.area}"


class FunderAllocation(models.Model):
    """A local funder's share of a fund: as calculated, as adjusted, and what it may regrant."""

    fund = models.ForeignKey(AllocationFund, on_delete=models.CASCADE, related_name="funder_allocations")
    local_funder = models.ForeignKey(LocalFunder, on_delete=models.PROTECT, related_name="allocations")
    calculated_amount = models.DecimalField(**MONEY)
    amount = models.DecimalField(help_text="After adjustments", **MONEY)
    floor = models.DecimalField(help_text="Its areas' floors added up", **MONEY)
    capacity = models.DecimalField(null=True, blank=True, help_text="Its capacity when calculated", **MONEY)
    award = models.OneToOneField(
        "funding.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="funder_allocation"
    )
    local_programme = models.OneToOneField(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="funder_allocation"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "local_funder__organisation__name", "id"]
        indexes = [models.Index(fields=["local_funder", "fund"], name="funder_alloc_funder_idx")]
        constraints = [
            models.UniqueConstraint(fields=["fund", "local_funder"], name="one_allocation_per_funder"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funder_allocation_not_negative"),
            models.CheckConstraint(condition=models.Q(amount__gte=models.F("floor")), name="funder_allocation_floor"),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(amount__lte=models.F("capacity")),
                name="funder_allocation_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund}: {self.local_funder}"

    def get_absolute_url(self) -> str:
        return reverse("funding:allocation-funder", args=[self.fund.slug, self.pk])

    @property
    def admin_share(self) -> Decimal:
        return admin_share_of(self.amount, self.fund.admin_share_percent)

    @property
    def regrant_budget(self) -> Decimal:
        return self.amount - self.admin_share


class AllocationAdjustment(models.Model):
    """Money moved by staff from one local funder's allocation to another's, with the reason."""

    fund = models.ForeignKey(AllocationFund, on_delete=models.CASCADE, related_name="adjustments")
    from_allocation = models.ForeignKey(FunderAllocation, on_delete=models.CASCADE, related_name="adjustments_out")
    to_allocation = models.ForeignKey(FunderAllocation, on_delete=models.CASCADE, related_name="adjustments_in")
    amount = models.DecimalField(**MONEY)
    reason = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "-made_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="adjustment_amount_positive"),
            models.CheckConstraint(
                condition=~models.Q(from_allocation=models.F("to_allocation")), name="adjustment_between_two"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} from {self.from_allocation.local_funder} to {self.to_allocation.local_funder}"
