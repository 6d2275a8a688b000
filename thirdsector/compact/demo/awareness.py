"""Demo staff awareness for `make run`: teams across the department and NDPBs, Compact training and
Third Sector Month events over the year, attendance giving each team a different share trained.

Most staff joined their team years ago; a few joined this year and one trained member left last year,
so the training coverage of last year and of this year count different teams.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.services import create_person

from ..models import Attendance, Team, TeamMembership, TrainingKind, TrainingSession
from .proofing import compact_bodies

SEED = 4

# Teams whose last in-scope member joined this year (not counted in last year's figure).
JOINED_THIS_YEAR = {"Policy and Strategy", "Community Investment"}

# (body index, team, in-scope staff, others, share of in-scope staff trained)
TEAMS = [
    (0, "Third Sector Funding", 8, 1, 0.9),
    (0, "Policy and Strategy", 10, 2, 0.6),
    (0, "Volunteering", 5, 1, 0.4),
    (0, "Communications", 2, 4, 0.5),
    (1, "Community Investment", 6, 1, 0.3),
    (2, "Programmes", 4, 0, 0.75),
]

FIRST_NAMES = [
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ellen",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jack",
    "Kofi",
    "Lena",
    "Marta",
    "Niall",
    "Olu",
    "Pia",
    "Raj",
    "Sian",
    "Tom",
    "Uma",
]
SURNAMES = [
    "Bailey",
    "Chen",
    "Davies",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "Owen",
    "Patel",
    "Quinn",
]


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@transaction.atomic
def load_awareness() -> None:
    rng = random.Random(SEED)
    bodies = compact_bodies()
    if not bodies:
        return
    compact_sessions = [
        TrainingSession.objects.create(title=f"Compact training: {label}", held_on=_day(offset), kind=kind)
        for label, offset, kind in [
            ("the codes in practice", -330, TrainingKind.COMPACT_TRAINING),
            ("consulting the sector", -250, TrainingKind.COMPACT_TRAINING),
            ("funding and procurement", -160, TrainingKind.COMPACT_TRAINING),
            ("policy proofing", -70, TrainingKind.COMPACT_TRAINING),
            ("refresher", -20, TrainingKind.COMPACT_TRAINING),
        ]
    ]
    expired = TrainingSession.objects.create(
        title="Compact training: introduction (older than three years)",
        held_on=_day(-4 * 365),
        kind=TrainingKind.COMPACT_TRAINING,
    )
    month = [
        TrainingSession.objects.create(title=title, held_on=_day(offset), kind=TrainingKind.THIRD_SECTOR_MONTH)
        for title, offset in [
            ("Third Sector Month: open day with local charities", -150),
            ("Third Sector Month: volunteering in the department", -140),
        ]
    ]
    TrainingSession.objects.create(
        title="Lunch and learn: social enterprise", held_on=_day(-90), kind=TrainingKind.OTHER
    )
    today = timezone.localdate()
    this_year = max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=14))
    joined = random.Random(SEED + 1)  # its own draws, so the attendance drawn below stays as it was
    names = iter(f"{first} {last}" for last in SURNAMES for first in FIRST_NAMES)
    counter = 0
    for index, name, in_scope, others, share in TEAMS:
        body = bodies[min(index, len(bodies) - 1)]
        team = Team.objects.create(name=name, body=body)
        trained_quota = round(in_scope * share)
        for position in range(in_scope + others):
            counter += 1
            person = User.objects.filter(email=f"awareness{counter}@demo.thirdsector.example").first() or create_person(
                email=f"awareness{counter}@demo.thirdsector.example", full_name=next(names), password=None
            )
            scoped = position < in_scope
            joined_on = (
                this_year
                if name in JOINED_THIS_YEAR and position == in_scope - 1
                else today - datetime.timedelta(days=joined.randint(400, 3000))
            )
            TeamMembership.objects.create(team=team, person=person, in_scope=scoped, joined_on=joined_on)
            if scoped and position < trained_quota:
                Attendance.objects.create(session=rng.choice(compact_sessions), person=person, completed=True)
            elif scoped and position == trained_quota:
                # Came to training long ago: it no longer counts.
                Attendance.objects.create(session=expired, person=person, completed=True)
            elif scoped and position == trained_quota + 1:
                Attendance.objects.create(session=compact_sessions[-1], person=person, completed=False)
            if rng.random() < 0.4:
                Attendance.objects.get_or_create(session=rng.choice(month), person=person, defaults={"completed": True})
    _former_member(Team.objects.get(name="Policy and Strategy", body=bodies[0]), expired)


def _former_member(team: Team, session: TrainingSession) -> None:
    """A policy adviser who left the team in the summer of last year, trained in their first year: on the
    team page below the current members, and counted in the years they were in the team."""
    today = timezone.localdate()
    email = "awareness-former@demo.thirdsector.example"
    person = User.objects.filter(email=email).first() or create_person(
        email=email, full_name="Wren Harper", password=None
    )
    TeamMembership.objects.create(
        team=team,
        person=person,
        in_scope=True,
        joined_on=datetime.date(today.year - 4, 3, 1),
        left_on=datetime.date(today.year - 1, 6, 30),
    )
    Attendance.objects.get_or_create(session=session, person=person, defaults={"completed": True})
