"""Reads about breach cases, shaped for the staff pages, the reporter's status page, and the statistics.

The statistics (`breaches_by_body_and_year`, `breaches_by_commitment_and_year`, `median_days_to_resolve`)
are the Compact dashboard's and the public statistics page's figures: counted in the database, one
row per body (or commitment) and year of report.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from ..models import BreachCase, BreachStatus, BreachUpdate, Commitment, CompactBody
from ..models.breaches import AWAITING_ANSWER_STATUSES, UPHELD_STATUSES, is_case_worker

# --- Who sees which cases ---------------------------------------------------------------------


def cases_visible_to(user) -> QuerySet[BreachCase]:
    """Staff and the Commissioner see every case; a body's Compact lead sees that body's cases."""
    from thirdsector.accounts.access import OVERSIGHT_ROLES

    cases = BreachCase.objects.all()
    if user.is_authenticated and user.has_role(*OVERSIGHT_ROLES):
        return cases
    if user.is_authenticated:
        return cases.filter(body__compact_lead=user)
    return cases.none()


def sees_breach_cases(user) -> bool:
    """Whether the case list is open to this person at all (staff, the Commissioner, a Compact lead)."""
    from thirdsector.accounts.access import OVERSIGHT_ROLES

    if not user.is_authenticated:
        return False
    return user.has_role(*OVERSIGHT_ROLES) or CompactBody.objects.filter(compact_lead=user).exists()


def sees_case(user, case: BreachCase) -> bool:
    from thirdsector.accounts.access import OVERSIGHT_ROLES

    return user.is_authenticated and (user.has_role(*OVERSIGHT_ROLES) or is_case_worker(user, case))


def overdue_filter(today: datetime.date) -> Q:
    """Cases not acknowledged, or not answered, by their due date."""
    return Q(status=BreachStatus.REPORTED, acknowledge_due_on__lt=today) | Q(
        status__in=AWAITING_ANSWER_STATUSES, response_due_on__lt=today
    )


@dataclass(frozen=True)
class CaseFilters:
    body: int | None = None
    status: str = ""
    overdue: bool = False
    year: int | None = None


def breach_case_list(user, filters: CaseFilters, *, today: datetime.date) -> QuerySet[BreachCase]:
    """The staff case list: the cases this person sees, filtered, with what each row shows."""
    cases = (
        cases_visible_to(user)
        .select_related("body__organisation")
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("code", "number")))
    )
    if filters.body:
        cases = cases.filter(body_id=filters.body)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.overdue:
        cases = cases.filter(overdue_filter(today))
    if filters.year:
        cases = cases.filter(reported_on__year=filters.year)
    return cases.order_by("-reported_on", "-id")


def overdue_cases(user, *, today: datetime.date) -> QuerySet[BreachCase]:
    return breach_case_list(user, CaseFilters(overdue=True), today=today)


def years_reported() -> list[int]:
    years = BreachCase.objects.annotate(year=ExtractYear("reported_on")).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def case_for_page(reference: str) -> BreachCase:
    """A case with everything its staff page shows, or 404."""
    return get_object_or_404(
        BreachCase.objects.select_related(
            "body__organisation", "body__compact_lead", "reporter_organisation", "found_by", "escalated_by",
            "reviewed_by",
        ).prefetch_related(
            "commitments", Prefetch("updates", queryset=BreachUpdate.objects.select_related("written_by"))
        ),
        reference=reference,
    )  # fmt: skip


def case_for_status_link(token: str) -> BreachCase:
    """The one case a private status link opens, or 404; nothing else is reachable from it."""
    return get_object_or_404(
        BreachCase.objects.select_related("body__organisation").prefetch_related(
            "commitments", Prefetch("updates", queryset=BreachUpdate.objects.filter(public=True))
        ),
        status_token=token,
    )


# --- Statistics ----------------------------------------------------------------------------------

_COUNTS = {
    "reported": Count("id", distinct=True),
    "upheld": Count("id", filter=Q(outcome__in=[s.value for s in UPHELD_STATUSES]), distinct=True),
    "resolved": Count("id", filter=Q(status=BreachStatus.CLOSED), distinct=True),
}


def breaches_by_body_and_year() -> list[dict]:
    """Per body and year reported: cases reported, upheld (fully or partly) and resolved (closed).

    Each row: {"body_id", "body", "year", "reported", "upheld", "resolved"}, by body name then year.
    """
    rows = (
        BreachCase.objects.annotate(year=ExtractYear("reported_on"))
        .values("body_id", "year", body_name=F("body__organisation__name"))
        .annotate(**_COUNTS)
        .order_by("body_name", "year")
    )
    return [
        {
            "body_id": row["body_id"],
            "body": row["body_name"],
            "year": row["year"],
            "reported": row["reported"],
            "upheld": row["upheld"],
            "resolved": row["resolved"],
        }
        for row in rows
    ]


def breaches_by_commitment_and_year() -> list[dict]:
    """Per commitment named and year reported: cases reported, upheld and resolved.

    A case naming two commitments counts once under each. Each row: {"commitment_id", "code", "number",
    "commitment" (its summary), "year", "reported", "upheld", "resolved"}.
    """
    rows = (
        BreachCase.objects.annotate(year=ExtractYear("reported_on"))
        .values(
            "year",
            commitment_id=F("commitments__id"),
            code=F("commitments__code"),
            number=F("commitments__number"),
            summary=F("commitments__summary"),
        )
        .annotate(**_COUNTS)
        .filter(commitment_id__isnull=False)
        .order_by("code", "number", "year")
    )
    return [
        {
            "commitment_id": row["commitment_id"],
            "code": row["code"],
            "number": row["number"],
            "commitment": row["summary"],
            "year": row["year"],
            "reported": row["reported"],
            "upheld": row["upheld"],
            "resolved": row["resolved"],
        }
        for row in rows
    ]


def median_days_to_resolve(year: int | None = None) -> float | None:
    """The median number of calendar days from report to closure of closed cases (reported in `year`).

    None when no case has closed. Read as two dates per closed case; the median is taken in Python so
    it works the same on SQLite and PostgreSQL.
    """
    closed = BreachCase.objects.filter(status=BreachStatus.CLOSED, closed_on__isnull=False)
    if year is not None:
        closed = closed.filter(reported_on__year=year)
    days = [(closed_on - reported_on).days for reported_on, closed_on in closed.values_list("reported_on", "closed_on")]
    return statistics.median(days) if days else None
