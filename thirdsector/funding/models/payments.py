"""Payments on an award, and the monitoring returns the organisation owes.

Payments follow a schedule made from the award (in advance by default). The person who raises a
payment for approval cannot approve it. While any return on the award is overdue its payments are
held: the daily task moves them to "held", and approving or paying is refused whatever the task has
done so far.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import by_the_system, guard, permission

from ..permissions import applicant, programme_staff, runs_programme
from .awards import Award, AwardStatus
from .programmes import MONEY, Programme


class ReturnStatus(models.TextChoices):
    DUE = "due", "Due"
    SUBMITTED = "submitted", "Submitted"
    FOLLOW_UP = "follow_up", "More information requested"
    ACCEPTED = "accepted", "Accepted"


# A return in one of these states, past its due date, is overdue.
OUTSTANDING_RETURN_STATUSES = (ReturnStatus.DUE, ReturnStatus.FOLLOW_UP)


class ReturnQuerySet(models.QuerySet):
    def overdue(self, on=None):
        return self.filter(status__in=OUTSTANDING_RETURN_STATUSES, due_on__lt=on or timezone.localdate())


class PaymentStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    REQUESTED = "requested", "Awaiting approval"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    HELD = "held", "Held: a monitoring return is overdue"
    CANCELLED = "cancelled", "Cancelled"


@guard("The award must be accepted before it is paid.")
def _award_accepted(payment) -> bool:
    return payment.award.status == AwardStatus.ACCEPTED


@guard("The award's condition before payment has not been met yet, so no payment can be raised, approved or paid.")
def _payment_condition_met(payment) -> bool:
    return not payment.award.awaits_payment_condition


@guard("A monitoring return on this award is overdue, so its payments are held until it comes in.")
def _no_overdue_return(payment) -> bool:
    return not payment.award.returns.overdue().exists()


@guard("No monitoring return on this award is overdue.")
def _has_overdue_return(payment) -> bool:
    return payment.award.returns.overdue().exists()


@permission("the staff who run the programme, other than the person who raised the payment")
def _second_pair_of_eyes(payment, user) -> bool:
    return runs_programme(user, payment.programme) and user.pk != payment.raised_by_id


@permission("the staff who run the programme, or the system")
def _staff_or_system(payment, user) -> bool:
    return user is None or runs_programme(user, payment.programme)


class Payment(models.Model):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="payments")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(help_text="Its place in the award's schedule, from 1")
    due_on = models.DateField()
    financial_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)
    status = StateField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_reference = models.CharField(max_length=40, blank=True, help_text="The finance system's reference")
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "number"]
        indexes = [
            models.Index(fields=["programme", "status", "due_on"], name="payment_programme_due_idx"),
            models.Index(fields=["status", "due_on"], name="payment_status_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="one_payment_per_number"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.award.reference} payment {self.number}"

    @transition(
        status, source=PaymentStatus.SCHEDULED, target=PaymentStatus.REQUESTED, permission=programme_staff,
        conditions=[_award_accepted, _payment_condition_met, _no_overdue_return],
        custom={"label": "raise for approval"},
    )  # fmt: skip
    def raise_for_approval(self, *, by):
        self.raised_by = by
        self.raised_at = timezone.now()

    @transition(
        status, source=PaymentStatus.REQUESTED, target=PaymentStatus.APPROVED, permission=_second_pair_of_eyes,
        conditions=[_award_accepted, _payment_condition_met, _no_overdue_return], custom={"label": "approve"},
    )  # fmt: skip
    def approve(self, *, by):
        self.approved_by = by
        self.approved_at = timezone.now()

    @transition(
        status, source=PaymentStatus.APPROVED, target=PaymentStatus.PAID, permission=programme_staff,
        conditions=[_payment_condition_met, _no_overdue_return],
        custom={"label": "mark as paid"},
    )  # fmt: skip
    def mark_paid(self, *, by, paid_on=None, payment_reference: str = ""):
        self.paid_on = paid_on or timezone.localdate()
        self.payment_reference = payment_reference

    @transition(
        status, source=[PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED],
        target=PaymentStatus.HELD, permission=by_the_system, conditions=[_has_overdue_return],
        custom={"label": "hold"},
    )  # fmt: skip
    def hold(self, *, by):
        pass

    @transition(
        status, source=PaymentStatus.HELD, target=PaymentStatus.SCHEDULED, permission=_staff_or_system,
        conditions=[_no_overdue_return], custom={"label": "release"},
    )  # fmt: skip
    def release(self, *, by):
        self.raised_by = None
        self.raised_at = None
        self.approved_by = None
        self.approved_at = None

    @transition(
        status, source=[PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED, PaymentStatus.HELD],
        target=PaymentStatus.CANCELLED, permission=programme_staff, custom={"label": "cancel"},
    )  # fmt: skip
    def cancel(self, *, by):
        pass

    # A variation changed the award: the payments not yet made give way to a new schedule. Only the
    # system takes this step (services.payments.reschedule_unpaid), recording the variation as the reason.
    @transition(
        status, source=[PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED, PaymentStatus.HELD],
        target=PaymentStatus.CANCELLED, permission=by_the_system, custom={"label": "replace with a new schedule"},
    )  # fmt: skip
    def supersede(self, *, by):
        pass


class ReturnKind(models.TextChoices):
    PROGRESS = "progress", "Progress return"
    FINAL = "final", "End of grant return"


@guard("Describe the outputs and outcomes and give the spend to date before submitting.")
def _answered(monitoring_return) -> bool:
    return bool(
        monitoring_return.outputs.strip() and monitoring_return.outcomes.strip() and monitoring_return.spend is not None
    )


@guard("Say what more information is needed.")
def _follow_up_described(monitoring_return) -> bool:
    return bool(monitoring_return.review_notes.strip())


class MonitoringReturn(models.Model):
    """What an organisation reports on a period of its grant: outputs, outcomes and spend."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="returns")
    kind = models.CharField(max_length=10, choices=ReturnKind.choices, default=ReturnKind.PROGRESS)
    period_starts_on = models.DateField()
    period_ends_on = models.DateField()
    due_on = models.DateField()
    status = StateField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DUE)
    outputs = models.TextField("What you delivered", blank=True)
    outcomes = models.TextField("What changed because of it", blank=True)
    spend = models.DecimalField("Spend in the period", null=True, blank=True, **MONEY)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(blank=True)
    history = HistoricalRecords()
    objects = ReturnQuerySet.as_manager()

    class Meta:
        ordering = ["award", "due_on"]
        verbose_name = "monitoring return"
        indexes = [models.Index(fields=["status", "due_on"], name="return_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.award.reference} due {self.due_on:%-d %B %Y}"

    @property
    def programme(self):
        return self.award.programme

    @property
    def organisation_id(self) -> int:
        return self.award.organisation_id

    @property
    def is_overdue(self) -> bool:
        return self.status in OUTSTANDING_RETURN_STATUSES and self.due_on < timezone.localdate()

    @transition(
        status, source=[ReturnStatus.DUE, ReturnStatus.FOLLOW_UP], target=ReturnStatus.SUBMITTED,
        permission=applicant, conditions=[_answered], custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by):
        self.submitted_by = by
        self.submitted_at = timezone.now()

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.ACCEPTED, permission=programme_staff,
        custom={"label": "accept"},
    )  # fmt: skip
    def accept(self, *, by):
        self.reviewed_by = by
        self.reviewed_at = timezone.now()

    @transition(
        status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.FOLLOW_UP, permission=programme_staff,
        conditions=[_follow_up_described], custom={"label": "ask for more information on"},
    )  # fmt: skip
    def request_follow_up(self, *, by):
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
