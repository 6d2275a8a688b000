"""A small, hand-counted Compact year for the dashboard and statistics tests.

Rows are written directly (not through the workflows) so each figure's inputs are plain to see; the
expected figures are written out in EXPECTED beside them.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import PolicyArea

from ..models import Commitment
from ..models.awareness import Attendance, Team, TeamMembership, TrainingKind, TrainingSession
from ..models.breaches import BreachCase, BreachStatus
from ..models.consultations import Consultation, ConsultationStatus
from ..models.proofing import AssessmentStatus, Policy, ProofingAssessment

_references = itertools.count(1)


def this_year() -> int:
    return timezone.localdate().year


def day(month: int, number: int, year: int | None = None) -> datetime.date:
    return datetime.date(year or this_year(), month, number)


def breach(body, *, reported_on, status=BreachStatus.REPORTED, outcome="", closed_on=None, commitments=()):
    case = BreachCase.objects.create(
        reference=f"TEST-{next(_references):05d}",
        body=body,
        what_happened="They gave us two weeks to respond.",
        happened_on=reported_on - datetime.timedelta(days=3),
        reported_on=reported_on,
        acknowledge_due_on=reported_on + datetime.timedelta(days=7),
        response_due_on=reported_on + datetime.timedelta(days=28),
        status=status,
        outcome=outcome,
        closed_on=closed_on,
    )
    case.commitments.set(commitments)
    return case


def consultation(body, *, opens_on, status=ConsultationStatus.PUBLISHED, short=False, outcome_due_on=None):
    return Consultation.objects.create(
        body=body,
        policy_area=PolicyArea.objects.get_or_create(slug="communities", defaults={"name": "Communities"})[0],
        title=f"Consultation of {opens_on}",
        summary="What we are asking about.",
        who_is_consulted="The voluntary and community sector.",
        how_to_respond="Online, by email or by post.",
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(weeks=8 if short else 12),
        status=status,
        shorter_than_minimum=short,
        minimum_weeks_applied=None if status == ConsultationStatus.DRAFT else 12,
        outcome_due_on=outcome_due_on,
    )


def policy(body, *, decision_date, assessments=(), assessor=None):
    made = Policy.objects.create(
        body=body, title="A new grants policy", summary="What it does.", decision_date=decision_date
    )
    for status in assessments:
        ProofingAssessment.objects.create(policy=made, status=status, assessor=assessor)
    return made


def member(team, *, in_scope=True):
    person = UserFactory(roles=[Role.DEPARTMENT_STAFF])
    TeamMembership.objects.create(team=team, person=person, in_scope=in_scope, joined_on=datetime.date(2015, 1, 1))
    return person


def attended(person, session, *, completed=True):
    Attendance.objects.create(person=person, session=session, completed=completed)


@dataclass
class CompactYear:
    department: object
    ndpb: object
    commitments: list
    policy_team: object
    grants_team: object


# What the fixture below must give, counted by hand.
EXPECTED = {
    "breaches": {  # body: (reported, upheld or partly, resolved, median days to resolve)
        "department": (4, 2, 2, 25),
        "ndpb": (2, 1, 1, 10),
        "all": (6, 3, 3, 20),
    },
    "commitments": [(3, 2, 3), (2, 2, 1), (2, 0, 0)],  # by commitment, in the order of `commitments`
    "consultations": {"department": (3, 1, 1), "ndpb": (1, 1, 0)},  # published, short, outcomes overdue
    "proofing": {"department": (3, 2), "ndpb": (1, 0)},  # policies, proofed
    "training": {"Grants team": (1, 1), "Policy team": (3, 1)},  # in-scope staff, completed
}


def build_compact_year(department, ndpb) -> CompactYear:
    """The department and an NDPB with breaches, consultations, policies and training in this year, and
    a row of each in the year before that no figure for this year may count."""
    today = timezone.localdate()
    first, second, third = Commitment.objects.order_by("pk")[:3]
    # Breaches this year.
    breach(
        department, reported_on=day(1, 10), status=BreachStatus.CLOSED, outcome="upheld",
        closed_on=day(1, 30), commitments=[first, second],
    )  # fmt: skip
    breach(
        department, reported_on=day(2, 1), status=BreachStatus.CLOSED, outcome="not_upheld",
        closed_on=day(3, 3), commitments=[first],
    )  # fmt: skip
    breach(
        department,
        reported_on=day(2, 5),
        status=BreachStatus.PARTLY_UPHELD,
        outcome="partly_upheld",
        commitments=[second],
    )
    breach(department, reported_on=day(4, 1), commitments=[third])
    breach(
        ndpb, reported_on=day(3, 1), status=BreachStatus.CLOSED, outcome="partly_upheld",
        closed_on=day(3, 11), commitments=[first],
    )  # fmt: skip
    breach(ndpb, reported_on=day(5, 1), status=BreachStatus.ACKNOWLEDGED, commitments=[third])
    # Last year: counted in no figure for this year.
    breach(
        department, reported_on=day(12, 31, this_year() - 1), status=BreachStatus.CLOSED, outcome="upheld",
        closed_on=day(1, 2), commitments=[first],
    )  # fmt: skip

    # Consultations that opened this year.
    consultation(department, opens_on=day(1, 5))
    consultation(
        department, opens_on=day(2, 5), status=ConsultationStatus.CLOSED, short=True,
        outcome_due_on=today - datetime.timedelta(days=1),
    )  # fmt: skip
    consultation(department, opens_on=day(3, 5), status=ConsultationStatus.OUTCOME_PUBLISHED)
    consultation(department, opens_on=day(4, 5), status=ConsultationStatus.DRAFT, short=True)
    consultation(
        ndpb, opens_on=day(1, 20), status=ConsultationStatus.CLOSED, short=True,
        outcome_due_on=today + datetime.timedelta(days=30),
    )  # fmt: skip
    consultation(department, opens_on=day(6, 1, this_year() - 1), short=True)

    # Policies to be decided this year.
    assessor = UserFactory(roles=[Role.DEPARTMENT_STAFF])
    policy(department, decision_date=day(6, 1), assessments=[AssessmentStatus.SIGNED_OFF], assessor=assessor)
    policy(department, decision_date=day(7, 1), assessments=[AssessmentStatus.SUBMITTED], assessor=assessor)
    policy(
        department, decision_date=day(8, 1),
        assessments=[AssessmentStatus.RETURNED, AssessmentStatus.SIGNED_OFF], assessor=assessor,
    )  # fmt: skip
    policy(ndpb, decision_date=day(9, 1))
    policy(ndpb, decision_date=day(9, 1, this_year() - 1), assessments=[AssessmentStatus.SIGNED_OFF], assessor=assessor)

    # Training: valid for COMPACT_TRAINING_VALID_YEARS (3) years.
    policy_team = Team.objects.get_or_create(name="Policy team", body=department)[0]
    grants_team = Team.objects.get_or_create(name="Grants team", body=ndpb)[0]
    recent = TrainingSession.objects.create(title="Compact training", held_on=today - datetime.timedelta(days=365))
    old = TrainingSession.objects.create(title="Compact training", held_on=today - datetime.timedelta(days=4 * 365))
    month = TrainingSession.objects.create(
        title="Third Sector Month", held_on=today - datetime.timedelta(days=10), kind=TrainingKind.THIRD_SECTOR_MONTH
    )
    trained, expired, did_not_finish = member(policy_team), member(policy_team), member(policy_team)
    attended(trained, recent)
    attended(expired, old)
    attended(expired, month)
    attended(did_not_finish, recent, completed=False)
    attended(member(policy_team, in_scope=False), recent)
    twice = member(grants_team)
    attended(twice, recent)
    attended(twice, TrainingSession.objects.create(title="Refresher", held_on=today - datetime.timedelta(days=5)))
    return CompactYear(department, ndpb, [first, second, third], policy_team, grants_team)
