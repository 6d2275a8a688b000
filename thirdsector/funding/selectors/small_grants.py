"""Reads for small grants through local funders: every end grant, for the department, the local funders
and the public.

An end grant is an award made by a local funder's programme (one whose `funded_by` is the department's
regrant award) that holds money: approved, offered, accepted or closed. Every figure is one aggregate
the database answers when the page is asked for, so the department sees a grant as soon as it is
approved. The region of a grant is its group's local authority rolled up to the English region above
it (a district's county's region); outside England it is the nation.

First-time grantee: the group had no earlier grant (one holding money, starting before this one) from
any programme on the platform, whoever made it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.db.models.functions import Coalesce

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.register.models import Area, AreaType, Organisation
from thirdsector.register.selectors import area_and_places_within

from ..models import COMMITTED_STATUSES, Award, Payment, PaymentStatus, Programme

ZERO = Decimal("0.00")
# Who sees the department's view of small grants: staff and the Commissioner see every local funder's
# end grants, fund administrators those of the local funders they belong to.
SMALL_GRANT_ROLES = (*OVERSIGHT_ROLES, Role.FUND_ADMINISTRATOR)
FIRST_TIME = "first-time"


def characteristics_shown() -> dict[str, str]:
    """The register characteristics the figures count, by slug (settings.SMALL_GRANTS_CHARACTERISTICS)."""
    return dict(settings.SMALL_GRANTS_CHARACTERISTICS)


def sees_every_local_funder(user) -> bool:
    return user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def local_funder_programmes(user) -> QuerySet[Programme]:
    """Local funders' programmes `user` may see the end grants of, by local funder's name."""
    queryset = (
        Programme.objects.filter(funded_by__isnull=False)
        .select_related("administering_body", "funded_by")
        .order_by("administering_body__name", "name")
    )
    if sees_every_local_funder(user):
        return queryset
    if user.is_authenticated and user.has_role(Role.FUND_ADMINISTRATOR):
        return queryset.filter(administering_body__in=user.memberships.values("organisation_id"))
    return queryset.none()


def _earlier_grant() -> Exists:
    earlier = Award.objects.filter(organisation_id=OuterRef("organisation_id"), status__in=COMMITTED_STATUSES).filter(
        Q(starts_on__lt=OuterRef("starts_on")) | Q(starts_on=OuterRef("starts_on"), pk__lt=OuterRef("pk"))
    )
    return Exists(earlier)


def _has_characteristic(slug: str) -> Exists:
    through = Organisation.characteristics.through
    return Exists(through.objects.filter(organisation_id=OuterRef("organisation_id"), characteristic__slug=slug))


def _region_id() -> Case:
    """The English region above the group's local authority (its parent, or its county's parent)."""
    authority = "organisation__local_authority"
    return Case(
        When(**{f"{authority}__parent__area_type": AreaType.REGION}, then=F(f"{authority}__parent_id")),
        When(**{f"{authority}__parent__parent__area_type": AreaType.REGION}, then=F(f"{authority}__parent__parent_id")),
        default=None,
    )


@dataclass(frozen=True)
class EndGrantFilters:
    programme: Programme | None = None
    area: Area | None = None
    nation: str = ""
    characteristic: str = ""
    first_time: bool | None = None

    @classmethod
    def from_choices(cls, data: dict) -> "EndGrantFilters":
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in names and value not in (None, "")})


def end_grants(programmes: QuerySet[Programme], filters: EndGrantFilters = EndGrantFilters()) -> QuerySet[Award]:
    """End grants of `programmes` holding money, newest start first (award_list_idx), with what a row shows."""
    queryset = Award.objects.filter(programme__in=programmes.values("pk"), status__in=COMMITTED_STATUSES)
    if filters.programme is not None:
        queryset = queryset.filter(programme=filters.programme)
    if filters.area is not None:
        queryset = queryset.filter(organisation__local_authority_id__in=area_and_places_within(filters.area))
    if filters.nation:
        queryset = queryset.filter(organisation__local_authority__nation=filters.nation)
    if filters.first_time is not None:
        queryset = queryset.exclude(_earlier_grant()) if filters.first_time else queryset.filter(_earlier_grant())
    if filters.characteristic:
        queryset = queryset.filter(_has_characteristic(filters.characteristic))
    return (
        queryset.annotate(
            is_first_time=~_earlier_grant(),
            **{f"has_{slug.replace('-', '_')}": _has_characteristic(slug) for slug in characteristics_shown()},
        )
        .select_related("organisation", "organisation__local_authority", "programme__administering_body")
        .order_by("-starts_on", "-id")
    )


def published_end_grants(*, today: datetime.date) -> QuerySet[Award]:
    """End grants published by `today`: what anyone may see."""
    everyone = Programme.objects.filter(funded_by__isnull=False)
    return end_grants(everyone).filter(published_on__isnull=False, published_on__lte=today)


# The figures


@dataclass(frozen=True)
class FunderFigures:
    programme: Programme
    allocation: Decimal
    for_grants: Decimal
    committed: Decimal
    paid: Decimal
    grants: int

    @property
    def local_funder(self) -> Organisation:
        return self.programme.administering_body

    @property
    def admin_share(self) -> Decimal:
        """What the local funder keeps for running the grants: its allocation less its budget for grants."""
        return self.allocation - self.for_grants

    @property
    def remaining(self) -> Decimal:
        return self.for_grants - self.committed


def funder_figures(programmes: QuerySet[Programme]) -> list[FunderFigures]:
    """Each local funder programme's allocation, budget for grants, what it has committed and paid."""
    grants = (
        Award.objects.filter(programme=OuterRef("pk"), status__in=COMMITTED_STATUSES)
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    paid = (
        Payment.objects.filter(programme=OuterRef("pk"), status=PaymentStatus.PAID)
        .values("programme")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    rows = programmes.annotate(
        budget_total=Coalesce(Sum("budgets__amount"), ZERO),
        committed_total=Coalesce(Sum("budgets__committed"), ZERO),
        paid_total=Coalesce(Subquery(paid), ZERO),
        grant_count=Coalesce(Subquery(grants), 0),
    )
    return [
        FunderFigures(
            programme=programme,
            allocation=programme.funded_by.amount,
            for_grants=programme.budget_total,
            committed=programme.committed_total,
            paid=programme.paid_total,
            grants=programme.grant_count,
        )
        for programme in rows
    ]


@dataclass(frozen=True)
class AreaFigures:
    label: str
    grants: int
    amount: Decimal
    area_id: int | None = None
    nation: str = ""


def _totals(queryset: QuerySet[Award], *fields) -> QuerySet:
    return queryset.order_by().values(*fields).annotate(grants=Count("pk"), amount=Sum("amount"))


def region_figures(grants: QuerySet[Award]) -> list[AreaFigures]:
    """End grants counted and summed by English region, or nation outside England, largest first."""
    rows = list(_totals(grants.annotate(region_id=_region_id()), "region_id", "organisation__local_authority__nation"))
    region_ids = [row["region_id"] for row in rows if row["region_id"]]
    names = dict(Area.objects.filter(pk__in=region_ids).values_list("pk", "name"))
    figures = [
        AreaFigures(
            label=names.get(row["region_id"]) or row["organisation__local_authority__nation"] or "Area not known",
            grants=row["grants"],
            amount=row["amount"],
            area_id=row["region_id"],
            nation="" if row["region_id"] else row["organisation__local_authority__nation"] or "",
        )
        for row in rows
    ]
    return sorted(figures, key=lambda figure: (-figure.amount, figure.label))


def local_authority_figures(grants: QuerySet[Award]) -> list[AreaFigures]:
    """End grants counted and summed by the group's local authority, by name."""
    authority = "organisation__local_authority"
    rows = _totals(grants, f"{authority}_id", f"{authority}__name", f"{authority}__nation")
    figures = [
        AreaFigures(
            label=row[f"{authority}__name"] or "Area not known",
            grants=row["grants"],
            amount=row["amount"],
            area_id=row[f"{authority}_id"],
            nation=row[f"{authority}__nation"] or "",
        )
        for row in rows
    ]
    return sorted(figures, key=lambda figure: figure.label)


def funder_totals(grants: QuerySet[Award]) -> list[AreaFigures]:
    """End grants counted and summed by the local funder that made them (`area_id` holds its programme's id)."""
    name = "programme__administering_body__name"
    rows = _totals(grants, "programme_id", name)
    figures = [AreaFigures(row[name], row["grants"], row["amount"], area_id=row["programme_id"]) for row in rows]
    return sorted(figures, key=lambda figure: figure.label)


@dataclass(frozen=True)
class CharacteristicFigures:
    slug: str
    label: str
    grants: int
    amount: Decimal


def characteristic_figures(grants: QuerySet[Award]) -> tuple[list[CharacteristicFigures], int, Decimal]:
    """End grants to groups with each characteristic shown, and to first-time grantees; then all of them.

    One query: each characteristic is a conditional count and sum over the same rows.
    """
    shown = characteristics_shown()
    flags = {slug: f"has_{slug.replace('-', '_')}" for slug in shown}
    aggregates = {"all_grants": Count("pk"), "all_amount": Sum("amount")}
    for flag in [*flags.values(), "is_first_time"]:
        aggregates[f"{flag}_grants"] = Count("pk", filter=Q(**{flag: True}))
        aggregates[f"{flag}_amount"] = Sum("amount", filter=Q(**{flag: True}))
    totals = grants.order_by().aggregate(**aggregates)
    labels = {**shown, FIRST_TIME: "First-time grantee"}
    rows = [
        CharacteristicFigures(
            slug=slug,
            label=labels[slug],
            grants=totals[f"{flag}_grants"],
            amount=totals[f"{flag}_amount"] or ZERO,
        )
        for slug, flag in [*flags.items(), (FIRST_TIME, "is_first_time")]
    ]
    return rows, totals["all_grants"], totals["all_amount"] or ZERO
