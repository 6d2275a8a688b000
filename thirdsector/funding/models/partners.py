"""Strategic partner status: the gate to the Strategic Partners Grant Programme.

An organisation registers its interest against published criteria; staff review it and grant status
until a review date, or decline it with reasons. Granted status lapses at its review date (a scheduled
task) or is withdrawn. Only current status lets an organisation apply; lapsing stops new applications,
not existing grants.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import by_the_system, guard

from ..permissions import applicant, department_staff


class PartnerStatus(models.TextChoices):
    INTEREST_REGISTERED = "registered", "Interest registered"
    UNDER_REVIEW = "under_review", "Under review"
    GRANTED = "granted", "Granted"
    DECLINED = "declined", "Declined"
    LAPSED = "lapsed", "Lapsed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StrategicPartnerQuerySet(models.QuerySet):
    def current(self, on=None):
        """Granted and not yet past its review date, whether or not the lapsing task has run."""
        day = on or timezone.localdate()
        return self.filter(status=PartnerStatus.GRANTED, granted_from__lte=day, review_on__gte=day)


@guard("Give the date status starts and the date it will be reviewed, which must come after it.")
def _has_period(partner) -> bool:
    return bool(partner.granted_from and partner.review_on and partner.review_on > partner.granted_from)


@guard("Say why the interest is declined, so the organisation can act on it.")
def _has_decision_reason(partner) -> bool:
    return bool(partner.decision_reasons.strip())


@guard("Status can only lapse once its review date has passed.")
def _past_review_date(partner) -> bool:
    return partner.review_on is not None and partner.review_on < timezone.localdate()


class StrategicPartner(models.Model):
    """One registration of interest in strategic partner status, and the status it led to."""

    organisation = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="strategic_partner_records"
    )
    policy_areas = models.ManyToManyField(
        "register.PolicyArea", related_name="+", help_text="Policy areas the organisation can inform"
    )
    reach_into_small_groups = models.TextField(help_text="How the organisation reaches small and community groups")
    reach_into_bme_groups = models.TextField(help_text="How it reaches and represents black and minority ethnic groups")
    capacity = models.TextField(help_text="Its capacity to act as a partner to the department")
    evidence = models.TextField(help_text="Evidence for the above: members, networks, reports")
    status = StateField(max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.INTEREST_REGISTERED)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_from = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True, help_text="Status lapses after this date unless renewed")
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[policy_areas])
    objects = StrategicPartnerQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = "strategic partner registration"
        indexes = [models.Index(fields=["status", "review_on"], name="partner_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=["registered", "under_review", "granted"]),
                name="one_live_partner_record_per_organisation",
                violation_error_message="This organisation already has interest registered or status granted.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("funding:partner", args=[self.pk])

    @transition(
        status, source=PartnerStatus.INTEREST_REGISTERED, target=PartnerStatus.UNDER_REVIEW,
        permission=department_staff, custom={"label": "start the review of"},
    )  # fmt: skip
    def start_review(self, *, by):
        self.reviewed_by = by

    @transition(
        status, source=PartnerStatus.UNDER_REVIEW, target=PartnerStatus.GRANTED,
        permission=department_staff, conditions=[_has_period], custom={"label": "grant status to"},
    )  # fmt: skip
    def grant(self, *, by):
        self.reviewed_by = by
        self.decided_at = timezone.now()

    @transition(
        status, source=PartnerStatus.UNDER_REVIEW, target=PartnerStatus.DECLINED,
        permission=department_staff, conditions=[_has_decision_reason], custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by):
        self.reviewed_by = by
        self.decided_at = timezone.now()

    @transition(
        status, source=PartnerStatus.GRANTED, target=PartnerStatus.LAPSED,
        permission=by_the_system, conditions=[_past_review_date], custom={"label": "lapse"},
    )  # fmt: skip
    def lapse(self, *, by):
        pass

    @transition(
        status, source=PartnerStatus.GRANTED, target=PartnerStatus.WITHDRAWN,
        permission=department_staff, custom={"label": "withdraw status from"},
    )  # fmt: skip
    def withdraw_status(self, *, by):
        self.decided_at = timezone.now()

    @transition(
        status, source=[PartnerStatus.INTEREST_REGISTERED, PartnerStatus.UNDER_REVIEW], target=PartnerStatus.WITHDRAWN,
        permission=applicant, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw_interest(self, *, by):
        pass

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (
            self.status == PartnerStatus.GRANTED
            and self.granted_from is not None
            and self.granted_from <= today <= self.review_on
        )
