"""Reads of awards and decisions, shaped for the lists, pages, API and open data.

`AwardFilters` is the one definition of what a filtered list of awards holds: the lists filter with it
and the level playing field figures count with it (`services/level_playing_field.py`), so the rows a
figure links to are exactly the rows it was counted from.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from thirdsector.accounts.access import OVERSIGHT_ROLES

from ..models import CommissioningDecision, ContractAward, DecisionInvolvement
from ..services.awards import BME_LED, USER_LED, commissioners_acted_for

YES, NO = "yes", "no"
# The size band filter's value for a supplier whose income the register does not know.
UNKNOWN_BAND = "unknown"
CHARACTERISTIC_FIELDS = {BME_LED: "supplier_bme_led", USER_LED: "supplier_user_led"}


def long_agreement_months() -> int:
    return settings.COMMISSIONING_LONG_AGREEMENT_MONTHS


@dataclass(frozen=True)
class AwardFilters:
    commissioner: int | None = None
    year: int | None = None
    third_sector: str = ""  # yes, no or empty for either
    size_band: str = ""  # a SizeBand value, UNKNOWN_BAND or empty
    characteristic: str = ""  # BME_LED, USER_LED or empty
    kind: str = ""  # contract, grant or empty
    long: str = ""  # yes (COMMISSIONING_LONG_AGREEMENT_MONTHS or longer), no, or empty

    def q(self) -> Q:
        """The condition on ContractAward rows these filters stand for."""
        condition = Q()
        if self.commissioner is not None:
            condition &= Q(commissioner_id=self.commissioner)
        if self.year is not None:
            condition &= Q(financial_year=self.year)
        if self.third_sector:
            condition &= Q(supplier_is_third_sector=self.third_sector == YES)
        if self.size_band:
            condition &= Q(supplier_size_band="" if self.size_band == UNKNOWN_BAND else self.size_band)
        if self.characteristic in CHARACTERISTIC_FIELDS:
            condition &= Q(**{CHARACTERISTIC_FIELDS[self.characteristic]: True})
        if self.kind:
            condition &= Q(kind=self.kind)
        if self.long == YES:
            condition &= Q(length_months__gte=long_agreement_months())
        elif self.long == NO:
            condition &= Q(length_months__lt=long_agreement_months())
        return condition

    def query(self) -> dict:
        """The filters as a list page's query string takes them."""
        values = ((name, getattr(self, name)) for name in self.__dataclass_fields__)
        return {name: value for name, value in values if value not in (None, "")}

    def merged(self, **changes) -> "AwardFilters":
        return replace(self, **changes)


def _listed(queryset: QuerySet[ContractAward]) -> QuerySet[ContractAward]:
    return queryset.select_related("commissioner", "supplier").order_by("-awarded_on", "-id")


def published_awards() -> QuerySet[ContractAward]:
    """Awards anyone may see: those published."""
    return ContractAward.objects.filter(published_on__isnull=False)


def awards_visible_to(user) -> QuerySet[ContractAward]:
    """Oversight (staff, the Compact Commissioner) see every award; a commissioner's officers theirs,
    published or not; everyone the published ones."""
    if user.is_authenticated and user.has_role(*OVERSIGHT_ROLES):
        return ContractAward.objects.all()
    own = commissioners_acted_for(user).values("pk")
    return ContractAward.objects.filter(Q(published_on__isnull=False) | Q(commissioner__in=own))


def award_list(base: QuerySet[ContractAward], filters: AwardFilters) -> QuerySet[ContractAward]:
    """`base` filtered, newest award first, with commissioner and supplier joined."""
    return _listed(base.filter(filters.q()))


def award_for_page(award_id: int, base: QuerySet[ContractAward]) -> ContractAward:
    return (
        base.select_related("commissioner", "supplier", "opportunity", "lot", "created_by")
        .prefetch_related("consortium_members")
        .get(pk=award_id)
    )


def third_sector_contract_awards() -> QuerySet[ContractAward]:
    """Published awards to third sector organisations, newest first: the rows the open data catalogue lists."""
    return _listed(published_awards().filter(supplier_is_third_sector=True)).prefetch_related("consortium_members")


# Decisions


def decisions_visible_to(user) -> QuerySet[CommissioningDecision]:
    """Decisions are private to the commissioner's officers and oversight (staff, the Compact Commissioner)."""
    if user.is_authenticated and user.has_role(*OVERSIGHT_ROLES):
        return CommissioningDecision.objects.all()
    return CommissioningDecision.objects.filter(commissioner__in=commissioners_acted_for(user).values("pk"))


def decision_list(
    base: QuerySet[CommissioningDecision], *, commissioner: int | None, year: int | None, involved: str
) -> QuerySet[CommissioningDecision]:
    queryset = base
    if commissioner is not None:
        queryset = queryset.filter(commissioner_id=commissioner)
    if year is not None:
        queryset = queryset.filter(financial_year=year)
    if involved:
        with_users = Exists(DecisionInvolvement.objects.filter(decision=OuterRef("pk")))
        queryset = queryset.filter(with_users if involved == YES else ~with_users)
    return queryset.select_related("commissioner", "opportunity", "plan", "lot").order_by("-decided_on", "-id")


def decision_for_page(decision_id: int, base: QuerySet[CommissioningDecision]) -> CommissioningDecision:
    return (
        base.select_related("commissioner", "plan", "opportunity", "lot", "created_by")
        .prefetch_related("involvements")
        .get(pk=decision_id)
    )
