"""Publicly owned buildings and land a council offers for transfer to a community organisation."""

from django.db import models
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import by_the_system

from ..permissions import council_officer

MONEY = {"max_digits": 14, "decimal_places": 2}


class AssetType(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", "Community centre"
    LIBRARY = "library", "Library"
    HALL = "hall", "Hall"
    PUB = "pub", "Pub"
    LAND = "land", "Land"


class AssetCondition(models.TextChoices):
    GOOD = "good", "Good"
    FAIR = "fair", "Fair: needs some repair"
    POOR = "poor", "Poor: needs major repair"
    DERELICT = "derelict", "Derelict or unsafe"


class Tenure(models.TextChoices):
    FREEHOLD = "freehold", "Freehold"
    LEASE = "lease", "Lease"


class AssetStatus(models.TextChoices):
    OFFERED = "offered", "Offered for transfer"
    UNDER_PROPOSAL = "under_proposal", "Under proposal"
    TRANSFERRED = "transferred", "Transferred"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Assets anyone may see: a withdrawn offer is the council's business.
PUBLIC_ASSET_STATUSES = (AssetStatus.OFFERED, AssetStatus.UNDER_PROPOSAL, AssetStatus.TRANSFERRED)


class Asset(models.Model):
    """A building or piece of land, its owner, condition, use and the terms on which it is offered.

    The discount (market value less the price asked) is recorded with the terms, and a constraint
    keeps it equal to that difference, so the published figure is always the one the terms imply.
    """

    council = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="assets_owned", help_text="The owning council"
    )
    name = models.CharField(max_length=200)
    asset_type = models.CharField("Type", max_length=20, choices=AssetType.choices)
    address = models.CharField("Site address", max_length=300)
    postcode = models.CharField(max_length=10)
    local_authority = models.ForeignKey(
        "register.Area", on_delete=models.PROTECT, related_name="assets", help_text="The local authority area"
    )
    condition = models.CharField(max_length=10, choices=AssetCondition.choices)
    current_use = models.TextField("Current use")
    market_value = models.DecimalField(**MONEY)
    tenure = models.CharField("Proposed terms", max_length=10, choices=Tenure.choices)
    lease_years = models.PositiveSmallIntegerField("Length of lease in years", null=True, blank=True)
    price = models.DecimalField("Price asked", **MONEY)
    discount = models.DecimalField("Discount on market value", help_text="Market value less the price asked", **MONEY)
    status = StateField(max_length=14, choices=AssetStatus.choices, default=AssetStatus.OFFERED)
    offered_on = models.DateField()
    offered_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "name", "id"], name="asset_status_name_idx"),
            models.Index(fields=["council", "status"], name="asset_council_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0, price__lte=models.F("market_value")),
                name="asset_price_within_value",
                violation_error_message="The price cannot be more than the market value.",
            ),
            models.CheckConstraint(
                condition=models.Q(discount=models.F("market_value") - models.F("price")), name="asset_discount_kept"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(tenure=Tenure.FREEHOLD, lease_years__isnull=True)
                    | models.Q(tenure=Tenure.LEASE, lease_years__gte=1)
                ),
                name="asset_lease_has_length",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assets:asset", args=[self.pk])

    @property
    def terms(self) -> str:
        if self.tenure == Tenure.LEASE:
            return f"Lease of {self.lease_years} years"
        return "Freehold"

    @property
    def discount_percent(self) -> int | None:
        if not self.market_value:
            return None
        return round(self.discount * 100 / self.market_value)

    @transition(
        status, source=AssetStatus.OFFERED, target=AssetStatus.WITHDRAWN, permission=council_officer,
        custom={"label": "withdraw the offer"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass

    # The next three follow a proposal's steps: the proposal's service takes them, naming the person
    # and proposal in the reason, so no one takes them on the asset directly.
    @transition(
        status, source=AssetStatus.OFFERED, target=AssetStatus.UNDER_PROPOSAL, permission=by_the_system,
        custom={"label": "put under proposal"},
    )  # fmt: skip
    def put_under_proposal(self, *, by):
        pass

    @transition(
        status, source=AssetStatus.UNDER_PROPOSAL, target=AssetStatus.OFFERED, permission=by_the_system,
        custom={"label": "offer again"},
    )  # fmt: skip
    def offer_again(self, *, by):
        pass

    @transition(
        status, source=AssetStatus.UNDER_PROPOSAL, target=AssetStatus.TRANSFERRED, permission=by_the_system,
        custom={"label": "record the transfer"},
    )  # fmt: skip
    def transfer(self, *, by):
        pass
