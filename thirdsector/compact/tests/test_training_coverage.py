"""Compact training coverage for the strategy's indicators, against a hand-counted fixture.

On 31 December 2025, with training counting for three years (from 31 December 2022):
Team A (Department A) has four in-scope members: Asha trained in May 2024 (counts), Ben in June 2022 (too
old), Cara attended in March 2025 without completing, Dev trained in February 2026 (after the year); Eve
is trained but not in scope. Team B (Agency B) has Asha again and Fin, who went to a Third Sector Month
event only. So 1 of 5 people (20.0%) overall, Team A 1 of 4 (25.0%), Team B 1 of 2 (50.0%).
"""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from thirdsector.accounts.tests.factories import UserFactory

from ..selectors.indicators import training_coverage
from .factories import AttendanceFactory, CompactBodyFactory, TeamFactory, TeamMembershipFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def _session(day: datetime.date, kind: str = "compact_training"):
    return TrainingSessionFactory(held_on=day, kind=kind)


@pytest.fixture
def teams(db):
    team_a = TeamFactory(name="Team A", body=CompactBodyFactory(organisation__name="Department A"))
    team_b = TeamFactory(name="Team B", body=CompactBodyFactory(organisation__name="Agency B"))
    people = {name: UserFactory(full_name=name) for name in ("Asha", "Ben", "Cara", "Dev", "Eve", "Fin")}
    for name in ("Asha", "Ben", "Cara", "Dev"):
        TeamMembershipFactory(team=team_a, person=people[name])
    TeamMembershipFactory(team=team_a, person=people["Eve"], in_scope=False)
    TeamMembershipFactory(team=team_b, person=people["Asha"])
    TeamMembershipFactory(team=team_b, person=people["Fin"])
    AttendanceFactory(session=_session(datetime.date(2024, 5, 1)), person=people["Asha"])
    AttendanceFactory(session=_session(datetime.date(2022, 6, 1)), person=people["Ben"])
    AttendanceFactory(session=_session(datetime.date(2025, 3, 1)), person=people["Cara"], completed=False)
    AttendanceFactory(session=_session(datetime.date(2026, 2, 1)), person=people["Dev"])
    AttendanceFactory(session=_session(datetime.date(2025, 3, 1)), person=people["Eve"])
    AttendanceFactory(session=_session(datetime.date(2025, 9, 1), "third_sector_month"), person=people["Fin"])
    return team_a, team_b


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_coverage_counts_in_scope_people_trained_at_the_years_end(teams):
    headline, team_b, team_a = training_coverage(year=2025)  # by body name: Agency B first
    assert (headline.numerator, headline.denominator, headline.value) == (1, 5, Decimal("20.0"))
    assert (team_a.label, team_a.numerator, team_a.denominator) == ("Team A (Department A)", 1, 4)
    assert (team_b.label, team_b.numerator, team_b.denominator) == ("Team B (Agency B)", 1, 2)
    assert {team_a.breakdown, team_b.breakdown} == {"team"}


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_coverage_of_a_later_year_counts_later_training(teams):
    headline = training_coverage(year=2026)[0]
    assert (headline.numerator, headline.denominator) == (2, 5)  # Asha, and Dev from February 2026


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_rows_behind_a_teams_figure_are_its_in_scope_members_on_that_day(teams, staff_client):
    headline, _team_b, team_a = training_coverage(year=2025)
    page = staff_client.get(team_a.rows_url)
    assert page.status_code == 200
    members = page.context["members"]
    assert len(members) == team_a.denominator
    assert sum(1 for member in members if member.trained) == team_a.numerator
    page = staff_client.get(headline.rows_url)
    assert "on 31 December 2025" in page.content.decode()
    overall = page.context["overall"]
    assert (overall.trained, overall.in_scope) == (headline.numerator, headline.denominator)


def test_no_in_scope_staff_means_no_figure(db):
    assert training_coverage(year=2025) == []
