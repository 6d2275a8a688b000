"""The public bodies the Compact binds, and the Compact's commitments that breaches and proofing name."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class CompactCode(models.TextChoices):
    """The Compact and its codes of good practice."""

    COMPACT = "compact", "The Compact"
    CONSULTATION = "consultation", "Consultation and Policy Appraisal code"
    FUNDING = "funding", "Funding and Procurement code"
    VOLUNTEERING = "volunteering", "Volunteering code"
    COMMUNITY_GROUPS = "community_groups", "Community Groups code"
    BME = "bme", "Black and Minority Ethnic Voluntary and Community Organisations code"


class Commitment(models.Model):
    """One commitment government makes in the Compact or a code, as breaches and proofing cite it.

    Loaded by a data migration (0002); reference data, changed only by platform admins.
    """

    code = models.CharField(max_length=20, choices=CompactCode.choices)
    number = models.CharField(max_length=8, help_text="Its number within the code, such as 2.3")
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["code", "number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="one_commitment_per_number")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.number}: {self.summary}"


class CompactBody(models.Model):
    """The department or one of its NDPBs, in the register, with the person who leads on the Compact.

    Every consultation, proofing and breach case belongs to a body.
    """

    organisation = models.OneToOneField("register.Organisation", on_delete=models.PROTECT, related_name="compact_body")
    compact_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="compact_bodies"
    )
    lead_name = models.CharField("Compact lead", max_length=150)
    lead_email = models.EmailField("Compact lead's email")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "Compact body"
        verbose_name_plural = "Compact bodies"

    def __str__(self) -> str:
        return self.organisation.name
