"""Local partnerships: each council's Local Strategic Partnership (LSP) and its Local Area Agreement (LAA),
the council's yearly funding-practice return, and its log of the duty to inform, consult and involve.

A council is a register Organisation of kind local authority; its officers act for it through their
membership of that organisation (see `partnerships.services.local.acts_for_council`).
"""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from thirdsector.register.models import OrganisationKind

COUNCILS = {"kind": OrganisationKind.LOCAL_AUTHORITY}


class NationalIndicator(models.Model):
    """One of the 198 national indicators an LAA's improvement targets are chosen from (NI 6, NI 7, ...)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"NI {self.number} {self.name}"


class Sector(models.TextChoices):
    COUNCIL = "council", "Council"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    BUSINESS = "business", "Business"
    THIRD_SECTOR = "third_sector", "Third sector"
    OTHER = "other", "Other"


class LocalStrategicPartnership(models.Model):
    council = models.OneToOneField(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="local_strategic_partnership",
        limit_choices_to=COUNCILS,
    )
    name = models.CharField(max_length=200)
    third_sector_board_seats = models.PositiveSmallIntegerField(
        default=0, help_text="Seats on the partnership board held by the third sector"
    )
    third_sector_theme_group_seats = models.PositiveSmallIntegerField(
        default=0, help_text="Seats on the partnership's theme groups held by the third sector"
    )
    supporting_body = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body that supports the third sector's representatives (often the local infrastructure body)",
    )
    local_compact = models.BooleanField("Local compact in place", default=False)
    local_compact_signed_on = models.DateField("Date the local compact was signed", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(LocalStrategicPartnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sector", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="lsp_member_once"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_sector_display()})"


class LocalAreaAgreement(models.Model):
    """A three-year deal with central government: up to PARTNERSHIP_LAA_MAX_TARGETS improvement targets."""

    partnership = models.ForeignKey(LocalStrategicPartnership, on_delete=models.CASCADE, related_name="agreements")
    starts_on = models.DateField()
    ends_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="laa_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.partnership.name} LAA {self.starts_on.year} to {self.ends_on.year}"


class InvolvementLevel(models.TextChoices):
    NONE = "none", "Not involved"
    INFORMED = "informed", "Informed"
    CONSULTED = "consulted", "Consulted"
    INVOLVED = "involved", "Involved in delivery"
    LEADING = "leading", "Leading"


class AgreementTarget(models.Model):
    agreement = models.ForeignKey(LocalAreaAgreement, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(NationalIndicator, on_delete=models.PROTECT, related_name="targets")
    target = models.CharField(max_length=300, help_text="What the partnership aims to reach, in words and figures")
    third_sector_involvement = models.TextField(blank=True)
    involvement_level = models.CharField(max_length=20, choices=InvolvementLevel.choices, default=InvolvementLevel.NONE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "indicator"], name="laa_indicator_once"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.target}"


class Practice(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class FundingPracticeReturn(models.Model):
    """A council's yearly return of its funding to the third sector; `year` is the financial year's start."""

    council = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="funding_returns", limit_choices_to=COUNCILS
    )
    year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts, for example 2025 for 2025 to 2026"
    )
    total = models.DecimalField("Total funding to the third sector", max_digits=14, decimal_places=2)
    grants = models.DecimalField("Given as grants", max_digits=14, decimal_places=2, default=0)
    contracts = models.DecimalField("Given as contracts", max_digits=14, decimal_places=2, default=0)
    three_years_or_more = models.DecimalField(
        "Given for three years or more", max_digits=14, decimal_places=2, default=0
    )
    one_year_or_less = models.DecimalField("Given for one year or less", max_digits=14, decimal_places=2, default=0)
    notice_before_cuts = models.CharField(
        "At least three months' notice before funding was cut", max_length=10, choices=Practice.choices
    )
    payment_in_advance = models.CharField("Payment in advance", max_length=10, choices=Practice.choices)
    small_grants_count = models.PositiveIntegerField("Small grants to community groups (number)", default=0)
    small_grants_amount = models.DecimalField(
        "Small grants to community groups (amount)", max_digits=14, decimal_places=2, default=0
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="funding_return_once_a_year"),
            models.CheckConstraint(
                condition=Q(grants__gte=0, contracts__gte=0, three_years_or_more__gte=0, one_year_or_less__gte=0)
                & Q(total__gte=0, small_grants_amount__gte=0),
                name="funding_return_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=F("grants") + F("contracts")), name="funding_return_grants_contracts_in_total"
            ),
            models.CheckConstraint(
                condition=Q(total__gte=F("three_years_or_more") + F("one_year_or_less")),
                name="funding_return_lengths_in_total",
            ),
        ]

    def __str__(self):
        return f"{self.council} {self.year} to {self.year + 1}"


class EngagementKind(models.TextChoices):
    INFORM = "inform", "Inform"
    CONSULT = "consult", "Consult"
    INVOLVE = "involve", "Involve"
    DEVOLVE = "devolve", "Devolve"


class EngagementActivity(models.Model):
    """One entry in a council's public log of the duty to inform, consult and involve."""

    council = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="engagement_activities",
        limit_choices_to=COUNCILS,
    )
    happened_on = models.DateField("Date")
    decision = models.CharField("Decision or topic", max_length=300)
    kind = models.CharField(max_length=10, choices=EngagementKind.choices)
    groups_reached = models.TextField("Groups reached")
    groups_reached_count = models.PositiveIntegerField("Number of groups reached", default=0)
    outcome = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["council", "-happened_on", "-id"], name="engagement_council_date")]

    def __str__(self):
        return f"{self.council}: {self.decision}"
