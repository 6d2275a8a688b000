"""Reads about Community Calls for Action, shaped for the pages, the API and the daily task."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thirdsector.register.models import Organisation, OrganisationKind

from ..models.ccfa import OPEN_STATUSES, CallStatus, CommunityCall, acts_for_council, sees_all_calls

# The step each waiting status is timed against, and the field holding its due date.
_WAITING = (
    (CallStatus.WITH_COUNCILLOR, "councillor_due_on"),
    (CallStatus.REFERRED, "committee_due_on"),
    (CallStatus.ACCEPTED, "report_due_on"),
    (CallStatus.REPORTED, "response_due_on"),
)


def _overdue_q(today: datetime.date) -> Q:
    condition = Q()
    for status, field in _WAITING:
        condition |= Q(status=status, **{f"{field}__lt": today})
    return condition


def councils_acted_for(user) -> QuerySet:
    """The councils whose calls `user` sees: every council for staff, their own for a council officer."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    if sees_all_calls(user):
        return councils
    if user is None or not user.is_authenticated:
        return councils.none()
    return councils.filter(memberships__user=user).distinct() if _is_council_officer(user) else councils.none()


def _is_council_officer(user) -> bool:
    from thirdsector.accounts.roles import Role

    return user.has_role(Role.COUNCIL_OFFICER)


def sees_calls(user) -> bool:
    """Who may open the case list: staff, or a council officer acting for a council."""
    return sees_all_calls(user) or (
        user.is_authenticated and _is_council_officer(user) and councils_acted_for(user).exists()
    )


def sees_call(user, call: CommunityCall) -> bool:
    return sees_all_calls(user) or acts_for_council(user, call.council_id)


@dataclass(frozen=True)
class CallFilters:
    council: int | None = None
    status: str = ""
    overdue: bool = False
    year: int | None = None


def community_call_list(user, filters: CallFilters, *, today: datetime.date) -> QuerySet:
    """The calls `user` may see, filtered; one query per page whatever the number of rows."""
    calls = CommunityCall.objects.select_related("council")
    if not sees_all_calls(user):
        calls = calls.filter(council__in=councils_acted_for(user))
    if filters.council:
        calls = calls.filter(council_id=filters.council)
    if filters.status:
        calls = calls.filter(status=filters.status)
    if filters.overdue:
        calls = calls.filter(_overdue_q(today))
    if filters.year:
        calls = calls.filter(raised_on__year=filters.year)
    return calls.order_by("-raised_on", "-id")


def overdue_call_list(*, today: datetime.date, council=None) -> list[CommunityCall]:
    """Open calls past the due date of the step they wait for, oldest due first."""
    calls = CommunityCall.objects.select_related("council").filter(_overdue_q(today))
    if council is not None:
        calls = calls.filter(council=council)
    return sorted(calls, key=lambda call: (call.next_due_on, call.pk))


def call_for_page(reference: str) -> CommunityCall:
    return get_object_or_404(
        CommunityCall.objects.select_related("council", "raiser_organisation"), reference=reference
    )


def call_for_status_link(token: str) -> CommunityCall:
    """The call whose private link this is; 404 for any other token."""
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(CommunityCall.objects.select_related("council"), status_token=token)


def years_raised() -> list[int]:
    return sorted({day.year for day in CommunityCall.objects.dates("raised_on", "year")}, reverse=True)


@dataclass(frozen=True)
class CouncilCallFigures:
    council_id: int
    council: str
    raised: int
    resolved_by_councillor: int
    referred: int
    taken_up: int
    declined: int
    responded_on_time: int
    responded_late: int


_REFERRED = (CallStatus.REFERRED, CallStatus.DECLINED, CallStatus.ACCEPTED, CallStatus.REPORTED)
_TAKEN_UP = (CallStatus.ACCEPTED, CallStatus.REPORTED, CallStatus.RESPONDED)


def ccfa_statistics(year: int | None = None) -> list[CouncilCallFigures]:
    """Per council, the calls raised (in `year`, by the date raised) and what became of them.

    Referred counts every call the councillor referred, whatever the committee did next; taken up counts
    those the committee accepted; responded on time or late compares the executive's response with its
    statutory due date. Aggregates only: nothing here names a raiser.
    """
    calls = CommunityCall.objects.all()
    if year:
        calls = calls.filter(raised_on__year=year)
    referred = Q(referred_on__isnull=False)
    taken_up = Q(decided_on__isnull=False) & ~Q(status=CallStatus.DECLINED)
    rows = (
        calls.values("council_id", "council__name")
        .annotate(
            raised=Count("id"),
            resolved_by_councillor=Count("id", filter=Q(status=CallStatus.RESOLVED_BY_COUNCILLOR)),
            referred=Count("id", filter=referred),
            taken_up=Count("id", filter=taken_up),
            declined=Count("id", filter=Q(status=CallStatus.DECLINED)),
            responded_on_time=Count("id", filter=Q(responded_on__isnull=False, responded_on__lte=F("response_due_on"))),
            responded_late=Count("id", filter=Q(responded_on__isnull=False, responded_on__gt=F("response_due_on"))),
        )
        .order_by("council__name", "council_id")
    )
    return [
        CouncilCallFigures(
            council_id=row["council_id"],
            council=row["council__name"],
            raised=row["raised"],
            resolved_by_councillor=row["resolved_by_councillor"],
            referred=row["referred"],
            taken_up=row["taken_up"],
            declined=row["declined"],
            responded_on_time=row["responded_on_time"],
            responded_late=row["responded_late"],
        )
        for row in rows
    ]


__all__ = ["OPEN_STATUSES", "ccfa_statistics", "community_call_list", "overdue_call_list"]
