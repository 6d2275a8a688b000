"""Staff awareness: teams and who is in them, training sessions and who attended and completed them.

Only department staff and platform admins change these records; every change is audited.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

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


def _not_in_the_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise AwarenessError(f"The date they {what} must be today or in the past.")


@transaction.atomic
def add_team_member(
    *, team: Team, person, in_scope: bool, by, joined_on: datetime.date | None = None
) -> TeamMembership:
    """Adds a person to a team from the day they joined, or changes whether their role there makes or
    funds policy (a current member keeps the day they joined). Someone who left may rejoin, from their
    leaving day or later."""
    _require_staff(by)
    membership = (
        TeamMembership.objects.select_for_update().filter(team=team, person=person, left_on__isnull=True).first()
    )
    if membership is None:
        joined_on = joined_on or timezone.localdate()
        _not_in_the_future(joined_on, "joined")
        last_left = TeamMembership.objects.filter(team=team, person=person).aggregate(last=Max("left_on"))["last"]
        if last_left is not None and joined_on < last_left:
            raise AwarenessError(
                f"{person} left {team.name} on {last_left:%-d %B %Y}: they can rejoin from that day on."
            )
        membership = TeamMembership(team=team, person=person, joined_on=joined_on)
    membership.in_scope = in_scope
    attribute(membership, by=by, reason="Team member recorded")
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise AwarenessError(f"{person} is already a member of {team.name}.") from error
    return membership


@transaction.atomic
def remove_team_member(*, membership: TeamMembership, left_on: datetime.date, by) -> TeamMembership:
    """Records the day a person left the team. The membership is kept, so the figures for the days they
    were in the team still count them."""
    _require_staff(by)
    membership = TeamMembership.objects.select_for_update().select_related("team", "person").get(pk=membership.pk)
    if membership.left_on is not None:
        raise AwarenessError(
            f"{membership.person} already left {membership.team.name} on {membership.left_on:%-d %B %Y}."
        )
    _not_in_the_future(left_on, "left")
    if left_on < membership.joined_on:
        raise AwarenessError(
            f"The date they left must be on or after the day they joined, {membership.joined_on:%-d %B %Y}."
        )
    membership.left_on = left_on
    attribute(membership, by=by, reason="Left the team")
    membership.save()
    return membership


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
