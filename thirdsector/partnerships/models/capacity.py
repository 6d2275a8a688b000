"""Capacity building: the bodies that support the third sector, what help they offer and where, and the
requests organisations make to them.

A support body is a register organisation (a council for voluntary service, another local infrastructure
organisation, or a national support provider) that covers the whole country or a list of areas, and may
support some Local Strategic Partnerships. Each of its offers is one kind of help, over the body's areas
or a narrower list of its own. How the areas add up to coverage (and so to gaps) is in
`partnerships.selectors.capacity`.

A request for support follows this workflow (steps only through `thirdsector.core.workflow.take`):

    awaiting a body ─(staff route it)─┐
                                       ▼
    submitted ──accept──▶ accepted ──start──▶ in progress ──complete (outcome)──▶ completed
        │                    └────────── close without outcome (reason) ──────▶ closed
        └──decline (reason)──▶ declined ──ask another body / staff route──▶ submitted
    withdrawn: by the requester, at any point before the work is finished.

The support body's members accept, decline, start, complete and close; the requesting organisation's
members submit, withdraw and ask another body; department staff route a request to a body.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import is_staff
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission


class SupportBodyKind(models.TextChoices):
    COUNCIL_FOR_VOLUNTARY_SERVICE = "cvs", "Council for voluntary service"
    LOCAL_INFRASTRUCTURE = "local_infrastructure", "Local infrastructure organisation"
    NATIONAL_PROVIDER = "national_provider", "National support provider"


class HelpKind(models.TextChoices):
    TRAINING = "training", "Training"
    BID_WRITING = "bid_writing", "Bid-writing help"
    GOVERNANCE = "governance", "Governance support"
    VOLUNTEERING_BROKERAGE = "volunteering", "Volunteering brokerage"


class SupportBody(models.Model):
    """A register organisation that offers support to the third sector, nationally or in listed areas.

    A listed area may be a local authority, a county (covering its districts) or an English region
    (covering every local authority in it).
    """

    organisation = models.OneToOneField("register.Organisation", on_delete=models.PROTECT, related_name="support_body")
    kind = models.CharField(max_length=24, choices=SupportBodyKind.choices)
    is_national = models.BooleanField(
        "Covers the whole country", default=False, help_text="A national body lists no areas"
    )
    areas = models.ManyToManyField(
        "register.Area", blank=True, related_name="support_bodies", help_text="The areas the body covers"
    )
    partnerships = models.ManyToManyField(
        "partnerships.LocalStrategicPartnership",
        blank=True,
        related_name="support_bodies",
        verbose_name="Local Strategic Partnerships it supports",
    )
    contact_name = models.CharField("Contact name", max_length=150, blank=True)
    contact_email = models.EmailField("Contact email address")
    contact_phone = models.CharField("Contact phone number", max_length=40, blank=True)
    history = HistoricalRecords(m2m_fields=[areas, partnerships])

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = "support body"
        verbose_name_plural = "support bodies"
        indexes = [models.Index(fields=["kind"], name="support_body_kind_idx")]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:capacity-body", args=[self.pk])


class SupportOffer(models.Model):
    """One kind of help a body gives; over the body's own areas unless `areas` lists narrower ones."""

    body = models.ForeignKey(SupportBody, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField("Kind of help", max_length=16, choices=HelpKind.choices)
    description = models.TextField("What the help is")
    is_free = models.BooleanField("Free of charge", default=True)
    charges = models.CharField(
        "What it costs", max_length=200, blank=True, help_text="Needed when the help is charged for"
    )
    areas = models.ManyToManyField(
        "register.Area",
        blank=True,
        related_name="support_offers",
        help_text="Only where this help covers fewer areas than the body; leave empty for all the body's areas",
    )
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "support offer"
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="support_offer_kind_once")]
        indexes = [models.Index(fields=["kind", "body"], name="support_offer_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.body}"


class RequestStatus(models.TextChoices):
    AWAITING_BODY = "awaiting_body", "Waiting for staff to choose a support body"
    SUBMITTED = "submitted", "Sent to the support body"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed without an outcome"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OutcomeCategory(models.TextChoices):
    BID_SUBMITTED = "bid_submitted", "Funding bid submitted"
    FUNDING_SECURED = "funding_secured", "Funding secured"
    GOVERNANCE_REVIEW_DONE = "governance_review", "Governance review done"
    POLICIES_ADOPTED = "policies_adopted", "Policies adopted"
    PEOPLE_TRAINED = "people_trained", "Staff or volunteers trained"
    VOLUNTEERS_PLACED = "volunteers_placed", "Volunteers placed"
    OTHER = "other", "Something else"


def edits_for(user, organisation_id) -> bool:
    """An administrator or editor of the organisation acts for it (viewers only read)."""
    if user is None or not user.is_authenticated or organisation_id is None:
        return False
    return user.memberships.filter(organisation_id=organisation_id, role__in=MEMBERSHIP_ROLES_THAT_EDIT).exists()


@permission("the support body's members")
def support_body_member(request, user) -> bool:
    return request.support_body_id is not None and edits_for(user, request.support_body.organisation_id)


@permission("the requesting organisation's members")
def requester(request, user) -> bool:
    return edits_for(user, request.organisation_id)


@permission("department staff")
def department_staff(request, user) -> bool:
    return user is not None and is_staff(user)


@guard("Give the reason the support body cannot help.")
def _decline_reason_given(request) -> bool:
    return bool(request.decline_reason.strip())


@guard("Say what changed: choose the outcome and describe it.")
def _outcome_given(request) -> bool:
    return bool(request.outcome_category and request.outcome.strip())


@guard("Give the reason the request is closed without an outcome.")
def _close_reason_given(request) -> bool:
    return bool(request.close_reason.strip())


@guard("Choose the support body to send the request to.")
def _body_chosen(request) -> bool:
    return request.support_body_id is not None


class SupportRequest(models.Model):
    """An organisation's request for one kind of help, tracked to an outcome."""

    reference = models.CharField(max_length=20, unique=True)
    organisation = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="support_requests")
    kind = models.CharField("Kind of help", max_length=16, choices=HelpKind.choices)
    description = models.TextField("What help the organisation needs")
    support_body = models.ForeignKey(
        SupportBody, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    status = StateField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField()
    decided_on = models.DateField("Date accepted or declined", null=True, blank=True)
    decline_reason = models.TextField("Why the support body cannot help", blank=True)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField("Date completed, closed or withdrawn", null=True, blank=True)
    outcome_category = models.CharField("Outcome", max_length=20, choices=OutcomeCategory.choices, blank=True)
    outcome = models.TextField("What changed", blank=True)
    close_reason = models.TextField("Why it closed without an outcome", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = "support request"
        indexes = [
            models.Index(fields=["organisation", "-id"], name="support_req_org_idx"),
            models.Index(fields=["support_body", "status", "-id"], name="support_req_body_idx"),
            models.Index(fields=["status", "kind"], name="support_req_status_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_kind_display().lower()} for {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:capacity-request", args=[self.reference])

    # --- The workflow: the services set the dates and the step's record before each step ----------

    @transition(
        status, source=[RequestStatus.AWAITING_BODY, RequestStatus.DECLINED], target=RequestStatus.SUBMITTED,
        permission=department_staff, conditions=[_body_chosen], custom={"label": "send to a support body"},
    )  # fmt: skip
    def route(self, *, by):
        self.decided_on = None

    @transition(
        status, source=RequestStatus.DECLINED, target=RequestStatus.SUBMITTED,
        permission=requester, conditions=[_body_chosen], custom={"label": "ask another support body"},
    )  # fmt: skip
    def ask_another_body(self, *, by):
        self.decided_on = None

    @transition(
        status, source=RequestStatus.SUBMITTED, target=RequestStatus.ACCEPTED,
        permission=support_body_member, custom={"label": "accept"},
    )  # fmt: skip
    def accept(self, *, by):
        pass

    @transition(
        status, source=RequestStatus.SUBMITTED, target=RequestStatus.DECLINED,
        permission=support_body_member, conditions=[_decline_reason_given], custom={"label": "decline"},
    )  # fmt: skip
    def decline(self, *, by):
        pass

    @transition(
        status, source=RequestStatus.ACCEPTED, target=RequestStatus.IN_PROGRESS,
        permission=support_body_member, custom={"label": "start the work"},
    )  # fmt: skip
    def start(self, *, by):
        pass

    @transition(
        status, source=RequestStatus.IN_PROGRESS, target=RequestStatus.COMPLETED,
        permission=support_body_member, conditions=[_outcome_given], custom={"label": "complete with an outcome"},
    )  # fmt: skip
    def complete(self, *, by):
        pass

    @transition(
        status, source=[RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS], target=RequestStatus.CLOSED,
        permission=support_body_member, conditions=[_close_reason_given],
        custom={"label": "close without an outcome"},
    )  # fmt: skip
    def close_without_outcome(self, *, by):
        pass

    @transition(
        status,
        source=[
            RequestStatus.AWAITING_BODY, RequestStatus.SUBMITTED, RequestStatus.DECLINED,
            RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS,
        ],
        target=RequestStatus.WITHDRAWN, permission=requester, custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass
