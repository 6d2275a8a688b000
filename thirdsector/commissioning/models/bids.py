"""The sector's answer to an opportunity: interest registered, consortia of small organisations, and bids.

A consortium is led by one register organisation and joined by others; each member's administrator
confirms it belongs (a consortium bids only once every member has), so no organisation is named in a
bid it did not agree to. A bid is for one lot, made by a single organisation or by a consortium through
its lead: one bid per consortium per lot, and one single bid per organisation per lot (database
constraints). The commissioner sees bids only after the closing date; the outcome (successful or not) is
set by the award step (`services.bids.mark_outcome`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, MembershipRole
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission

from .plans import MONEY, Lot, Opportunity, commissions_for


def acts_for_organisation(user, organisation_id: int, *, roles=MEMBERSHIP_ROLES_THAT_EDIT) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=organisation_id, role__in=roles).exists()


class Interest(models.Model):
    """An organisation's registered interest in an opportunity: the commissioner sees who is interested."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interest")
    organisation = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="commissioning_interest"
    )
    note = models.TextField("Anything the commissioner should know", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "organisation"], name="interest_once_per_organisation")
        ]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="interest_organisation_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.opportunity}"


class Consortium(models.Model):
    name = models.CharField(max_length=200)
    lead = models.ForeignKey("register.Organisation", on_delete=models.PROTECT, related_name="consortia_led")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "consortia"
        indexes = [models.Index(fields=["lead", "name"], name="consortium_lead_idx")]

    def __str__(self) -> str:
        return self.name


class MemberStatus(models.TextChoices):
    INVITED = "invited", "Waiting for the organisation to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


@permission("an administrator of the member organisation")
def member_administrator(member, user) -> bool:
    return acts_for_organisation(user, member.organisation_id, roles=[MembershipRole.ADMINISTRATOR])


class ConsortiumMember(models.Model):
    """An organisation in a consortium other than its lead, once its administrator says it belongs."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "register.Organisation", on_delete=models.PROTECT, related_name="consortium_memberships"
    )
    status = StateField(max_length=10, choices=MemberStatus.choices, default=MemberStatus.INVITED)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consortium", "organisation__name", "id"]
        verbose_name = "consortium member"
        constraints = [
            models.UniqueConstraint(fields=["consortium", "organisation"], name="consortium_member_once"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="consortium_member_org_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.consortium}"

    @transition(
        status, source=MemberStatus.INVITED, target=MemberStatus.CONFIRMED, permission=member_administrator,
        custom={"label": "confirm membership"},
    )  # fmt: skip
    def confirm(self, *, by):
        self.answered_by = by
        self.answered_at = timezone.now()

    @transition(
        status, source=MemberStatus.INVITED, target=MemberStatus.DECLINED, permission=member_administrator,
        custom={"label": "decline membership"},
    )  # fmt: skip
    def decline(self, *, by):
        self.answered_by = by
        self.answered_at = timezone.now()


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    SUCCESSFUL = "successful", "Successful"


@permission("an editor of the bidding organisation (a consortium's lead)")
def bidder(bid, user) -> bool:
    return acts_for_organisation(user, bid.organisation_id)


@permission("an officer of the commissioning body")
def bid_commissioner(bid, user) -> bool:
    return commissions_for(user, bid.lot.opportunity.commissioner_id)


@guard("The opportunity is not taking bids: it is not open, or its closing date has passed.")
def _opportunity_takes_bids(bid) -> bool:
    return bid.lot.opportunity.takes_bids


@guard("Every member of the consortium must confirm it belongs before the consortium bids.")
def _consortium_confirmed(bid) -> bool:
    if bid.consortium_id is None:
        return True
    members = bid.consortium.members.all()
    return members.exists() and not members.exclude(status=MemberStatus.CONFIRMED).exists()


@guard("The outcome of a bid is decided only after the opportunity's closing date.")
def _bids_unsealed(bid) -> bool:
    return bid.lot.opportunity.bids_visible_to_commissioner


class Bid(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="commissioning_bids",
        help_text="The bidding organisation; for a consortium, its lead",
    )
    consortium = models.ForeignKey(Consortium, null=True, blank=True, on_delete=models.PROTECT, related_name="bids")
    price = models.DecimalField("Price bid", **MONEY)
    summary = models.TextField("How you would deliver it")
    status = StateField(max_length=12, choices=BidStatus.choices, default=BidStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    outcome_reason = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "-submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lot", "consortium"],
                condition=models.Q(consortium__isnull=False),
                name="bid_once_per_consortium",
            ),
            models.UniqueConstraint(
                fields=["lot", "organisation"], condition=models.Q(consortium__isnull=True), name="bid_once_per_single"
            ),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="bid_price_positive"),
        ]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="bid_organisation_idx"),
            models.Index(fields=["lot", "status"], name="bid_lot_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.bidder_name} for {self.lot}"

    @property
    def bidder_name(self) -> str:
        return self.consortium.name if self.consortium_id else self.organisation.name

    @transition(
        status, source=BidStatus.DRAFT, target=BidStatus.SUBMITTED, permission=bidder,
        conditions=[_opportunity_takes_bids, _consortium_confirmed], custom={"label": "submit"},
    )  # fmt: skip
    def submit(self, *, by):
        self.submitted_by = by
        self.submitted_at = timezone.now()

    @transition(
        status, source=[BidStatus.DRAFT, BidStatus.SUBMITTED], target=BidStatus.WITHDRAWN, permission=bidder,
        conditions=[_opportunity_takes_bids], custom={"label": "withdraw"},
    )  # fmt: skip
    def withdraw(self, *, by):
        pass

    @transition(
        status, source=BidStatus.SUBMITTED, target=BidStatus.SUCCESSFUL, permission=bid_commissioner,
        conditions=[_bids_unsealed], custom={"label": "mark successful"},
    )  # fmt: skip
    def mark_successful(self, *, by, outcome: str):
        self.outcome_reason = outcome
        self.outcome_at = timezone.now()

    @transition(
        status, source=BidStatus.SUBMITTED, target=BidStatus.UNSUCCESSFUL, permission=bid_commissioner,
        conditions=[_bids_unsealed], custom={"label": "mark unsuccessful"},
    )  # fmt: skip
    def mark_unsuccessful(self, *, by, outcome: str):
        self.outcome_reason = outcome
        self.outcome_at = timezone.now()
