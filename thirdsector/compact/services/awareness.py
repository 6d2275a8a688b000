"""Staff awareness: teams and who is in them, training sessions and who attended and completed them.

Only department staff and platform admins change these records; every change is audited.
"""

import datetime

from django.db import IntegrityError, transaction

from thirdsector.core.audit import attribute

from ..models import Attendance, CompactBody, Team, TeamMembership, TrainingSession
from ..models.proofing import edits_proofing


class AwarenessError(Exception):
    """A change to teams or training that may not be made, with the reason in plain English."""


def _require_staff(by) -> None:
    if not edits_proofing(by):
        raise AwarenessError("Only department staff can change teams and training records.")


@transaction.atomic
def create_team(*, name: str, body: CompactBody, by) -> Team:
    _require_staff(by)
    if Team.objects.filter(body=body, name__iexact=name.strip()).exists():
        raise AwarenessError(f"{body} already has a team called {name.strip()}.")
    team = Team(name=name.strip(), body=body)
    attribute(team, by=by, reason="Team added")
    team.save()
    return team


@transaction.atomic
def add_team_member(*, team: Team, person, in_scope: bool, by) -> TeamMembership:
    """Adds a person to a team, or changes whether their role there makes or funds policy."""
    _require_staff(by)
    membership = TeamMembership.objects.filter(team=team, person=person).first() or TeamMembership(
        team=team, person=person
    )
    membership.in_scope = in_scope
    attribute(membership, by=by, reason="Team member recorded")
    membership.save()
    return membership


@transaction.atomic
def remove_team_member(*, membership: TeamMembership, by) -> None:
    _require_staff(by)
    attribute(membership, by=by, reason="Left the team")
    membership.delete()


@transaction.atomic
def schedule_session(*, title: str, held_on: datetime.date, kind: str, by, team: Team | None = None) -> TrainingSession:
    _require_staff(by)
    session = TrainingSession(title=title.strip(), held_on=held_on, kind=kind, team=team)
    attribute(session, by=by, reason="Session added")
    session.save()
    return session


@transaction.atomic
def record_attendance(*, session: TrainingSession, person, completed: bool, by) -> Attendance:
    """Records that a person attended, and whether they completed it; recording again updates it."""
    _require_staff(by)
    attendance = Attendance.objects.filter(session=session, person=person).first() or Attendance(
        session=session, person=person
    )
    attendance.completed = completed
    attribute(attendance, by=by, reason="Attendance recorded")
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError as error:
        raise AwarenessError(f"{person} is already recorded at this session.") from error
    return attendance
