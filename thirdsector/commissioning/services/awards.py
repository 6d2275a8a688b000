"""Recording contract and grant awards: from a lot's winning bid, or by hand for an award made elsewhere.

Who counts as the third sector is defined here once (`THIRD_SECTOR_KINDS`), and so are the characteristics
the level playing field figures follow (`BME_LED`, `USER_LED`). What those say about a supplier is copied
onto the award when it is recorded, so a year's figures stay as they were.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT
from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation, OrganisationKind

from ..models import Bid, BidStatus, ContractAward, Lot, MemberStatus, OpportunityKind, OpportunityStatus
from ..models.plans import COMMISSIONING_ROLES
from .bids import mark_outcome

THIRD_SECTOR_KINDS = frozenset(
    {
        OrganisationKind.REGISTERED_CHARITY,
        OrganisationKind.CIO,
        OrganisationKind.CIC,
        OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE,
        OrganisationKind.COMMUNITY_BENEFIT_SOCIETY,
        OrganisationKind.COMMUNITY_GROUP,
        OrganisationKind.FAITH_GROUP,
    }
)
"""The kinds of register organisation that count as the third sector in the level playing field figures.

Charities, charitable incorporated organisations, community interest companies, companies limited by
guarantee, community benefit societies, unincorporated community groups and faith groups. Not councils,
NDPBs or government departments (the public bodies that commission), not local funders (intermediaries
that regrant public money) and not `other` (private companies and anything the register cannot place).
"""

# Register characteristic slugs (register/reference_data.py) the figures count.
BME_LED = "bme-led"
USER_LED = "user-led"


class AwardError(Exception):
    """An award that cannot be recorded as asked; the message says what to change."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def is_third_sector(organisation: Organisation) -> bool:
    return organisation.kind in THIRD_SECTOR_KINDS


def commissioners_acted_for(user) -> QuerySet[Organisation]:
    """The public bodies this person commissions for (`commissions_for`: a council officer or department staff
    member who edits the body's record), by name."""
    bodies = Organisation.objects.filter(kind__in=PUBLIC_BODY_KINDS).order_by("name", "id")
    if not (user.is_authenticated and user.has_role(*COMMISSIONING_ROLES)):
        return bodies.none()
    return bodies.filter(memberships__user=user, memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT).distinct()


def supplier_snapshot(supplier: Organisation) -> dict:
    """What the figures count about the supplier, as it is today (one query for its characteristics)."""
    slugs = set(supplier.characteristics.filter(slug__in=[BME_LED, USER_LED]).values_list("slug", flat=True))
    return {
        "supplier_is_third_sector": is_third_sector(supplier),
        "supplier_size_band": supplier.size_band,
        "supplier_bme_led": BME_LED in slugs,
        "supplier_user_led": USER_LED in slugs,
    }


def _check(
    *,
    commissioner: Organisation,
    supplier: Organisation,
    kind: str,
    value: Decimal,
    starts_on,
    length_months: int,
    awarded_on: datetime.date,
) -> None:
    if commissioner.kind not in PUBLIC_BODY_KINDS:
        raise AwardError(f"{commissioner.name} is not a public body, so it cannot commission", "commissioner")
    if supplier.pk == commissioner.pk:
        raise AwardError("A commissioner cannot award a contract to itself", "supplier")
    if not supplier.is_active:
        raise AwardError(f"{supplier.name} has been removed from the register; choose the organisation now", "supplier")
    if kind not in OpportunityKind.values:
        raise AwardError("Choose contract or grant", "kind")
    if value is None or value <= 0:
        raise AwardError("The value must be more than £0", "value")
    if length_months is None or length_months < 1:
        raise AwardError("The length must be at least 1 month", "length_months")
    if starts_on < awarded_on - datetime.timedelta(days=366):
        raise AwardError("The agreement cannot start more than a year before it was awarded", "starts_on")


def record_award(
    *,
    commissioner: Organisation,
    supplier: Organisation,
    title: str,
    kind: str,
    value: Decimal,
    starts_on: datetime.date,
    length_months: int,
    awarded_on: datetime.date,
    by,
    consortium_members: Iterable[Organisation] = (),
    lot: Lot | None = None,
    winning_bid: Bid | None = None,
    publish: bool = True,
    reason: str = "Award recorded",
) -> ContractAward:
    """Records an award (published today unless `publish` is False) and returns it."""
    _check(
        commissioner=commissioner,
        supplier=supplier,
        kind=kind,
        value=value,
        starts_on=starts_on,
        length_months=length_months,
        awarded_on=awarded_on,
    )
    members = [member for member in consortium_members if member.pk != supplier.pk]
    with transaction.atomic():
        if lot is not None and ContractAward.objects.select_for_update().filter(lot=lot).exists():
            raise AwardError(f"{lot} has already been awarded", "lot")
        award = ContractAward(
            commissioner=commissioner,
            opportunity=lot.opportunity if lot is not None else None,
            lot=lot,
            winning_bid=winning_bid,
            supplier=supplier,
            title=title.strip(),
            kind=kind,
            value=value,
            starts_on=starts_on,
            length_months=length_months,
            awarded_on=awarded_on,
            financial_year=financial_year_of(awarded_on),
            published_on=datetime.date.today() if publish else None,
            created_by=by,
            **supplier_snapshot(supplier),
        )
        attribute(award, by=by, reason=reason)
        award.save()
        if members:
            award.consortium_members.set(members)
    return award


def publish_award(*, award: ContractAward, by) -> ContractAward:
    """Publishes an award recorded without publishing; it then shows on the public pages and in open data."""
    if award.published_on is not None:
        raise AwardError("This award is already published")
    with transaction.atomic():
        award.published_on = datetime.date.today()
        attribute(award, by=by, reason="Award published")
        award.save(update_fields=["published_on"])
    return award


def award_lot(
    *,
    lot: Lot,
    bid: Bid,
    by,
    value: Decimal,
    starts_on: datetime.date,
    awarded_on: datetime.date,
    reason: str,
) -> ContractAward:
    """Awards a closed opportunity's lot to its winning bid, all in one transaction: the bid is marked
    successful and the lot's other submitted bids unsuccessful (through the bids' workflow, which checks that
    `by` commissions for the body and the closing date has passed), the award is recorded with the
    consortium's confirmed members, and an opportunity whose every lot is now awarded is marked awarded."""
    opportunity = lot.opportunity
    if bid.lot_id != lot.pk:
        raise AwardError("That bid is not for this lot", "bid")
    if bid.status != BidStatus.SUBMITTED:
        raise AwardError("Only a submitted bid can win", "bid")
    if opportunity.status != OpportunityStatus.CLOSED:
        raise AwardError("Award a lot once its opportunity is closed to bids", "bid")
    if not reason.strip():
        raise AwardError("Say why this bid won", "reason")
    members = []
    if bid.consortium_id is not None:
        confirmed = bid.consortium.members.filter(status=MemberStatus.CONFIRMED).select_related("organisation")
        members = [member.organisation for member in confirmed]
    with transaction.atomic():
        mark_outcome(bid=bid, successful=True, by=by, reason=reason.strip())
        for other in lot.bids.filter(status=BidStatus.SUBMITTED).exclude(pk=bid.pk):
            mark_outcome(bid=other, successful=False, by=by, reason=f"Another bid won: {reason.strip()}")
        award = record_award(
            commissioner=opportunity.commissioner,
            supplier=bid.organisation,
            consortium_members=members,
            title=f"{opportunity.title}: {lot.title}",
            kind=opportunity.kind,
            value=value,
            starts_on=starts_on,
            length_months=opportunity.length_months,
            awarded_on=awarded_on,
            lot=lot,
            winning_bid=bid,
            by=by,
            reason=f"Lot awarded to {bid.bidder_name}",
        )
        if not opportunity.lots.exclude(awards__isnull=False).exists():
            take(opportunity, "mark_awarded", by=by, reason="Every lot awarded")
    return award
