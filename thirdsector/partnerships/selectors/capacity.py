"""Reads for capacity building: support bodies and where they reach, requests as each person may see
them, the staff's figures, and the coverage gaps.

How coverage is worked out (the rule the gaps page states):

- The places counted are the current lower and single tier local authorities (districts, metropolitan
  districts, London boroughs, unitary authorities, the City of London, and the Scottish, Welsh and
  Northern Irish councils). Counties, regions and combined authorities are not rows of their own: they
  group places.
- An offer of a kind of help reaches a place when the area list it covers names the place itself, the
  county above it, or the English region above either. The area list an offer covers is its own when it
  has one, otherwise its body's. An offer with no list of its own from a national body reaches every place.
- Only bodies whose register record is active count.
- A gap is a place and a kind of help that no offer reaches.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from thirdsector.accounts.access import is_staff
from thirdsector.register.models import Area, AreaType, Organisation, OrganisationStatus

from ..models.capacity import HelpKind, RequestStatus, SupportBody, SupportOffer, SupportRequest

PLACE_TYPES = (
    AreaType.NON_METROPOLITAN_DISTRICT,
    AreaType.METROPOLITAN_DISTRICT,
    AreaType.LONDON_BOROUGH,
    AreaType.UNITARY,
    AreaType.CITY_CORPORATION,
    AreaType.SCOTTISH_UNITARY,
    AreaType.WELSH_PRINCIPAL,
    AreaType.NORTHERN_IRISH_DISTRICT,
)


def _names_any(relation: str, places: list) -> Q:
    """`relation` (an area list) names one of `places` (area ids, or references to the outer query's)."""
    condition = Q(pk__in=[])
    for place in places:
        if place is not None:
            condition |= Q(**{relation: place})
    return condition


def covering_offers(places: list, kind: str | None = None) -> QuerySet[SupportOffer]:
    """Offers reaching a place, given the place with the county and region above it (`places`)."""
    own_list = Exists(SupportOffer.areas.through.objects.filter(supportoffer_id=OuterRef("pk")))
    offers = SupportOffer.objects.filter(body__organisation__status=OrganisationStatus.ACTIVE)
    if kind:
        offers = offers.filter(kind=kind)
    return offers.annotate(has_own_areas=own_list).filter(
        (Q(has_own_areas=True) & _names_any("areas", places))
        | (Q(has_own_areas=False) & (Q(body__is_national=True) | _names_any("body__areas", places)))
    )


def places_of(area: Area | None) -> list[int]:
    """An area with the county and region above it, as the ids coverage is matched on."""
    if area is None:
        return []
    places = [area.pk, area.parent_id]
    if area.parent_id is not None:
        places.append(area.parent.parent_id)
    return [place for place in places if place is not None]


def organisation_places(organisation: Organisation) -> list[int]:
    """Where an organisation works: its local authority and the areas it serves, with those above them."""
    areas = list(organisation.areas_served.select_related("parent"))
    if organisation.local_authority_id is not None:
        areas.append(Area.objects.select_related("parent").get(pk=organisation.local_authority_id))
    return sorted({place for area in areas for place in places_of(area)})


def bodies_covering(organisation: Organisation, kind: str) -> QuerySet[SupportBody]:
    """The bodies whose offer of `kind` reaches where `organisation` works: the ones it may ask."""
    offers = covering_offers(organisation_places(organisation), kind)
    return (
        SupportBody.objects.filter(pk__in=offers.values("body_id"))
        .exclude(organisation=organisation)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


# --- Support bodies ------------------------------------------------------------------------------


def support_body_list(*, area: Area | None = None, kind: str | None = None) -> QuerySet[SupportBody]:
    """Bodies for the public list and the API, with their offers; filtered to those reaching `area`
    with any help (or `kind` of help)."""
    bodies = SupportBody.objects.filter(organisation__status=OrganisationStatus.ACTIVE)
    if area is not None or kind:
        offers = covering_offers(places_of(area), kind) if area is not None else SupportOffer.objects.filter(kind=kind)
        bodies = bodies.filter(pk__in=offers.values("body_id"))
    return (
        bodies.select_related("organisation")
        .prefetch_related(
            Prefetch("offers", queryset=SupportOffer.objects.order_by("kind", "id")),
            Prefetch("areas", queryset=Area.objects.order_by("name")),
        )
        .annotate(area_count=Count("areas", distinct=True), partnership_count=Count("partnerships", distinct=True))
        .order_by("organisation__name", "id")
    )


def support_bodies_for_api() -> QuerySet[SupportBody]:
    """Bodies with their offers, areas and partnerships, for the API."""
    return (
        SupportBody.objects.filter(organisation__status=OrganisationStatus.ACTIVE)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("offers", queryset=SupportOffer.objects.prefetch_related("areas").order_by("kind", "id")),
            "areas",
            "partnerships",
        )
    )


def support_body_for_page(body_id: int) -> SupportBody:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        SupportBody.objects.select_related("organisation").prefetch_related(
            Prefetch("offers", queryset=SupportOffer.objects.prefetch_related("areas").order_by("kind", "id")),
            Prefetch("areas", queryset=Area.objects.order_by("name")),
            Prefetch("partnerships", queryset=_partnerships()),
        ),
        pk=body_id,
    )


def _partnerships():
    from ..models import LocalStrategicPartnership

    return LocalStrategicPartnership.objects.select_related("council").order_by("name")


# --- Requests ------------------------------------------------------------------------------------


def _requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.select_related("organisation", "support_body__organisation")


def request_for_page(reference: str) -> SupportRequest:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(_requests().select_related("submitted_by"), reference=reference)


def sees_request(user, request: SupportRequest) -> bool:
    """The requesting organisation's members, the support body's members, and the department."""
    if not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    organisations = [request.organisation_id]
    if request.support_body_id is not None:
        organisations.append(request.support_body.organisation_id)
    return user.memberships.filter(organisation_id__in=organisations).exists()


def requests_of_member(user) -> QuerySet[SupportRequest]:
    """Requests made by the organisations `user` belongs to, newest first."""
    return _requests().filter(organisation__memberships__user=user).order_by("-id")


def queue_of_member(user, *, status: str | None = None) -> QuerySet[SupportRequest]:
    """Requests sent to the support bodies `user` belongs to, newest first; the body's queue."""
    requests = _requests().filter(support_body__organisation__memberships__user=user)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-id")


def bodies_of_member(user) -> QuerySet[SupportBody]:
    return SupportBody.objects.filter(organisation__memberships__user=user).select_related("organisation")


def requests_visible_to(user) -> QuerySet[SupportRequest]:
    """For the API: every request for the department, otherwise the member's own and their bodies'."""
    if is_staff(user):
        return _requests().order_by("-id")
    mine = Q(organisation__memberships__user=user) | Q(support_body__organisation__memberships__user=user)
    ids = SupportRequest.objects.filter(mine).values("id")
    return _requests().filter(id__in=ids).order_by("-id")


@dataclass(frozen=True)
class RequestFilters:
    status: str = ""
    kind: str = ""
    outcome: str = ""


def staff_request_list(filters: RequestFilters) -> QuerySet[SupportRequest]:
    requests = _requests()
    if filters.status:
        requests = requests.filter(status=filters.status)
    if filters.kind:
        requests = requests.filter(kind=filters.kind)
    if filters.outcome:
        requests = requests.filter(outcome_category=filters.outcome)
    return requests.order_by("-id")


def counts_by_kind_and_status() -> dict[tuple[str, str], int]:
    """How many requests there are of each kind in each status, counted in the database."""
    rows = SupportRequest.objects.values("kind", "status").annotate(count=Count("id")).order_by()
    return {(row["kind"], row["status"]): row["count"] for row in rows}


def counts_by_outcome() -> dict[tuple[str, str], int]:
    """Completed requests by kind of help and outcome."""
    rows = (
        SupportRequest.objects.filter(status=RequestStatus.COMPLETED)
        .values("kind", "outcome_category")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {(row["kind"], row["outcome_category"]): row["count"] for row in rows}


# --- Coverage gaps -------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    area_id: int
    name: str
    gss_code: str
    region: str
    latitude: float | None
    longitude: float | None
    covered: dict[str, bool] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [kind for kind, reached in self.covered.items() if not reached]

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def missing_labels(self) -> list[str]:
        return [HelpKind(kind).label for kind in self.missing]


def _region_name() -> Case:
    return Case(
        When(parent__area_type=AreaType.REGION, then=F("parent__name")),
        When(parent__parent__area_type=AreaType.REGION, then=F("parent__parent__name")),
        default=F("nation"),
        output_field=CharField(),
    )


def coverage_queryset(*, region: str = "", gaps_only: bool = False) -> QuerySet[Area]:
    """Every place annotated with `reaches_<kind>` for each kind of help, `missing_count` and `region_name`.

    One query, whatever the number of bodies: each kind is a correlated EXISTS over the offers.
    `gaps_only` keeps the places missing at least one kind of help.
    """
    places = [OuterRef("pk"), OuterRef("parent_id"), OuterRef("parent__parent_id")]
    reached = {kind.value: Exists(covering_offers(places, kind.value)) for kind in HelpKind}
    missing = sum(
        (Case(When(**{f"reaches_{kind}": True}, then=Value(0)), default=Value(1)) for kind in reached),
        Value(0),
    )
    areas = (
        Area.objects.filter(is_current=True, area_type__in=PLACE_TYPES)
        .annotate(region_name=_region_name(), **{f"reaches_{kind}": test for kind, test in reached.items()})
        .annotate(missing_count=ExpressionWrapper(missing, output_field=IntegerField()))
        .order_by("region_name", "name", "id")
    )
    if region:
        areas = areas.filter(region_name=region)
    if gaps_only:
        areas = areas.filter(missing_count__gt=0)
    return areas


def coverage(*, region: str = "", gaps_only: bool = False) -> list[CoverageRow]:
    """Every place, with whether each kind of help reaches it, in region then name order."""
    kinds = HelpKind.values
    rows = coverage_queryset(region=region, gaps_only=gaps_only).values(
        "id", "name", "gss_code", "region_name", "latitude", "longitude", *(f"reaches_{kind}" for kind in kinds)
    )
    return [
        CoverageRow(
            area_id=row["id"],
            name=row["name"],
            gss_code=row["gss_code"] or "",
            region=row["region_name"] or "",
            latitude=row["latitude"],
            longitude=row["longitude"],
            covered={kind: bool(row[f"reaches_{kind}"]) for kind in kinds},
        )
        for row in rows
    ]


def coverage_regions() -> list[str]:
    """The regions (and nations) the places fall in, for the filter."""
    return sorted(
        {
            name
            for name in Area.objects.filter(is_current=True, area_type__in=PLACE_TYPES)
            .annotate(region_name=_region_name())
            .values_list("region_name", flat=True)
            .distinct()
            if name
        }
    )


def gaps_by_kind(rows: list[CoverageRow]) -> dict[str, int]:
    """How many places each kind of help does not reach."""
    return {kind.value: sum(1 for row in rows if not row.covered.get(kind.value, True)) for kind in HelpKind}
