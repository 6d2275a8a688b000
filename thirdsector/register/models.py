from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .size_bands import SizeBand, band_constraint


class AreaType(models.TextChoices):
    REGION = "RGN", "English region"
    COUNTY = "CTY", "County council"
    NON_METROPOLITAN_DISTRICT = "NMD", "Non-metropolitan district"
    METROPOLITAN_DISTRICT = "MD", "Metropolitan district"
    LONDON_BOROUGH = "LBO", "London borough"
    UNITARY = "UA", "Unitary authority"
    COMBINED = "COMB", "Combined authority"
    SCOTTISH_UNITARY = "SCO", "Scottish unitary authority"
    WELSH_PRINCIPAL = "WPA", "Welsh principal authority"
    NORTHERN_IRISH_DISTRICT = "NID", "Northern Irish district"
    STRATEGIC_REGIONAL = "SRA", "Strategic regional authority"
    CITY_CORPORATION = "CC", "City corporation"


class Area(models.Model):
    """A place with an ONS GSS code: a local authority (current or abolished) or an English region.

    Loaded by a data migration from mySociety's uk_local_authority_names_and_codes (MIT licence).
    """

    # Northern Ireland's councils abolished in 2015 never had GSS codes: they are known by register code.
    gss_code = models.CharField("GSS code", max_length=9, unique=True, null=True, blank=True)
    register_code = models.CharField("Register code", max_length=8, blank=True, db_index=True)
    name = models.CharField(max_length=120)
    official_name = models.CharField(max_length=200, blank=True)
    area_type = models.CharField(max_length=4, choices=AreaType.choices)
    nation = models.CharField(max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The region, or the county above a district",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    replaced_by = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="replaces")
    population = models.PositiveIntegerField(null=True, blank=True, help_text="Population in 2020")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name if self.is_current else f"{self.name} (abolished)"


class PolicyArea(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Characteristic(models.Model):
    """Who leads or is served by an organisation: BME-led, user-led, women-led, ..."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    REGISTERED_CHARITY = "registered_charity", "Registered charity"
    CIO = "cio", "Charitable incorporated organisation (CIO)"
    CIC = "cic", "Community interest company (CIC)"
    COMPANY_LIMITED_BY_GUARANTEE = "clg", "Company limited by guarantee"
    COMMUNITY_BENEFIT_SOCIETY = "community_benefit_society", "Community benefit society"
    COMMUNITY_GROUP = "community_group", "Unincorporated community group"
    FAITH_GROUP = "faith_group", "Faith group"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NDPB = "ndpb", "Non-departmental public body"
    GOVERNMENT_DEPARTMENT = "government_department", "Government department"
    LOCAL_FUNDER = "local_funder", "Local funder"
    OTHER = "other", "Other"


# Kinds that make up the third sector, as opposed to the public bodies it works with.
PUBLIC_BODY_KINDS = frozenset(
    {OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.NDPB, OrganisationKind.GOVERNMENT_DEPARTMENT}
)


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    REMOVED = "removed", "Removed"


class Organisation(models.Model):
    """One real body: a third sector organisation, a council or a public body."""

    name = models.CharField(max_length=255)
    normalised_name = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    description = models.TextField("What the organisation does", blank=True)
    latest_income = models.DecimalField(
        "Latest annual income",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In pounds, from the latest accounts",
    )
    income_period_end = models.DateField("End of the latest financial year", null=True, blank=True)
    size_band = models.CharField(max_length=8, choices=SizeBand.choices, blank=True, editable=False)
    characteristics = models.ManyToManyField(Characteristic, blank=True, related_name="organisations")
    policy_areas = models.ManyToManyField(PolicyArea, blank=True, related_name="organisations")
    areas_served = models.ManyToManyField(Area, blank=True, related_name="organisations_serving")
    local_authority = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations_based",
        help_text="The local authority where the organisation is based",
    )
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=16, blank=True, db_index=True)
    postcode_needs_checking = models.BooleanField(
        default=False, help_text="The postcode given could not be read; a person should correct it"
    )
    website = models.URLField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    registered_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE, db_index=True
    )
    removed_on = models.DateField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[characteristics, policy_areas, areas_served])

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["normalised_name", "postcode"], name="org_name_postcode_idx"),
            models.Index(fields=["status", "name", "id"], name="org_status_name_idx"),
            models.Index(fields=["kind", "status", "name"], name="org_kind_idx"),
            models.Index(fields=["size_band", "status", "name"], name="org_size_band_idx"),
            models.Index(Upper("postcode"), name="org_postcode_upper_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=band_constraint(), name="size_band_matches_income"),
            models.CheckConstraint(
                condition=models.Q(latest_income__isnull=True) | models.Q(latest_income__gte=0),
                name="income_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("register:organisation", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == OrganisationStatus.ACTIVE

    @property
    def primary_identifier(self):
        for identifier in self.identifiers.all():
            if identifier.is_primary:
                return identifier
        return None

    @property
    def is_public_body(self) -> bool:
        return self.kind in PUBLIC_BODY_KINDS


class Identifier(models.Model):
    """An Org-ID of an organisation. One real identifier belongs to one organisation only."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    org_id = models.CharField("Org-ID", max_length=121, unique=True)
    is_primary = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "org_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(is_primary=True), name="one_primary_identifier"
            ),
        ]
        indexes = [models.Index(fields=["value"], name="identifier_value_idx")]

    def __str__(self) -> str:
        return self.org_id

    def save(self, *args, **kwargs):
        self.org_id = f"{self.scheme}-{self.value}"
        super().save(*args, **kwargs)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class ImportJob(models.Model):
    """One import of the Charity Commission register extract, from upload to outcome.

    While it runs, progress and a request to cancel live in the cache (shared by the web and worker
    processes), because on SQLite the import's single transaction keeps this row from changing until
    it ends; the status and counts below are written once it has.
    """

    source_file = models.FileField(upload_to="imports/", blank=True, help_text="Empty when run from a file on disk")
    original_filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="register_imports"
    )
    keep_valid_rows = models.BooleanField(
        "Keep the good rows if some are rejected",
        default=False,
        help_text="When false, one rejected row means nothing from the file is imported",
    )
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_processed = models.PositiveIntegerField(default=0)
    organisations_created = models.PositiveIntegerField(default=0)
    organisations_updated = models.PositiveIntegerField(default=0)
    organisations_unchanged = models.PositiveIntegerField(default=0)
    linked_rows_skipped = models.PositiveIntegerField(
        default=0, help_text="Rows for linked charities, which belong to their main charity's record"
    )
    rows_rejected = models.PositiveIntegerField(default=0)
    error_message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="import_job_newest_idx"),
            models.Index(fields=["status"], name="import_job_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Import #{self.pk} ({self.original_filename})"

    def get_absolute_url(self) -> str:
        return reverse("register:import", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.SUCCEEDED, ImportStatus.FAILED, ImportStatus.CANCELLED}


class ImportRejection(models.Model):
    """A row of an import's file that was not imported, and why. Text is kept as the file gave it."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejections")
    line_number = models.PositiveIntegerField(help_text="Line in the file, counting the header as line 1")
    charity_number = models.CharField(max_length=50, blank=True)
    name = models.CharField(max_length=255, blank=True)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["job", "line_number", "id"]
        indexes = [models.Index(fields=["job", "line_number", "id"], name="import_rejection_line_idx")]

    def __str__(self) -> str:
        return f"Line {self.line_number}: {self.reason}"
