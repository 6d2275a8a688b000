"""Writes for local partnerships: LSPs and their members, LAAs and their targets, funding-practice returns
and the engagement log. Who may act for a council is decided here too (`acts_for_council`), so views and
tests read one rule: staff act for every council; a council officer acts for the councils whose record
they administer or edit.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from thirdsector.accounts.access import is_staff
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT, Role
from thirdsector.register.models import Organisation, OrganisationKind

from ..models import (
    AgreementTarget,
    EngagementActivity,
    FundingPracticeReturn,
    LocalAreaAgreement,
    LocalStrategicPartnership,
    NationalIndicator,
    PartnershipMember,
)

LAA_YEARS = 3


class LocalPartnershipError(Exception):
    """A refusal with a message the person can act on; `field` names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def acts_for_council(user, council: Organisation) -> bool:
    """Staff (department staff, platform admin) act for every council; a council officer only for the
    councils whose record they are an administrator or editor of."""
    if not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    return (
        user.has_role(Role.COUNCIL_OFFICER)
        and user.memberships.filter(organisation_id=council.pk, role__in=MEMBERSHIP_ROLES_THAT_EDIT).exists()
    )


def councils_acted_for(user):
    """The councils this person may act for, by name."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name", "id")
    if is_staff(user):
        return councils
    if not (user.is_authenticated and user.has_role(Role.COUNCIL_OFFICER)):
        return councils.none()
    return councils.filter(memberships__user=user, memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT).distinct()


def _check_council(council: Organisation) -> None:
    if council.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise LocalPartnershipError(f"{council.name} is not a local authority")


def _change_reason(reason: str) -> str:
    """A change to a record already there is kept with the reason the person typed; it is required."""
    if not reason.strip():
        raise LocalPartnershipError("Enter the reason for this change", field="reason")
    return reason.strip()


def _audited(instance, by, reason: str) -> None:
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by


@transaction.atomic
def save_partnership(
    *,
    council: Organisation,
    name: str,
    third_sector_board_seats: int = 0,
    third_sector_theme_group_seats: int = 0,
    supporting_body: str = "",
    local_compact: bool = False,
    local_compact_signed_on: datetime.date | None = None,
    by=None,
    reason: str = "",
) -> LocalStrategicPartnership:
    """Creates or updates the council's LSP; a compact in place may carry its date, one not in place may not.

    Setting it up is recorded as such; a change needs the `reason` the person gives, kept in the history.
    """
    _check_council(council)
    if not local_compact and local_compact_signed_on:
        raise LocalPartnershipError(
            "Leave the date empty, or say the local compact is in place", field="local_compact_signed_on"
        )
    existing = LocalStrategicPartnership.objects.filter(council=council).first()
    history_reason = _change_reason(reason) if existing else "LSP set up"
    partnership = existing or LocalStrategicPartnership(council=council)
    partnership.name = name
    partnership.third_sector_board_seats = third_sector_board_seats
    partnership.third_sector_theme_group_seats = third_sector_theme_group_seats
    partnership.supporting_body = supporting_body
    partnership.local_compact = local_compact
    partnership.local_compact_signed_on = local_compact_signed_on
    _audited(partnership, by, history_reason)
    partnership.save()
    return partnership


@transaction.atomic
def add_partnership_member(
    *, partnership: LocalStrategicPartnership, organisation: Organisation, sector: str, by=None
) -> PartnershipMember:
    if partnership.members.filter(organisation=organisation).exists():
        raise LocalPartnershipError(
            f"{organisation.name} is already a member of this partnership", field="organisation"
        )
    member = PartnershipMember(partnership=partnership, organisation=organisation, sector=sector)
    _audited(member, by, "Member added")
    member.save()
    return member


@transaction.atomic
def remove_partnership_member(*, member: PartnershipMember, by=None) -> None:
    _audited(member, by, "Member removed")
    member.delete()


def three_years_from(starts_on: datetime.date) -> datetime.date:
    """The last day of a three-year agreement: the day before the same date three years on."""
    try:
        anniversary = starts_on.replace(year=starts_on.year + LAA_YEARS)
    except ValueError:  # 29 February
        anniversary = starts_on.replace(year=starts_on.year + LAA_YEARS, day=28) + datetime.timedelta(days=1)
    return anniversary - datetime.timedelta(days=1)


@transaction.atomic
def start_agreement(*, partnership: LocalStrategicPartnership, starts_on: datetime.date, by=None) -> LocalAreaAgreement:
    """An LAA runs for three years from its start; two agreements of one partnership may not overlap."""
    ends_on = three_years_from(starts_on)
    if partnership.agreements.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise LocalPartnershipError(
            "This partnership already has an agreement for part of that period", field="starts_on"
        )
    agreement = LocalAreaAgreement(partnership=partnership, starts_on=starts_on, ends_on=ends_on)
    _audited(agreement, by, "Agreement started")
    agreement.save()
    return agreement


def max_targets() -> int:
    return settings.PARTNERSHIP_LAA_MAX_TARGETS


@transaction.atomic
def add_target(
    *,
    agreement: LocalAreaAgreement,
    indicator: NationalIndicator,
    target: str,
    third_sector_involvement: str = "",
    involvement_level: str = "none",
    by=None,
) -> AgreementTarget:
    """Adds an improvement target; refused beyond the limit of PARTNERSHIP_LAA_MAX_TARGETS or for an
    indicator already chosen."""
    # Lock the agreement so two officers adding at once cannot pass the limit together.
    LocalAreaAgreement.objects.select_for_update().filter(pk=agreement.pk).first()
    limit = max_targets()
    if agreement.targets.count() >= limit:
        raise LocalPartnershipError(
            f"A Local Area Agreement has at most {limit} improvement targets; remove one before adding another",
            field="indicator",
        )
    if agreement.targets.filter(indicator=indicator).exists():
        raise LocalPartnershipError(
            f"NI {indicator.number} is already one of this agreement's targets", field="indicator"
        )
    row = AgreementTarget(
        agreement=agreement,
        indicator=indicator,
        target=target,
        third_sector_involvement=third_sector_involvement,
        involvement_level=involvement_level,
    )
    _audited(row, by, "Target added")
    row.save()
    return row


def check_funding_return(figures: dict) -> None:
    """Parts cannot exceed the total: raises on the first field that does, naming it."""
    total = figures.get("total") or Decimal("0")
    grants = figures.get("grants") or Decimal("0")
    contracts = figures.get("contracts") or Decimal("0")
    longer = figures.get("three_years_or_more") or Decimal("0")
    shorter = figures.get("one_year_or_less") or Decimal("0")
    small = figures.get("small_grants_amount") or Decimal("0")
    if grants + contracts > total:
        raise LocalPartnershipError(
            f"Grants and contracts together (£{grants + contracts:,.2f}) cannot be more than the total (£{total:,.2f})",
            field="contracts",
        )
    if longer + shorter > total:
        raise LocalPartnershipError(
            f"Funding for three years or more and for one year or less together (£{longer + shorter:,.2f}) "
            f"cannot be more than the total (£{total:,.2f})",
            field="one_year_or_less",
        )
    if small > grants:
        raise LocalPartnershipError(
            f"Small grants (£{small:,.2f}) cannot be more than the grants given (£{grants:,.2f})",
            field="small_grants_amount",
        )


FUNDING_FIELDS = (
    "total",
    "grants",
    "contracts",
    "three_years_or_more",
    "one_year_or_less",
    "notice_before_cuts",
    "payment_in_advance",
    "small_grants_count",
    "small_grants_amount",
)


@transaction.atomic
def file_funding_return(
    *, council: Organisation, year: int, by=None, reason: str = "", **figures
) -> FundingPracticeReturn:
    """Files (or corrects) the council's return for the financial year starting in `year`; a correction
    needs the `reason` the person gives, kept in the history."""
    _check_council(council)
    unknown = set(figures) - set(FUNDING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown figures: {', '.join(sorted(unknown))}")
    check_funding_return(figures)
    existing = FundingPracticeReturn.objects.filter(council=council, year=year).first()
    history_reason = _change_reason(reason) if existing else "Funding return filed"
    row = existing or FundingPracticeReturn(council=council, year=year)
    for name, value in figures.items():
        setattr(row, name, value)
    _audited(row, by, history_reason)
    row.save()
    return row


@transaction.atomic
def log_engagement(
    *,
    council: Organisation,
    happened_on: datetime.date,
    decision: str,
    kind: str,
    groups_reached: str,
    groups_reached_count: int = 0,
    outcome: str = "",
    by=None,
) -> EngagementActivity:
    _check_council(council)
    activity = EngagementActivity(
        council=council,
        happened_on=happened_on,
        decision=decision,
        kind=kind,
        groups_reached=groups_reached,
        groups_reached_count=groups_reached_count,
        outcome=outcome,
    )
    _audited(activity, by, "Engagement logged")
    activity.save()
    return activity
