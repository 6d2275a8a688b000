"""The Compact's figures for the staff dashboard and the public statistics page, counted in the database.

Each figure is one aggregate query grouped by body (or commitment, or team), so a page costs the same
handful of queries whether a year holds ten breach cases or ten thousand. A year is a calendar year:

- a breach case counts in the year it was reported (`reported_on`); it is *upheld* when its finding is
  upheld or partly upheld, and *resolved* once closed; the time to resolve is the calendar days from
  the report to closure (`closed_on - reported_on`);
- a consultation counts in the year it opened (`opens_on`), once published; it is *short* when it ran
  for less than the minimum in force when it was published (kept on the consultation); its outcome is
  *overdue* when it is closed and its outcome's due date has passed;
- a policy counts in the year it is (or was) to be decided (`decision_date`); it is *proofed* once a
  Compact proofing of it is signed off;
- training is not by year: the share of each team's in-scope staff today (members then: joined, not
  left) whose Compact training is within COMPACT_TRAINING_VALID_YEARS of today.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from ..models import CompactBody, CompactCode
from ..models.awareness import Attendance, TeamMembership, TrainingKind
from ..models.breaches import UPHELD_STATUSES, BreachCase, BreachStatus
from ..models.consultations import PUBLIC_STATUSES, Consultation, ConsultationStatus
from ..models.proofing import AssessmentStatus, Policy, ProofingAssessment

UPHELD_FINDINGS = tuple(str(status) for status in UPHELD_STATUSES)


@dataclass(frozen=True)
class BreachCounts:
    reported: int = 0
    upheld: int = 0
    resolved: int = 0


@dataclass(frozen=True)
class CommitmentBreaches:
    commitment_id: int
    label: str
    reported: int
    upheld: int
    resolved: int


@dataclass(frozen=True)
class ConsultationCounts:
    published: int = 0
    short: int = 0
    outcomes_overdue: int = 0


@dataclass(frozen=True)
class ProofingCounts:
    policies: int = 0
    proofed: int = 0


@dataclass(frozen=True)
class TeamTraining:
    team_id: int
    team: str
    body: str
    staff: int
    completed: int


@dataclass
class StatisticsFigures:
    year: int
    bodies: list[CompactBody]
    breaches_by_body: dict[int, BreachCounts]
    breach_totals: BreachCounts
    median_days_by_body: dict[int, float | int | None]
    median_days: float | int | None
    breaches_by_commitment: list[CommitmentBreaches]
    consultations_by_body: dict[int, ConsultationCounts]


@dataclass
class DashboardFigures(StatisticsFigures):
    proofing_by_body: dict[int, ProofingCounts] = field(default_factory=dict)
    training_by_team: list[TeamTraining] = field(default_factory=list)


def median_of(values: list[int]) -> float | int | None:
    """The median, a whole number where it is one; None for no values."""
    if not values:
        return None
    median = statistics.median(values)
    return int(median) if float(median).is_integer() else round(median, 1)


def compact_bodies() -> list[CompactBody]:
    return list(CompactBody.objects.select_related("organisation").order_by("organisation__name", "pk"))


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    # A range, not __year, so the (body, reported_on) index is read as a range on every database.
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# What each figure counts, as conditions shared by the counts and by the lists of rows behind them, so
# following a figure's link shows exactly the rows it counted.
UPHELD = Q(outcome__in=UPHELD_FINDINGS)
RESOLVED = Q(status=BreachStatus.CLOSED)
BREACH_OUTCOMES = {"upheld": UPHELD, "resolved": RESOLVED}
SHORT = Q(shorter_than_minimum=True)


def outcome_overdue(today: datetime.date) -> Q:
    return Q(status=ConsultationStatus.CLOSED, outcome_due_on__lt=today)


def breaches_in_year(year: int):
    return BreachCase.objects.filter(reported_on__range=_year_range(year)).order_by()


def breach_rows(year: int, *, body: int | None = None, commitment: int | None = None, outcome: str | None = None):
    """The breach cases behind a figure: reported in `year`, for a body or naming a commitment, and
    upheld or resolved if `outcome` says so."""
    cases = breaches_in_year(year)
    if body:
        cases = cases.filter(body_id=body)
    if commitment:
        cases = cases.filter(commitments=commitment)
    if outcome in BREACH_OUTCOMES:
        cases = cases.filter(BREACH_OUTCOMES[outcome])
    return cases.select_related("body__organisation").order_by("reported_on", "id")


def breaches_by_body(year: int) -> tuple[dict[int, BreachCounts], BreachCounts]:
    """Reported, upheld (in whole or part) and resolved breach cases per body: one query."""
    rows = (
        breaches_in_year(year)
        .values("body_id")
        .annotate(reported=Count("*"), upheld=Count("pk", filter=UPHELD), resolved=Count("pk", filter=RESOLVED))
    )
    by_body = {row["body_id"]: BreachCounts(row["reported"], row["upheld"], row["resolved"]) for row in rows}
    total = BreachCounts(
        sum(counts.reported for counts in by_body.values()),
        sum(counts.upheld for counts in by_body.values()),
        sum(counts.resolved for counts in by_body.values()),
    )
    return by_body, total


def days_to_resolve(year: int) -> tuple[dict[int, float | int | None], float | int | None]:
    """The median days from report to closure per body and for all bodies: one query over the year's
    closed cases (a few thousand numbers at most), the medians worked out here so SQLite can do it too."""
    by_body: dict[int, list[int]] = defaultdict(list)
    every: list[int] = []
    closed = breaches_in_year(year).filter(RESOLVED, closed_on__isnull=False)
    for body_id, reported_on, closed_on in closed.values_list("body_id", "reported_on", "closed_on"):
        days = (closed_on - reported_on).days
        by_body[body_id].append(days)
        every.append(days)
    return {body_id: median_of(days) for body_id, days in by_body.items()}, median_of(every)


def breaches_by_commitment(year: int) -> list[CommitmentBreaches]:
    """Breach cases per commitment named (a case may name several): one query over the link table."""
    links = BreachCase.commitments.through.objects.filter(breachcase__reported_on__range=_year_range(year))
    rows = (
        links.values("commitment_id", "commitment__code", "commitment__number", "commitment__summary")
        .annotate(
            reported=Count("*"),
            upheld=Count("pk", filter=Q(breachcase__outcome__in=UPHELD_FINDINGS)),
            resolved=Count("pk", filter=Q(breachcase__status=BreachStatus.CLOSED)),
        )
        .order_by("commitment__code", "commitment__number")
    )
    codes = dict(CompactCode.choices)
    return [
        CommitmentBreaches(
            row["commitment_id"],
            f"{codes.get(row['commitment__code'], row['commitment__code'])} {row['commitment__number']}: "
            f"{row['commitment__summary']}",
            row["reported"],
            row["upheld"],
            row["resolved"],
        )
        for row in rows
    ]


def consultations_in_year(year: int):
    """Published consultations (published, closed or with their outcome out) that opened in `year`."""
    return Consultation.objects.filter(status__in=PUBLIC_STATUSES, opens_on__range=_year_range(year)).order_by()


def consultation_rows(year: int, *, body: int | None = None, which: str | None = None, today: datetime.date):
    """The consultations behind a figure: all published in the year, the `short` ones, or those whose
    outcome is `overdue` on `today`."""
    consultations = consultations_in_year(year)
    if body:
        consultations = consultations.filter(body_id=body)
    if which == "short":
        consultations = consultations.filter(SHORT)
    elif which == "overdue":
        consultations = consultations.filter(outcome_overdue(today))
    return consultations.select_related("body__organisation").order_by("opens_on", "id")


def consultations_by_body(year: int, *, today: datetime.date | None) -> dict[int, ConsultationCounts]:
    """Published consultations that opened in the year, those shorter than the minimum, and (for staff,
    given `today`) those whose outcome is overdue: one query."""
    counts = {"published": Count("*"), "short": Count("pk", filter=SHORT)}
    if today is not None:
        counts["overdue"] = Count("pk", filter=outcome_overdue(today))
    rows = consultations_in_year(year).values("body_id").annotate(**counts)
    return {row["body_id"]: ConsultationCounts(row["published"], row["short"], row.get("overdue", 0)) for row in rows}


def _policies_in_year(year: int):
    signed_off = ProofingAssessment.objects.filter(policy=OuterRef("pk"), status=AssessmentStatus.SIGNED_OFF)
    return Policy.objects.filter(decision_date__range=_year_range(year)).annotate(proofed=Exists(signed_off)).order_by()


def policy_rows(year: int, *, body: int | None = None, proofed: bool | None = None):
    """The policies behind a figure: to be decided in the year, and proofed (or not) if asked."""
    policies = _policies_in_year(year)
    if body:
        policies = policies.filter(body_id=body)
    if proofed is not None:
        policies = policies.filter(proofed=proofed)
    return policies.select_related("body__organisation").order_by("decision_date", "id")


def proofing_by_body(year: int) -> dict[int, ProofingCounts]:
    """Policies to be decided in the year and those with a signed-off Compact proofing: one query."""
    rows = (
        _policies_in_year(year)
        .values("body_id")
        .annotate(policies=Count("*"), signed=Count("pk", filter=Q(proofed=True)))
    )
    return {row["body_id"]: ProofingCounts(row["policies"], row["signed"]) for row in rows}


def training_trained_since(today: datetime.date) -> datetime.date:
    years = settings.COMPACT_TRAINING_VALID_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _in_scope_staff(today: datetime.date):
    trained = Attendance.objects.filter(
        person=OuterRef("person_id"),
        completed=True,
        session__kind=TrainingKind.COMPACT_TRAINING,
        session__held_on__gte=training_trained_since(today),
        session__held_on__lte=today,
    )
    return TeamMembership.objects.current_on(today).filter(in_scope=True).annotate(trained=Exists(trained)).order_by()


def team_staff_rows(team: int, *, completed: bool | None = None, today: datetime.date):
    """The in-scope staff of a team behind a training figure, all or those trained (or not)."""
    staff = _in_scope_staff(today).filter(team_id=team)
    if completed is not None:
        staff = staff.filter(trained=completed)
    return staff.select_related("person", "team").order_by("person__full_name", "id")


def training_by_team(*, today: datetime.date) -> list[TeamTraining]:
    """Each team's in-scope staff and how many completed Compact training still valid: one query."""
    rows = (
        _in_scope_staff(today)
        .values("team_id", "team__name", "team__body__organisation__name")
        .annotate(staff=Count("*"), completed=Count("pk", filter=Q(trained=True)))
        .order_by("team__body__organisation__name", "team__name", "team_id")
    )
    return [
        TeamTraining(
            row["team_id"], row["team__name"], row["team__body__organisation__name"], row["staff"], row["completed"]
        )
        for row in rows
    ]


def statistics_figures(*, year: int) -> StatisticsFigures:
    """The public figures: bodies, breaches by body, medians, breaches by commitment, consultations."""
    by_body, totals = breaches_by_body(year)
    medians, median = days_to_resolve(year)
    return StatisticsFigures(
        year=year,
        bodies=compact_bodies(),
        breaches_by_body=by_body,
        breach_totals=totals,
        median_days_by_body=medians,
        median_days=median,
        breaches_by_commitment=breaches_by_commitment(year),
        consultations_by_body=consultations_by_body(year, today=None),
    )


def dashboard_figures(*, year: int, today: datetime.date) -> DashboardFigures:
    """Everything on the staff dashboard: the public figures, outcomes overdue, proofing and training."""
    by_body, totals = breaches_by_body(year)
    medians, median = days_to_resolve(year)
    return DashboardFigures(
        year=year,
        bodies=compact_bodies(),
        breaches_by_body=by_body,
        breach_totals=totals,
        median_days_by_body=medians,
        median_days=median,
        breaches_by_commitment=breaches_by_commitment(year),
        consultations_by_body=consultations_by_body(year, today=today),
        proofing_by_body=proofing_by_body(year),
        training_by_team=training_by_team(today=today),
    )
