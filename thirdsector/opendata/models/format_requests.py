"""Requests for any published page in an accessible format, tracked until the format is sent or declined.

HTML is every publication's default format; anyone may ask for a page in another (Easy Read, large
print, audio, Braille, Welsh, paper), as the Compact's consultations already allow. The workflow:

    requested → in progress → sent
    requested / in progress → declined (with the reason, which the requester is told)

Steps are taken only through `thirdsector.core.workflow.take`, so each is audited with who and why. The
due date is `OPENDATA_FORMAT_REQUEST_WORKING_DAYS` working days from the request, kept on the request so
a later change of the setting does not move it.
"""

import datetime

from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.compact.models.consultations import AlternativeFormat
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import permission


@permission("department staff")
def format_request_staff(instance, user) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*STAFF_ROLES)


class FormatRequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    IN_PROGRESS = "in_progress", "In progress"
    SENT = "sent", "Sent"
    DECLINED = "declined", "Declined"


OPEN_STATUSES = (FormatRequestStatus.REQUESTED, FormatRequestStatus.IN_PROGRESS)
# Formats that go out on paper, so need an address to send them to.
POSTED_FORMATS = (AlternativeFormat.POST, AlternativeFormat.BRAILLE, AlternativeFormat.LARGE_PRINT)


class FormatRequestQuerySet(models.QuerySet):
    def overdue_on(self, day: datetime.date):
        return self.filter(status__in=OPEN_STATUSES, due_on__lt=day)


class FormatRequest(models.Model):
    """Someone's request for a published page in an accessible format."""

    page_path = models.CharField("Page", max_length=500, help_text="The page's path on this site")
    page_title = models.CharField("Page title", max_length=300, help_text="The page's title as it was shown")
    format = models.CharField(max_length=12, choices=AlternativeFormat.choices)
    name = models.CharField("Full name", max_length=150)
    email = models.EmailField("Email address", blank=True)
    phone = models.CharField("Telephone", max_length=40, blank=True)
    postal_address = models.TextField("Postal address", blank=True)
    needs = models.TextField("Anything else we should know about what you need", blank=True)
    status = StateField(max_length=12, choices=FormatRequestStatus.choices, default=FormatRequestStatus.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField("Due")
    sent_on = models.DateField(null=True, blank=True)
    decline_reason = models.TextField("Why it was declined", blank=True)
    history = HistoricalRecords()

    objects = FormatRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "accessible format request"
        indexes = [models.Index(fields=["status", "due_on"], name="format_request_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="", phone="", postal_address=""),
                name="format_request_has_a_contact",
                violation_error_message="Give an email address, telephone number or postal address.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_format_display()} of {self.page_title}"

    @property
    def reference(self) -> str:
        return f"AF-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, day: datetime.date) -> bool:
        return self.is_open and self.due_on < day

    @transition(
        status, source=FormatRequestStatus.REQUESTED, target=FormatRequestStatus.IN_PROGRESS,
        permission=format_request_staff, custom={"label": "start work"},
    )  # fmt: skip
    def start(self, *, by):
        pass

    @transition(
        status, source=list(OPEN_STATUSES), target=FormatRequestStatus.SENT,
        permission=format_request_staff, custom={"label": "mark as sent"},
    )  # fmt: skip
    def mark_sent(self, *, by):
        self.sent_on = timezone.localdate()

    @transition(
        status, source=list(OPEN_STATUSES), target=FormatRequestStatus.DECLINED,
        permission=format_request_staff, custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by, decline_reason: str):
        """Declined with the reason, which the requester is told (refused without one, see the service)."""
        self.decline_reason = decline_reason
