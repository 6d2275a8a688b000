"""Reads of opportunities: the finder (public, filtered, paged without counting everything), an
opportunity's page, and who is interested and who bid, for the commissioner and for the organisations.

Area matching: an opportunity covering a region matches a search for any council in it, and one
covering a council matches a search for its region, so both the area's places within and the places
above it are looked for (`_areas_matching`).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, MembershipRole
from thirdsector.core.paging import ResultPage
from thirdsector.funding.selectors.lists import list_page
from thirdsector.register.models import Area, Organisation, PolicyArea
from thirdsector.register.selectors import area_and_places_within

from ..models import (
    PUBLIC_OPPORTUNITY_STATUSES,
    Bid,
    BidStatus,
    Consortium,
    ConsortiumMember,
    Interest,
    Lot,
    Opportunity,
    OpportunityStatus,
)
from .plans import commissioners_acted_for


@dataclass(frozen=True)
class FinderFilters:
    area: Area | None = None
    policy_area: PolicyArea | None = None
    kind: str = ""
    long_term: bool = False
    payment_in_advance: bool = False
    full_cost_recovery: bool = False
    closes_from: datetime.date | None = None
    closes_to: datetime.date | None = None
    include_closed: bool = False

    @classmethod
    def from_choices(cls, data: dict) -> "FinderFilters":
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in names and value not in (None, "")})


def _areas_matching(area: Area) -> list[int]:
    """The area, the places within it, and the places above it (its county, its region)."""
    ids = area_and_places_within(area)
    parent_id = area.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Area.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return ids


def finder(filters: FinderFilters, *, today: datetime.date) -> QuerySet[Opportunity]:
    """Open opportunities (and, if asked, closed and awarded ones), soonest closing first."""
    if filters.include_closed:
        queryset = Opportunity.objects.filter(status__in=PUBLIC_OPPORTUNITY_STATUSES)
    else:
        queryset = Opportunity.objects.filter(status=OpportunityStatus.OPEN, closes_on__gte=today)
    if filters.area is not None:
        covered = Opportunity.areas.through.objects.filter(
            opportunity_id=OuterRef("pk"), area_id__in=_areas_matching(filters.area)
        )
        queryset = queryset.filter(Exists(covered))
    if filters.policy_area is not None:
        queryset = queryset.filter(policy_area=filters.policy_area)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.long_term:
        queryset = queryset.filter(length_months__gte=settings.COMMISSIONING_LONG_AGREEMENT_MONTHS)
    if filters.payment_in_advance:
        queryset = queryset.filter(payment_in_advance=True)
    if filters.full_cost_recovery:
        queryset = queryset.filter(full_cost_recovery=True)
    if filters.closes_from is not None:
        queryset = queryset.filter(closes_on__gte=filters.closes_from)
    if filters.closes_to is not None:
        queryset = queryset.filter(closes_on__lte=filters.closes_to)
    return queryset.select_related("commissioner", "policy_area").order_by("closes_on", "id")


def finder_page(filters: FinderFilters, number, *, today: datetime.date) -> ResultPage:
    return list_page(finder(filters, today=today), number, per_page=settings.COMMISSIONING_LIST_PAGE_SIZE)


def opportunity_for_page(pk: int) -> Opportunity | None:
    return (
        Opportunity.objects.select_related("commissioner", "policy_area", "plan")
        .prefetch_related("areas", Prefetch("lots", queryset=Lot.objects.order_by("number")))
        .filter(pk=pk)
        .first()
    )


def opportunities_of(commissioners: QuerySet[Organisation]) -> QuerySet[Opportunity]:
    """Every opportunity of these commissioners, drafts too, soonest closing first, with interest and
    (submitted or settled) bids counted."""
    interest = Interest.objects.filter(opportunity=OuterRef("pk")).values("opportunity").annotate(n=Count("pk"))
    bids = (
        Bid.objects.filter(lot__opportunity=OuterRef("pk"))
        .exclude(status=BidStatus.DRAFT)
        .values("lot__opportunity")
        .annotate(n=Count("pk"))
    )
    return (
        Opportunity.objects.filter(commissioner__in=commissioners)
        .select_related("commissioner", "policy_area")
        .annotate(
            interest_count=Coalesce(Subquery(interest.values("n")), 0),
            bid_count=Coalesce(Subquery(bids.values("n")), 0),
        )
        .order_by("closes_on", "id")
    )


def interest_in(opportunity: Opportunity) -> QuerySet[Interest]:
    return opportunity.interest.select_related("organisation", "registered_by").order_by("organisation__name", "id")


def bids_for(opportunity: Opportunity) -> QuerySet[Bid]:
    """Every bid but drafts, lot by lot, with the consortium's members (for the commissioner)."""
    members = ConsortiumMember.objects.select_related("organisation")
    return (
        Bid.objects.filter(lot__opportunity=opportunity)
        .exclude(status=BidStatus.DRAFT)
        .select_related("lot", "organisation", "consortium")
        .prefetch_related(Prefetch("consortium__members", queryset=members))
        .order_by("lot__number", "price", "id")
    )


def organisations_acted_for(user, *, roles=None) -> QuerySet[Organisation]:
    """The organisations this person edits (or, with `roles`, holds those roles in)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=list(roles or MEMBERSHIP_ROLES_THAT_EDIT)
    ).order_by("name", "id")


def bids_of(organisations: QuerySet[Organisation]) -> QuerySet[Bid]:
    """Bids made by these organisations, or by consortia they belong to, newest first."""
    return (
        Bid.objects.filter(Q(organisation__in=organisations) | Q(consortium__members__organisation__in=organisations))
        .distinct()
        .select_related("lot", "lot__opportunity", "lot__opportunity__commissioner", "organisation", "consortium")
        .order_by("-created_at", "-id")
    )


def consortia_of(organisations: QuerySet[Organisation]) -> QuerySet[Consortium]:
    """Consortia these organisations lead or are invited to, with their members."""
    members = ConsortiumMember.objects.select_related("organisation")
    return (
        Consortium.objects.filter(Q(lead__in=organisations) | Q(members__organisation__in=organisations))
        .distinct()
        .select_related("lead")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("name", "id")
    )


def interest_of(organisations: QuerySet[Organisation]) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(organisation__in=organisations)
        .select_related("opportunity", "opportunity__commissioner", "organisation")
        .order_by("-created_at", "-id")
    )


def invitations_for(user) -> QuerySet[ConsortiumMember]:
    """Consortium places waiting for an answer from organisations this person administers."""
    return (
        ConsortiumMember.objects.filter(
            status="invited",
            organisation__in=organisations_acted_for(user, roles=[MembershipRole.ADMINISTRATOR]),
        )
        .select_related("consortium", "consortium__lead", "organisation")
        .order_by("consortium__name", "id")
    )


def opportunities_for_api() -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(status__in=PUBLIC_OPPORTUNITY_STATUSES)
        .select_related("commissioner", "policy_area")
        .prefetch_related("areas", Prefetch("lots", queryset=Lot.objects.order_by("number")))
    )


def interest_for_api(user) -> QuerySet[Interest]:
    """Interest this person may see: in their commissioning bodies' opportunities, or their organisations'."""
    own = organisations_acted_for(user, roles=list(MembershipRole))
    return Interest.objects.filter(
        Q(opportunity__commissioner__in=commissioners_acted_for(user)) | Q(organisation__in=own)
    ).select_related("opportunity", "organisation")


def bids_for_api(user, *, today: datetime.date) -> QuerySet[Bid]:
    """Bids this person may see: their organisations' own (as bidder or consortium member), and, once an
    opportunity's closing date has passed, the submitted bids for their commissioning bodies' opportunities."""
    own = organisations_acted_for(user, roles=list(MembershipRole))
    in_consortium = ConsortiumMember.objects.filter(consortium=OuterRef("consortium"), organisation__in=own)
    commissioned = (
        Q(lot__opportunity__commissioner__in=commissioners_acted_for(user))
        & Q(lot__opportunity__closes_on__lt=today)
        & ~Q(status=BidStatus.DRAFT)
    )
    return Bid.objects.filter(Q(organisation__in=own) | Exists(in_consortium) | commissioned).select_related(
        "lot", "lot__opportunity", "organisation", "consortium"
    )
