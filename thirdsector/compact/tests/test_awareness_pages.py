"""Staff awareness pages: who reads and records, the completion table and the setting shown, query counts."""

import datetime

import pytest
from django.urls import reverse

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.compact.models import Attendance, Team, TeamMembership, TrainingSession
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from .factories import AttendanceFactory, TeamFactory, TeamMembershipFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

READERS = STAFF_ROLES | {"commissioner"}


def expected(role, allowed):
    if role in allowed:
        return 200
    return 302 if role == "public" else 403


@pytest.fixture
def team(department):
    return TeamFactory(name="Third Sector Funding", body=department)


@pytest.fixture
def session(team):
    return TrainingSessionFactory(title="Compact basics", team=team)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", ["training-completion", "training-sessions", "training-session", "team"])
def test_staff_and_the_commissioner_read_awareness_pages(clients_by_role, role, page, team, session):
    url = {
        "training-completion": reverse("compact:training-completion"),
        "training-sessions": reverse("compact:training-sessions"),
        "training-session": session.get_absolute_url(),
        "team": team.get_absolute_url(),
    }[page]
    assert clients_by_role[role].get(url).status_code == expected(role, READERS)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", ["training-session-new", "team-new"])
def test_only_staff_open_the_adding_pages(clients_by_role, role, page):
    assert clients_by_role[role].get(reverse(f"compact:{page}")).status_code == expected(role, STAFF_ROLES)


def test_the_completion_page_shows_the_share_per_team_overall_and_the_setting(staff_client, team, settings):
    settings.COMPACT_TRAINING_VALID_YEARS = 3
    today = datetime.date.today()
    trained, untrained, expired = UserFactory(), UserFactory(), UserFactory()
    for person in (trained, untrained, expired):
        TeamMembershipFactory(team=team, person=person)
    AttendanceFactory(session=TrainingSessionFactory(held_on=today - datetime.timedelta(days=30)), person=trained)
    AttendanceFactory(session=TrainingSessionFactory(held_on=today.replace(year=today.year - 4)), person=expired)
    html = staff_client.get(reverse("compact:training-completion")).content.decode()
    assert "Training counts for 3 years" in html
    assert "33.3% trained" in html
    assert "1 of 3 in-scope staff" in html
    assert "Third Sector Funding" in html


def test_the_commissioner_reads_but_cannot_record(commissioner_client, session):
    assert "Record attendance" not in commissioner_client.get(session.get_absolute_url()).content.decode()
    response = commissioner_client.post(session.get_absolute_url(), {"person": UserFactory().pk, "completed": "on"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_staff_record_attendance_on_the_session_page(staff_client, session, team):
    person = TeamMembershipFactory(team=team).person
    response = staff_client.post(session.get_absolute_url(), {"person": person.pk, "completed": "on"})
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, person=person).completed is True
    assert "Choose who attended" in staff_client.post(session.get_absolute_url(), {}).content.decode()


def test_staff_add_a_session_a_team_and_a_member(staff_client, department):
    response = staff_client.post(
        reverse("compact:training-session-new"),
        {"title": "Third Sector Month open day", "held_on": "2026-11-05", "kind": "third_sector_month"},
    )
    assert response.status_code == 302
    assert TrainingSession.objects.get().kind == "third_sector_month"
    staff_client.post(reverse("compact:team-new"), {"name": "Policy", "body": department.pk})
    team = Team.objects.get(name="Policy")
    person = UserFactory()
    staff_client.post(team.get_absolute_url(), {"person": person.pk, "in_scope": "on", "joined_on": "2026-01-05"})
    assert TeamMembership.objects.get(team=team, person=person).in_scope is True
    duplicate = staff_client.post(reverse("compact:team-new"), {"name": "policy", "body": department.pk})
    assert "already has a team called" in duplicate.content.decode()


def test_list_query_counts_do_not_grow_with_rows(staff_client, department, django_assert_num_queries):
    def add_rows():
        team = TeamFactory(body=department)
        member = TeamMembershipFactory(team=team)
        AttendanceFactory(session=TrainingSessionFactory(team=team), person=member.person)

    add_rows()
    for name in ("training-completion", "training-sessions"):
        staff_client.get(reverse(f"compact:{name}"))
    # Session, person, second factor, roles, navigation; the teams' figures; the overall figures (two).
    with django_assert_num_queries(8) as completion:
        staff_client.get(reverse("compact:training-completion"))
    # The same five; the count; one page of sessions with their attendance counted.
    with django_assert_num_queries(7) as sessions:
        staff_client.get(reverse("compact:training-sessions"))
    for _ in range(6):
        add_rows()
    with django_assert_num_queries(len(completion.captured_queries)):
        staff_client.get(reverse("compact:training-completion"))
    with django_assert_num_queries(len(sessions.captured_queries)):
        staff_client.get(reverse("compact:training-sessions"))
