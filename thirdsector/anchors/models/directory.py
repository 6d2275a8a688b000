"""The services an anchor runs, as Open Referral UK (ORUK) describes them, for councils' directories.

One row per service, with its place, contact and eligibility held on it (an anchor's service runs in one
place, its building, most of the time), its weekly opening times as schedule rows, the local authorities
it serves, and its categories from the LGA's Local Government Service List (`Taxonomy`, loaded from
`anchors/data/lgsl_subset.csv`). `api/directory.py` publishes them in the ORUK shape.
"""

import uuid

from django.db import models
from simple_history.models import HistoricalRecords


class Taxonomy(models.Model):
    """A term of a published vocabulary: here the Local Government Service List (LGSL)."""

    code = models.CharField(max_length=40, unique=True, help_text="The term's identifier in its vocabulary")
    name = models.CharField(max_length=200)
    vocabulary = models.CharField(max_length=40)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class AnchorService(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    anchor = models.ForeignKey("anchors.Anchor", on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField()
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    fees = models.CharField("Fees", max_length=300, blank=True, help_text="Leave empty if it is free")
    url = models.URLField("Web page", max_length=300, blank=True)
    email = models.EmailField("Email address", blank=True)
    eligibility = models.CharField("Who it is for", max_length=200, blank=True, help_text="For example, adults")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    languages = models.CharField(
        max_length=200, blank=True, default="English", help_text="Languages it is offered in, separated by commas"
    )
    funding = models.CharField("Who funds it", max_length=200, blank=True)
    # Where it runs.
    location_name = models.CharField("Name of the place", max_length=200)
    address_1 = models.CharField("Address", max_length=200)
    city = models.CharField("Town or city", max_length=100)
    postal_code = models.CharField("Postcode", max_length=16, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Who to contact.
    contact_name = models.CharField(max_length=150, blank=True)
    contact_title = models.CharField("Contact's job title", max_length=150, blank=True)
    phone = models.CharField("Telephone", max_length=40, blank=True)

    taxonomies = models.ManyToManyField(Taxonomy, blank=True, related_name="services")
    service_areas = models.ManyToManyField("register.Area", blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[taxonomies])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "service"

    def __str__(self) -> str:
        return self.name

    def language_list(self) -> list[str]:
        return [language.strip() for language in self.languages.split(",") if language.strip()]


class Weekday(models.TextChoices):
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


class ServiceSchedule(models.Model):
    """A weekly opening: the service is open on `byday` from `opens_at` to `closes_at`."""

    service = models.ForeignKey(AnchorService, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField("Day", max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField("Opens at")
    closes_at = models.TimeField("Closes at")
    description = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="schedule_closes_after_opens"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_byday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
