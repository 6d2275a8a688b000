"""Staff awareness: the share of in-scope staff per team trained, against hand-counted fixtures."""

import datetime

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.compact.models import Attendance, TrainingKind
from thirdsector.compact.selectors.awareness import (
    training_completion_by_team,
    training_completion_overall,
    training_counts_from,
)
from thirdsector.compact.services.awareness import (
    AwarenessError,
    add_team_member,
    create_team,
    record_attendance,
    schedule_session,
)

from .factories import AttendanceFactory, TeamFactory, TeamMembershipFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 1)


@pytest.fixture
def figures(department, ndpb):
    """Hand-counted: Policy team 4 in scope, 2 trained (50%); Grants team 2 in scope, 1 trained (50%),
    shared with Ana; NDPB team 1 in scope, 0 trained; overall 6 people in scope (Ana once), 2 trained (33.3%)."""
    recent = TrainingSessionFactory(held_on=datetime.date(2025, 11, 3))
    expired = TrainingSessionFactory(held_on=datetime.date(2023, 4, 30))  # three years and a day ago
    just_in = TrainingSessionFactory(held_on=datetime.date(2023, 5, 1))  # exactly three years ago: counts
    month = TrainingSessionFactory(held_on=datetime.date(2025, 11, 10), kind=TrainingKind.THIRD_SECTOR_MONTH)
    future = TrainingSessionFactory(held_on=datetime.date(2026, 6, 1))

    policy = TeamFactory(name="Policy", body=department)
    grants = TeamFactory(name="Grants", body=department)
    ndpb_team = TeamFactory(name="Programmes", body=ndpb)
    empty = TeamFactory(name="Finance", body=department)

    ana, ben, cal, dee, eve, fay, gus = (
        UserFactory(full_name=name) for name in ["Ana", "Ben", "Cal", "Dee", "Eve", "Fay", "Gus"]
    )
    for person in (ana, ben, cal, dee):
        TeamMembershipFactory(team=policy, person=person)
    TeamMembershipFactory(team=policy, person=UserFactory(), in_scope=False)  # admin support, trained or not
    TeamMembershipFactory(team=grants, person=ana)
    TeamMembershipFactory(team=grants, person=eve)
    TeamMembershipFactory(team=ndpb_team, person=fay)
    TeamMembershipFactory(team=empty, person=gus, in_scope=False)

    AttendanceFactory(session=recent, person=ana)  # trained
    AttendanceFactory(session=just_in, person=ben)  # trained, just
    AttendanceFactory(session=expired, person=cal)  # expired
    AttendanceFactory(session=recent, person=dee, completed=False)  # attended, did not complete
    AttendanceFactory(session=month, person=eve)  # Third Sector Month is not Compact training
    AttendanceFactory(session=future, person=fay)  # not yet held
    return {"policy": policy, "grants": grants, "ndpb": ndpb_team, "empty": empty}


def test_training_counts_for_three_years(settings):
    assert training_counts_from(TODAY) == datetime.date(2023, 5, 1)
    settings.COMPACT_TRAINING_VALID_YEARS = 2
    assert training_counts_from(TODAY) == datetime.date(2024, 5, 1)


def test_completion_per_team_against_hand_counted_figures(figures):
    rows = {row.team.name: (row.in_scope, row.trained, None if row.share is None else str(row.share))
            for row in training_completion_by_team(today=TODAY)}  # fmt: skip
    assert rows == {
        "Policy": (4, 2, "50.0"),
        "Grants": (2, 1, "50.0"),
        "Programmes": (1, 0, "0.0"),
        "Finance": (0, 0, None),
    }


def test_overall_completion_counts_each_person_once(figures):
    overall = training_completion_overall(today=TODAY)
    assert (overall.in_scope, overall.trained, str(overall.share)) == (6, 2, "33.3")


def test_a_shorter_validity_expires_more_training(figures, settings):
    settings.COMPACT_TRAINING_VALID_YEARS = 1
    rows = {row.team.name: row.trained for row in training_completion_by_team(today=TODAY)}
    assert rows["Policy"] == 1  # only Ana's November training counts


def test_completion_is_one_query_however_many_teams(figures, django_assert_num_queries):
    with django_assert_num_queries(1):
        training_completion_by_team(today=TODAY)
    for _ in range(5):
        TeamMembershipFactory()
    with django_assert_num_queries(1):
        training_completion_by_team(today=TODAY)


def test_staff_keep_teams_sessions_and_attendance_with_audit(department, staff_user):
    team = create_team(name="Policy", body=department, by=staff_user)
    person = UserFactory()
    add_team_member(team=team, person=person, in_scope=True, by=staff_user)
    membership = add_team_member(team=team, person=person, in_scope=False, by=staff_user)
    assert membership.in_scope is False
    assert team.memberships.count() == 1
    session = schedule_session(
        title="Compact basics", held_on=TODAY, kind=TrainingKind.COMPACT_TRAINING, team=team, by=staff_user
    )
    record_attendance(session=session, person=person, completed=False, by=staff_user)
    attendance = record_attendance(session=session, person=person, completed=True, by=staff_user)
    assert Attendance.objects.get().completed is True
    record = attendance.history.first()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Attendance recorded")


def test_a_team_name_is_unique_within_a_body(department, staff_user):
    create_team(name="Policy", body=department, by=staff_user)
    with pytest.raises(AwarenessError, match="already has a team called"):
        create_team(name="policy", body=department, by=staff_user)


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.BOARD_MEMBER, Role.ASSESSOR])
def test_only_staff_change_training_records(department, role):
    with pytest.raises(AwarenessError):
        create_team(name="Policy", body=department, by=UserFactory(roles=[role]))
