"""Dated team memberships: the backfill, one open membership at a time, leaving keeps the row, and every
training figure on a day counts only the staff in a team that day.

The fixture `dated` (Team A), counted on 31 December 2025 with training valid for three years:
Stays (joined 2015, trained 2024) counts and is trained; Untrained (joined 2015) counts, not trained;
Late (joined 1 February 2026, trained 2024) is not yet in the team; Gone (left 30 June 2025, trained) has
left; OnTheDay (left 31 December 2025, trained) left that very day, so is out; Lingers (left 1 March 2026,
trained) is still in. So on 31 December 2025: 3 in scope, 2 trained; on 31 December 2026: Stays,
Untrained and Late, 2 trained.
"""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import TeamMembership
from ..selectors.awareness import training_completion_by_team, training_completion_overall
from ..selectors.dashboard import team_staff_rows, training_by_team
from ..selectors.indicators import training_coverage
from ..services.awareness import AwarenessError, add_team_member, remove_team_member
from .factories import AttendanceFactory, TeamFactory, TeamMembershipFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

YEAR_END = datetime.date(2025, 12, 31)
backfill_joined_on = importlib.import_module(
    "thirdsector.compact.migrations.0011_team_memberships_dated"
).backfill_joined_on


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def dated(department):
    team = TeamFactory(name="Team A", body=department)
    session = TrainingSessionFactory(held_on=_date("2024-05-01"))
    people = {}
    for name, joined, left, trained in [
        ("Stays", "2015-01-01", None, True),
        ("Untrained", "2015-01-01", None, False),
        ("Late", "2026-02-01", None, True),
        ("Gone", "2015-01-01", "2025-06-30", True),
        ("OnTheDay", "2015-01-01", "2025-12-31", True),
        ("Lingers", "2015-01-01", "2026-03-01", True),
    ]:
        people[name] = UserFactory(full_name=name)
        TeamMembershipFactory(team=team, person=people[name], joined_on=_date(joined), left_on=left and _date(left))
        if trained:
            AttendanceFactory(session=session, person=people[name])
    return team, people


# The migration's backfill


def test_the_backfill_dates_each_membership_from_its_earliest_history_or_today(department):
    team = TeamFactory(body=department)
    recorded, unrecorded = TeamMembershipFactory(team=team), TeamMembershipFactory(team=team)
    history = TeamMembership.history.model
    first = history.objects.filter(id=recorded.pk).get()
    history.objects.filter(pk=first.pk).update(history_date=timezone.make_aware(datetime.datetime(2019, 4, 2, 10)))
    history.objects.create(
        id=recorded.pk, team=team, person=recorded.person, in_scope=False, joined_on=_date("2030-01-01"),
        history_date=timezone.make_aware(datetime.datetime(2021, 1, 1, 10)), history_type="~",
    )  # fmt: skip
    history.objects.filter(id=unrecorded.pk).delete()

    backfill_joined_on(django_apps, None)

    recorded.refresh_from_db()
    unrecorded.refresh_from_db()
    assert recorded.joined_on == _date("2019-04-02")
    assert unrecorded.joined_on == timezone.localdate()
    assert set(history.objects.filter(id=recorded.pk).values_list("joined_on", flat=True)) == {_date("2019-04-02")}


# One open membership per team and person; leaving after joining


def test_a_person_may_rejoin_but_not_hold_two_open_memberships(department):
    team, person = TeamFactory(body=department), UserFactory()
    TeamMembershipFactory(team=team, person=person, joined_on=_date("2020-01-01"), left_on=_date("2022-01-01"))
    TeamMembershipFactory(team=team, person=person, joined_on=_date("2023-01-01"))  # rejoined
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembershipFactory(team=team, person=person, joined_on=_date("2024-01-01"))
    TeamMembershipFactory(team=TeamFactory(body=department), person=person)  # another team is fine
    assert TeamMembership.objects.filter(person=person).count() == 3


def test_the_database_refuses_leaving_before_joining(department):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembershipFactory(joined_on=_date("2024-05-01"), left_on=_date("2024-04-30"))
    TeamMembershipFactory(joined_on=_date("2024-05-01"), left_on=_date("2024-05-01"))  # same day is allowed


# The services


def test_leaving_keeps_the_membership_with_the_date_and_the_reason_in_history(staff_user, department):
    membership = TeamMembershipFactory(team=TeamFactory(body=department), joined_on=_date("2024-01-10"))
    left = remove_team_member(membership=membership, left_on=_date("2025-03-31"), by=staff_user)
    assert TeamMembership.objects.get(pk=membership.pk).left_on == _date("2025-03-31")
    assert left.left_on == _date("2025-03-31")
    record = left.history.first()
    assert (record.history_user, record.history_change_reason, record.left_on) == (
        staff_user, "Left the team", _date("2025-03-31"),
    )  # fmt: skip


def test_leaving_is_on_or_after_joining_not_in_the_future_and_once(staff_user, department):
    membership = TeamMembershipFactory(team=TeamFactory(body=department), joined_on=_date("2024-01-10"))
    with pytest.raises(AwarenessError, match="on or after the day they joined, 10 January 2024"):
        remove_team_member(membership=membership, left_on=_date("2024-01-09"), by=staff_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(AwarenessError, match="today or in the past"):
        remove_team_member(membership=membership, left_on=tomorrow, by=staff_user)
    with pytest.raises(AwarenessError, match="Only department staff"):
        remove_team_member(
            membership=membership, left_on=_date("2025-01-01"), by=UserFactory(roles=[Role.COMMISSIONER])
        )
    assert TeamMembership.objects.get(pk=membership.pk).left_on is None
    remove_team_member(membership=membership, left_on=_date("2024-01-10"), by=staff_user)  # the day they joined
    with pytest.raises(AwarenessError, match="already left"):
        remove_team_member(membership=membership, left_on=_date("2025-01-01"), by=staff_user)


def test_adding_records_the_day_joined_and_a_leaver_may_rejoin_from_the_day_they_left(staff_user, department):
    team, person = TeamFactory(body=department), UserFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(AwarenessError, match="today or in the past"):
        add_team_member(team=team, person=person, in_scope=True, joined_on=tomorrow, by=staff_user)
    first = add_team_member(team=team, person=person, in_scope=True, joined_on=_date("2023-02-01"), by=staff_user)
    assert first.joined_on == _date("2023-02-01")
    changed = add_team_member(team=team, person=person, in_scope=False, joined_on=_date("2024-09-09"), by=staff_user)
    assert (changed.pk, changed.in_scope, changed.joined_on) == (first.pk, False, _date("2023-02-01"))
    remove_team_member(membership=first, left_on=_date("2024-06-30"), by=staff_user)
    with pytest.raises(AwarenessError, match="left .* on 30 June 2024"):
        add_team_member(team=team, person=person, in_scope=True, joined_on=_date("2024-06-29"), by=staff_user)
    again = add_team_member(team=team, person=person, in_scope=True, joined_on=_date("2024-06-30"), by=staff_user)
    assert again.pk != first.pk
    assert list(TeamMembership.objects.filter(team=team).order_by("joined_on").values_list("left_on", flat=True)) == [
        _date("2024-06-30"),
        None,
    ]


# Figures on a day count only the members of that day


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_overall_figure_counts_the_members_on_the_day(dated):
    on_year_end = training_completion_overall(today=YEAR_END)
    assert (on_year_end.in_scope, on_year_end.trained) == (3, 2)  # Stays, Untrained, Lingers
    next_year_end = training_completion_overall(today=_date("2026-12-31"))
    assert (next_year_end.in_scope, next_year_end.trained) == (3, 2)  # Stays, Untrained, Late
    before_gone_left = training_completion_overall(today=_date("2025-06-29"))
    assert (before_gone_left.in_scope, before_gone_left.trained) == (5, 4)


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_figures_by_team_count_the_members_on_the_day(dated):
    team, people = dated
    [row] = training_completion_by_team(today=YEAR_END)
    assert (row.in_scope, row.trained) == (3, 2)
    [dashboard_row] = training_by_team(today=YEAR_END)
    assert (dashboard_row.staff, dashboard_row.completed) == (3, 2)
    behind = team_staff_rows(team.pk, today=YEAR_END)
    assert [staff.person.full_name for staff in behind] == ["Lingers", "Stays", "Untrained"]


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_yearly_indicator_counts_the_members_at_the_years_end(dated):
    headline, team_a = training_coverage(year=2025)
    assert (headline.numerator, headline.denominator) == (2, 3)
    assert (team_a.numerator, team_a.denominator) == (2, 3)
    headline, _team_a = training_coverage(year=2026)
    assert (headline.numerator, headline.denominator) == (2, 3)
    headline, _team_a = training_coverage(year=2024)
    assert (headline.numerator, headline.denominator) == (4, 5)  # all but Late; all trained in May 2024 but one


def test_the_figures_are_still_one_query_with_dates(dated, django_assert_num_queries):
    with django_assert_num_queries(1):
        training_completion_by_team(today=YEAR_END)
    with django_assert_num_queries(2):
        training_completion_overall(today=YEAR_END)


# The team page and recording a leaver


def _leave_url(membership) -> str:
    return reverse("compact:team-member-leave", args=[membership.team_id, membership.pk])


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_team_page_shows_current_members_and_former_ones_below(dated, staff_client):
    team, _people = dated
    page = staff_client.get(team.get_absolute_url())
    current = [member.person.full_name for member in page.context["members"]]
    former = [member.person.full_name for member in page.context["former_members"]]
    assert current == ["Late", "Stays", "Untrained"]
    assert former == ["Lingers", "OnTheDay", "Gone"]  # most recently left first
    html = page.content.decode()
    assert "Current members" in html and "Former members" in html
    assert "30 Jun 2025" in html and "1 Feb 2026" in html


@override_settings(COMPACT_TRAINING_VALID_YEARS=3)
def test_the_team_page_on_a_day_shows_the_members_of_that_day(dated, staff_client):
    team, _people = dated
    page = staff_client.get(team.get_absolute_url(), {"on": "2025-12-31", "in_scope": "yes"})
    assert [(m.person.full_name, m.trained) for m in page.context["members"]] == [
        ("Lingers", True), ("Stays", True), ("Untrained", False),
    ]  # fmt: skip
    assert [m.person.full_name for m in page.context["former_members"]] == ["OnTheDay", "Gone"]
    assert "Members on 31 December 2025" in page.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_record_a_leaver(clients_by_role, role, department):
    membership = TeamMembershipFactory(team=TeamFactory(body=department))
    expected = 200 if role in STAFF_ROLES else 302 if role == "public" else 403
    assert clients_by_role[role].get(_leave_url(membership)).status_code == expected
    clients_by_role[role].post(_leave_url(membership), {"left_on": "2025-01-01"})
    assert (TeamMembership.objects.get(pk=membership.pk).left_on is not None) == (role in STAFF_ROLES)


def test_a_leaver_is_recorded_from_the_team_page(staff_client, department):
    team = TeamFactory(body=department)
    membership = TeamMembershipFactory(team=team, joined_on=_date("2024-01-10"))
    assert _leave_url(membership) in staff_client.get(team.get_absolute_url()).content.decode()
    refused = staff_client.post(_leave_url(membership), {"left_on": "2024-01-09"})
    assert "on or after the day they joined, 10 January 2024" in refused.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "today or in the past" in staff_client.post(_leave_url(membership), {"left_on": tomorrow}).content.decode()
    response = staff_client.post(_leave_url(membership), {"left_on": "2025-02-28"})
    assert response.status_code == 302
    assert TeamMembership.objects.get(pk=membership.pk).left_on == _date("2025-02-28")
    page = staff_client.get(team.get_absolute_url())
    assert page.context["members"] == []
    assert [m.pk for m in page.context["former_members"]] == [membership.pk]
    assert staff_client.get(_leave_url(membership)).status_code == 404  # already left


def test_a_leaver_is_recorded_only_through_their_own_team(staff_client, department):
    membership = TeamMembershipFactory(team=TeamFactory(body=department))
    other_team = TeamFactory(body=department)
    url = reverse("compact:team-member-leave", args=[other_team.pk, membership.pk])
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"left_on": "2025-01-01"}).status_code == 404


def test_the_commissioner_sees_no_leaving_links(commissioner_client, department):
    team = TeamFactory(body=department)
    membership = TeamMembershipFactory(team=team)
    assert _leave_url(membership) not in commissioner_client.get(team.get_absolute_url()).content.decode()


def test_a_member_added_on_the_team_page_needs_a_day_joined_not_in_the_future(staff_client, department):
    team, person = TeamFactory(body=department), UserFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    refused = staff_client.post(team.get_absolute_url(), {"person": person.pk, "joined_on": tomorrow})
    assert "The date they joined must be today or in the past" in refused.content.decode()
    assert (
        "Enter the date they joined"
        in staff_client.post(team.get_absolute_url(), {"person": person.pk}).content.decode()
    )
    staff_client.post(team.get_absolute_url(), {"person": person.pk, "joined_on": "2025-09-01", "in_scope": "on"})
    assert TeamMembership.objects.get(team=team, person=person).joined_on == _date("2025-09-01")


def test_the_team_page_query_count_does_not_grow_with_members(staff_client, department, django_assert_num_queries):
    team = TeamFactory(body=department)

    def add_members():
        TeamMembershipFactory(team=team)
        TeamMembershipFactory(team=team, left_on=_date("2024-01-01"))

    add_members()
    staff_client.get(team.get_absolute_url())
    # Session, person, second factor, roles, navigation; the team; its members; its former members; the
    # people the form offers.
    with django_assert_num_queries(9) as first:
        staff_client.get(team.get_absolute_url())
    for _ in range(5):
        add_members()
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(team.get_absolute_url())
