"""The network of designated anchors: the list, the map, the sustainability figures and the rows behind them.

The figures count accepted returns: an anchor is "sustainable in a year" when its accepted return for that
financial year was assessed sustainable. The share of the network that is sustainable in a year is the
number of sustainable returns over the number of accepted returns that year (n of N); anchors without an
accepted return for the year are not in N, and the page says how many there are. Everything aggregates in
the database, so the pages cost the same few queries for 60 anchors and for 5,000 with ten years each.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from thirdsector.register.models import Area, AreaType

from ..models import Anchor, AnchorStatus, FinancialReturn, ReturnStatus

LOCAL_AUTHORITY = "organisation__local_authority"


def region_of(local_authority: str) -> Case:
    """The English region above a local authority: its parent, or its county's parent for a district."""
    return Case(
        When(**{f"{local_authority}__parent__area_type": AreaType.REGION}, then=F(f"{local_authority}__parent_id")),
        When(
            **{f"{local_authority}__parent__parent__area_type": AreaType.REGION},
            then=F(f"{local_authority}__parent__parent_id"),
        ),
        default=None,
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class NetworkFilters:
    year: int
    region: int | None = None
    local_authority: int | None = None
    sustainable: bool | None = None
    owns_building: bool | None = None
    characteristic: str | None = None


def accepted_returns(year: int) -> QuerySet[FinancialReturn]:
    return FinancialReturn.objects.filter(year=year, status=ReturnStatus.ACCEPTED)


def _year_return(year: int, field: str, output_field) -> Subquery:
    # No ordering: the model's default one would join the anchor and its organisation for every row.
    rows = accepted_returns(year).filter(anchor=OuterRef("pk")).order_by().values(field)[:1]
    return Subquery(rows, output_field=output_field)


def network(filters: NetworkFilters) -> QuerySet[Anchor]:
    """Designated anchors matching `filters`, each with its accepted return's headline figures for the year."""
    money = DecimalField(max_digits=14, decimal_places=2)
    anchors = (
        Anchor.objects.filter(status=AnchorStatus.DESIGNATED)
        .select_related("organisation__local_authority")
        .annotate(
            region_id=region_of(LOCAL_AUTHORITY),
            year_sustainable=_year_return(filters.year, "sustainable", BooleanField()),
            year_income=_year_return(filters.year, "total_income", money),
            year_grant_dependency=_year_return(filters.year, "grant_dependency", DecimalField()),
            year_reserves_months=_year_return(filters.year, "reserves_months", DecimalField()),
        )
    )
    if filters.region:
        anchors = anchors.filter(region_id=filters.region)
    if filters.local_authority:
        anchors = anchors.filter(organisation__local_authority_id=filters.local_authority)
    if filters.sustainable is not None:
        anchors = anchors.filter(year_sustainable=filters.sustainable)
    if filters.owns_building is not None:
        anchors = anchors.filter(building=filters.owns_building)
    if filters.characteristic:
        anchors = anchors.filter(organisation__characteristics__slug=filters.characteristic)
    return anchors.order_by("organisation__name", "id")


@dataclass(frozen=True)
class MapPoint:
    local_authority_id: int
    name: str
    latitude: float | None
    longitude: float | None
    anchors: int
    sustainable: int


def map_points(filters: NetworkFilters) -> list[MapPoint]:
    """One point per local authority: how many anchors match `filters` there, and how many were sustainable."""
    rows = (
        network(filters)
        .order_by()
        .values(
            "organisation__local_authority_id",
            "organisation__local_authority__name",
            "organisation__local_authority__latitude",
            "organisation__local_authority__longitude",
        )
        .annotate(anchors=Count("id"), sustainable=Count("id", filter=Q(year_sustainable=True)))
        .order_by("organisation__local_authority__name")
    )
    return [
        MapPoint(
            row["organisation__local_authority_id"],
            row["organisation__local_authority__name"] or "No local authority recorded",
            row["organisation__local_authority__latitude"],
            row["organisation__local_authority__longitude"],
            row["anchors"],
            row["sustainable"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class Share:
    sustainable: int
    assessed: int

    @property
    def percent(self) -> int | None:
        return round(self.sustainable * 100 / self.assessed) if self.assessed else None


def network_sustainability(year: int) -> tuple[Share, QuerySet[FinancialReturn]]:
    """The share of the network sustainable in `year`, and the accepted returns it was counted from."""
    rows = accepted_returns(year).select_related("anchor__organisation")
    counts = rows.aggregate(assessed=Count("id"), sustainable=Count("id", filter=Q(sustainable=True)))
    return Share(counts["sustainable"], counts["assessed"]), rows


@dataclass(frozen=True)
class RegionShares:
    region_id: int | None
    name: str
    this_year: Share
    last_year: Share


def sustainability_by_region(year: int) -> list[RegionShares]:
    """Each region's share sustainable in `year` and the year before, from one grouped query."""
    counts = (
        FinancialReturn.objects.filter(status=ReturnStatus.ACCEPTED, year__in=(year, year - 1))
        .annotate(region_id=region_of(f"anchor__{LOCAL_AUTHORITY}"))
        .values("region_id", "year")
        .annotate(assessed=Count("id"), sustainable=Count("id", filter=Q(sustainable=True)))
        .order_by()
    )
    by_region: dict[int | None, dict[int, Share]] = {}
    for row in counts:
        by_region.setdefault(row["region_id"], {})[row["year"]] = Share(row["sustainable"], row["assessed"])
    names = Area.objects.in_bulk([region for region in by_region if region is not None])
    empty = Share(0, 0)
    shares = [
        RegionShares(
            region,
            names[region].name if region in names else "No region recorded",
            years.get(year, empty),
            years.get(year - 1, empty),
        )
        for region, years in by_region.items()
    ]
    return sorted(shares, key=lambda share: (share.region_id is None, share.name))


def anchors_without_return(year: int) -> int:
    return (
        Anchor.objects.filter(status=AnchorStatus.DESIGNATED)
        .exclude(returns__year=year, returns__status=ReturnStatus.ACCEPTED)
        .count()
    )


def returns_behind(year: int, *, region: int | None = None, sustainable: bool | None = None) -> QuerySet:
    """The accepted returns a dashboard figure was counted from."""
    rows = accepted_returns(year).select_related("anchor__organisation__local_authority")
    if region:
        rows = rows.annotate(region_id=region_of(f"anchor__{LOCAL_AUTHORITY}")).filter(region_id=region)
    if sustainable is not None:
        rows = rows.filter(sustainable=sustainable)
    return rows.order_by("anchor__organisation__name", "id")


def regions() -> QuerySet[Area]:
    return Area.objects.filter(area_type=AreaType.REGION).order_by("name")


def latest_accepted_year() -> int | None:
    """The latest financial year with an accepted return: one step down the year index, not a scan."""
    return FinancialReturn.objects.filter(status=ReturnStatus.ACCEPTED).aggregate(latest=Max("year"))["latest"]
