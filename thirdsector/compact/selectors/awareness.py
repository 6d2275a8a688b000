"""Reads for the staff awareness pages: sessions, teams and the share of in-scope staff trained.

Every figure is counted on a day (today unless asked): the staff counted are those in a team that day
(joined on or before it, not yet left), so a past year's figure counts the teams as they then were.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Attendance, Team, TeamMembership, TrainingKind, TrainingSession


def training_valid_years() -> int:
    return settings.COMPACT_TRAINING_VALID_YEARS


def training_counts_from(today: datetime.date | None = None) -> datetime.date:
    """The earliest date a Compact training session may have been held and still count today."""
    today = today or timezone.localdate()
    years = training_valid_years()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _trained(person_ref: str, today: datetime.date) -> Exists:
    """Whether the person completed Compact training that still counts on `today`."""
    return Exists(
        Attendance.objects.filter(
            person=OuterRef(person_ref),
            completed=True,
            session__kind=TrainingKind.COMPACT_TRAINING,
            session__held_on__gte=training_counts_from(today),
            session__held_on__lte=today,
        )
    )


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TeamCompletion:
    """A team's in-scope staff, how many completed Compact training that still counts, and the share (%)."""

    team: Team
    in_scope: int
    trained: int
    share: Decimal | None


def _count(memberships: QuerySet) -> Coalesce:
    counted = memberships.values("team").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def training_completion_by_team(*, today: datetime.date | None = None, body=None) -> list[TeamCompletion]:
    """Per team, the share of its in-scope staff on the day who completed Compact training, in one query."""
    today = today or timezone.localdate()
    in_scope = TeamMembership.objects.current_on(today).filter(team=OuterRef("pk"), in_scope=True)
    teams = (
        Team.objects.select_related("body__organisation")
        .annotate(
            in_scope_count=_count(in_scope),
            trained_count=_count(in_scope.filter(_trained("person", today))),
        )
        .order_by("body__organisation__name", "name", "id")
    )
    if body is not None:
        teams = teams.filter(body=body)
    return [
        TeamCompletion(
            team=team,
            in_scope=team.in_scope_count,
            trained=team.trained_count,
            share=_share(team.trained_count, team.in_scope_count),
        )
        for team in teams
    ]


@dataclass(frozen=True)
class OverallCompletion:
    in_scope: int
    trained: int
    share: Decimal | None


def training_completion_overall(*, today: datetime.date | None = None) -> OverallCompletion:
    """Across all teams on the day: each in-scope person counted once, however many teams they are in."""
    today = today or timezone.localdate()
    in_scope = TeamMembership.objects.current_on(today).filter(in_scope=True)
    everyone = in_scope.aggregate(n=Count("person", distinct=True))["n"]
    trained = in_scope.filter(_trained("person", today)).aggregate(n=Count("person", distinct=True))["n"]
    return OverallCompletion(everyone, trained, _share(trained, everyone))


def sessions_for_list() -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.select_related("team")
        .annotate(
            attended=Count("attendances", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def session_for_page(pk: int) -> TrainingSession:
    return (
        TrainingSession.objects.select_related("team__body__organisation")
        .prefetch_related("attendances__person")
        .get(pk=pk)
    )


def team_for_page(pk: int) -> Team:
    return Team.objects.select_related("body__organisation").get(pk=pk)


def team_members_with_training(team: Team, *, today: datetime.date | None = None) -> QuerySet[TeamMembership]:
    """The team's members on the day, each marked whether their Compact training counted then."""
    today = today or timezone.localdate()
    return (
        team.memberships.current_on(today)
        .select_related("person")
        .annotate(trained=_trained("person", today))
        .order_by("person__full_name", "joined_on", "id")
    )


def former_team_members(team: Team, *, today: datetime.date | None = None) -> QuerySet[TeamMembership]:
    """Those who had left the team by the day, most recently left first."""
    today = today or timezone.localdate()
    return (
        team.memberships.filter(left_on__lte=today)
        .select_related("person")
        .order_by("-left_on", "person__full_name", "id")
    )


def membership_for_leaving(team_pk: int, pk: int) -> TeamMembership:
    """A current member of the team, to record the day they left."""
    return TeamMembership.objects.select_related("team__body__organisation", "person").get(
        pk=pk, team_id=team_pk, left_on__isnull=True
    )
