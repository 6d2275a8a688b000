"""Scale data for the Compact benchmark: bodies, consultations with 100,000 responses, breach cases,
policies with their proofing, and teams with their training.

- twelve public bodies, "(Compact scale data)": the department and eleven NDPBs, each a new organisation;
- `consultations` consultations over five calendar years (2022 to 2026), each with four questions (one of
  each kind), a tenth of them shorter than 12 weeks with a recorded reason, their status following from
  their dates against `REFERENCE_DATE` (open, closed with the outcome due or overdue, outcome published),
  and a few drafts;
- `responses` responses with an answer to every question: half of them to one consultation (the largest,
  `LARGEST_CONSULTATION_TITLE`) and a tenth to another (`SECOND_CONSULTATION_TITLE`), for the export
  benchmark to compare, the rest spread over the others; organisations
  respond as the register's scale organisations where there are any;
- `breaches` breach cases over the five years, in every state, older ones mostly closed with their outcome,
  each naming one or two commitments;
- `policies` policies with proofing assessments in every state; two teams a body with in-scope staff and
  Compact training attendance.

Like the funding scale data (`funding/scale_data.py`, whose writers this uses) the rows go in with COPY on
PostgreSQL and `bulk_create` elsewhere, are the same on every run (a seeded generator and a fixed reference
date), and have no history rows.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from itertools import batched

from django.db import connection, transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.core.working_days import add_working_days
from thirdsector.funding.scale_data import _BulkCreateWriter, _CopyWriter
from thirdsector.register.models import Organisation, OrganisationKind, OrganisationStatus, PolicyArea

from .models import Commitment, CompactBody
from .models.awareness import Attendance, Team, TeamMembership, TrainingSession
from .models.breaches import BreachCase, BreachStatus
from .models.consultations import (
    AGREE_SCALE,
    Answer,
    Consultation,
    ConsultationResponse,
    ConsultationStatus,
    Question,
    QuestionKind,
    ResponseChannel,
    ResponseStatus,
)
from .models.proofing import AssessmentStatus, Policy, ProofingAssessment

SEED = 4_000_000
# Statuses and dates follow from this day, not today, so every run writes the same rows.
REFERENCE_DATE = date(2026, 11, 1)
YEARS = tuple(range(2022, 2027))
BATCH_SIZE = 10_000
SCALE_LABEL = "(Compact scale data)"
SCALE_EMAIL_DOMAIN = "compact-scale.thirdsector.example"
LARGEST_CONSULTATION_TITLE = f"Funding the sector through the recovery {SCALE_LABEL}"
SECOND_CONSULTATION_TITLE = f"Volunteering in public services {SCALE_LABEL}"
# The shares of all the responses that go to the largest and the second consultation (half and a tenth:
# the export benchmark compares 10,000 rows with 50,000); the rest are spread over the others.
LARGEST_SHARE, SECOND_SHARE = 0.5, 0.1
BODY_NAMES = [
    "Department for Communities",
    "Community Development Foundation",
    "Capacitybuilders",
    "The Commission for the Compact",
    "Office for Civil Society",
    "Charity Commission",
    "Big Lottery Fund",
    "Sport England",
    "Arts Council England",
    "Natural England",
    "Homes and Communities Agency",
    "Equality and Human Rights Commission",
]
POLICY_TOPICS = [
    "Grants to community groups",
    "Volunteering in public services",
    "Commissioning of local services",
    "Community assets",
    "Funding of infrastructure bodies",
    "Youth services",
    "Social enterprise support",
    "Local Area Agreements",
]
ANSWERS = [
    "Small groups need longer to respond; please give us the full twelve weeks.",
    "We welcome the proposal but worry about the cost of monitoring for small grants.",
    "Three-year funding would let us keep our staff and plan our work.",
    "Please publish the documents in Easy Read and large print.",
    "The proposal does not say how BME-led groups were involved.",
    "Payment in advance is essential for organisations with no reserves.",
]
MULTIPLE_OPTIONS = ["Grants", "Contracts", "Loans", "Volunteering", "Premises"]


class CompactScaleDataError(Exception):
    """The database cannot take the Compact scale data as it stands; the message says what to do."""


@dataclass
class Loaded:
    bodies: int = 0
    consultations: int = 0
    questions: int = 0
    responses: int = 0
    answers: int = 0
    breaches: int = 0
    policies: int = 0
    assessments: int = 0
    teams: int = 0
    staff: int = 0


def compact_scale_bodies_present() -> int:
    return CompactBody.objects.filter(organisation__name__endswith=SCALE_LABEL).count()


def compact_scale_responses_present() -> int:
    return ConsultationResponse.objects.filter(consultation__body__organisation__name__endswith=SCALE_LABEL).count()


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


def _day_in(rng: random.Random, year: int, *, before: date = REFERENCE_DATE) -> date:
    first = date(year, 1, 1)
    last = min(date(year, 12, 31), before)
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


@transaction.atomic
def load_compact_scale_data(
    *,
    responses: int = 100_000,
    consultations: int = 300,
    breaches: int = 5_000,
    policies: int = 600,
    progress: Callable[[str], None] | None = None,
) -> Loaded:
    """Writes the Compact scale data; refuses (CompactScaleDataError) when it is already there."""
    say = progress or (lambda message: None)
    if compact_scale_bodies_present():
        raise CompactScaleDataError(
            f"Compact scale data is already loaded ({compact_scale_responses_present():,} responses): it is "
            "written once. To load it again with other numbers, use a new database."
        )
    if not Commitment.objects.exists() or not PolicyArea.objects.exists():
        raise CompactScaleDataError("The Compact's commitments and the policy areas are missing: run migrate first.")
    writer = _CopyWriter() if connection.vendor == "postgresql" else _BulkCreateWriter()
    generator = _Generator(random.Random(SEED), writer)
    loaded = Loaded()
    loaded.bodies = generator.bodies()
    loaded.consultations, loaded.questions = generator.consultations(consultations)
    say(f"{loaded.consultations:,} consultations")
    loaded.responses, loaded.answers = generator.responses(responses)
    say(f"{loaded.responses:,} responses, {loaded.answers:,} answers")
    loaded.breaches = generator.breaches(breaches)
    say(f"{loaded.breaches:,} breach cases")
    loaded.policies, loaded.assessments = generator.policies(policies)
    loaded.teams, loaded.staff = generator.teams()
    say(f"{loaded.policies:,} policies, {loaded.teams} teams")
    return loaded


def _stage(rng: random.Random, age: int) -> int:
    """How far a case of `age` days has gone, 0 (reported) to 9 (closed): most over four months old are closed."""
    if age > 120:
        return 9 if rng.random() < 0.9 else rng.randint(1, 8)
    return rng.randint(0, min(8, age // 10))


class _Generator:
    def __init__(self, rng: random.Random, writer):
        self.rng = rng
        self.writer = writer
        self.body_ids: list[int] = []
        self.commitment_ids = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
        self.policy_area_ids = list(PolicyArea.objects.order_by("pk").values_list("pk", flat=True))
        self.organisation_ids = list(
            Organisation.objects.filter(website__startswith="https://www.scale-", status=OrganisationStatus.ACTIVE)
            .order_by("pk")
            .values_list("pk", flat=True)[:20_000]
        )
        self.staff, _ = User.objects.get_or_create(
            email=f"compact-lead@{SCALE_EMAIL_DOMAIN}", defaults={"full_name": "Sam Compact-Lead"}
        )
        # Consultations that take responses: (id, [(question id, kind)], opens_on, closes_on).
        self.open_for_responses: list[tuple[int, list[tuple[int, str]], date, date]] = []
        self.largest_id: int | None = None
        self.second_id: int | None = None
        self.counter = 0

    def token(self) -> str:
        return f"{self.rng.getrandbits(192):048x}"

    def bodies(self) -> int:
        for number, name in enumerate(BODY_NAMES):
            organisation = Organisation.objects.create(
                name=f"{name} {SCALE_LABEL}",
                kind=OrganisationKind.GOVERNMENT_DEPARTMENT if number == 0 else OrganisationKind.NDPB,
                email=f"compact{number}@{SCALE_EMAIL_DOMAIN}",
            )
            body = CompactBody.objects.create(
                organisation=organisation,
                compact_lead=self.staff if number == 0 else None,
                lead_name="Sam Compact-Lead",
                lead_email=f"compact-lead{number}@{SCALE_EMAIL_DOMAIN}",
            )
            self.body_ids.append(body.pk)
        return len(self.body_ids)

    def _body(self) -> int:
        # The department consults and is reported most: a quarter of everything, the rest shared.
        return self.body_ids[0] if self.rng.random() < 0.25 else self.rng.choice(self.body_ids[1:])

    def consultations(self, count: int) -> tuple[int, int]:
        rng = self.rng
        drafts = max(count // 30, 1)
        ids = self.writer.reserve_ids(Consultation, count)
        question_ids = self.writer.reserve_ids(Question, count * 4)
        rows, questions = [], []
        largest_year = YEARS[-2]
        for index, pk in enumerate(ids):
            is_draft = index < drafts
            is_largest = index == drafts
            is_second = index == drafts + 1
            year = largest_year if is_largest or is_second else YEARS[index % len(YEARS)]
            short = not (is_largest or is_second) and rng.random() < 0.1
            opens_on = (
                REFERENCE_DATE + timedelta(days=rng.randint(20, 90))
                if is_draft
                else _day_in(rng, year, before=REFERENCE_DATE - timedelta(days=7))
            )
            weeks = rng.randint(4, 10) if short else 12
            closes_on = opens_on + timedelta(weeks=weeks)
            topic = rng.choice(POLICY_TOPICS)
            row = {
                "id": pk,
                "body_id": self.body_ids[0] if is_largest else self._body(),
                "policy_area_id": rng.choice(self.policy_area_ids),
                "title": LARGEST_CONSULTATION_TITLE
                if is_largest
                else SECOND_CONSULTATION_TITLE
                if is_second
                else f"{topic}: consultation {index + 1}",
                "summary": "What we propose and why, and what we would like to know from you.",
                "who_is_consulted": "Voluntary and community organisations, and the people they serve.",
                "how_to_respond": "Online, by email or by post.",
                "opens_on": opens_on,
                "closes_on": closes_on,
                "created_by_id": self.staff.pk,
                "created_at": _moment(opens_on - timedelta(days=30)),
            }
            if short:
                row |= {
                    "short_period_reason": "The funding decision must be made before the end of the financial year.",
                    "short_period_approved_by_name": "Alex Director",
                    "short_period_approved_by_role": "Director, Civil Society",
                    "short_period_approved_on": opens_on - timedelta(days=14),
                }
            if is_draft:
                row["status"] = ConsultationStatus.DRAFT
            else:
                row |= {
                    "minimum_weeks_applied": 12,
                    "shorter_than_minimum": short,
                    "published_at": _moment(opens_on),
                }
                if closes_on >= REFERENCE_DATE:
                    row["status"] = ConsultationStatus.PUBLISHED
                else:
                    due = closes_on + timedelta(weeks=12)
                    row |= {"closed_at": _moment(closes_on + timedelta(days=1)), "outcome_due_on": due}
                    published_on = closes_on + timedelta(days=rng.randint(30, 120))
                    if is_largest or (published_on < REFERENCE_DATE and rng.random() < 0.8):
                        row |= {
                            "status": ConsultationStatus.OUTCOME_PUBLISHED,
                            "outcome_published_on": min(published_on, REFERENCE_DATE),
                            "we_asked": "We asked how the fund should work.",
                            "you_said": "You said small groups need simpler forms and longer funding.",
                            "we_did": "We halved the application form and offer three-year grants.",
                        }
                    else:
                        row["status"] = ConsultationStatus.CLOSED
            rows.append(row)
            own = []
            for number, kind in enumerate(
                (
                    QuestionKind.FREE_TEXT,
                    QuestionKind.SINGLE_CHOICE,
                    QuestionKind.MULTIPLE_CHOICE,
                    QuestionKind.AGREE_SCALE,
                )
            ):
                question_pk = question_ids[index * 4 + number]
                options = {
                    QuestionKind.SINGLE_CHOICE: ["Yes", "No", "Not sure"],
                    QuestionKind.MULTIPLE_CHOICE: MULTIPLE_OPTIONS,
                }
                questions.append(
                    {
                        "id": question_pk,
                        "consultation_id": pk,
                        "number": number + 1,
                        "text": {
                            QuestionKind.FREE_TEXT: "What would you change about the proposal?",
                            QuestionKind.SINGLE_CHOICE: "Does your organisation receive funding from us?",
                            QuestionKind.MULTIPLE_CHOICE: "Which kinds of support do you use?",
                            QuestionKind.AGREE_SCALE: "The proposal will help small groups.",
                        }[kind],
                        "kind": kind,
                        "options": options.get(kind, []),
                        "required": number == 0,
                    }
                )
                own.append((question_pk, kind))
            if not is_draft:
                self.open_for_responses.append((pk, own, opens_on, min(closes_on, REFERENCE_DATE)))
            if is_largest:
                self.largest_id = pk
            if is_second:
                self.second_id = pk
        self.writer.write(Consultation, rows)
        self.writer.write(Question, questions)
        return len(rows), len(questions)

    def responses(self, count: int) -> tuple[int, int]:
        largest = next(item for item in self.open_for_responses if item[0] == self.largest_id)
        second = next(item for item in self.open_for_responses if item[0] == self.second_id)
        others = [item for item in self.open_for_responses if item[0] not in (self.largest_id, self.second_id)]
        to_largest, to_second = int(count * LARGEST_SHARE), int(count * SECOND_SHARE)
        answers_written = 0
        plan = [largest] * to_largest + [second] * to_second
        plan += [self.rng.choice(others) for _ in range(count - len(plan))]
        for batch in batched(plan, BATCH_SIZE):
            ids = self.writer.reserve_ids(ConsultationResponse, len(batch))
            responses, answers = [], []
            for pk, consultation in zip(ids, batch, strict=True):
                response, its_answers = self._response(pk, consultation)
                responses.append(response)
                answers.extend(its_answers)
            self.writer.write(ConsultationResponse, responses)
            self.writer.write(Answer, answers)
            answers_written += len(answers)
        return count, answers_written

    def _response(self, pk: int, consultation) -> tuple[dict, list[dict]]:
        rng = self.rng
        consultation_id, questions, opens_on, closes_on = consultation
        day = opens_on + timedelta(days=rng.randint(0, max((closes_on - opens_on).days, 0)))
        submitted = rng.random() < 0.95
        as_organisation = rng.random() < 0.4 and bool(self.organisation_ids)
        channel = rng.choices([ResponseChannel.ONLINE, ResponseChannel.EMAIL, ResponseChannel.POST], [0.9, 0.07, 0.03])[
            0
        ]
        row = {
            "id": pk,
            "consultation_id": consultation_id,
            "token": self.token(),
            "status": ResponseStatus.SUBMITTED if submitted else ResponseStatus.DRAFT,
            "channel": channel,
            "responding_as": "organisation" if as_organisation else "individual",
            "organisation_id": rng.choice(self.organisation_ids) if as_organisation else None,
            "organisation_name": "A community organisation" if as_organisation else "",
            "name": f"Respondent {pk}",
            "email": f"respondent{pk}@{SCALE_EMAIL_DOMAIN}",
            "publish_name": rng.random() < 0.5,
            "publish_organisation": as_organisation and rng.random() < 0.7,
            "confidential": rng.random() < 0.05,
            "recorded_by_id": self.staff.pk if channel != ResponseChannel.ONLINE else None,
            "created_at": _moment(day, 9),
            "updated_at": _moment(day, 11),
            "submitted_at": _moment(day, 11) if submitted else None,
        }
        answers = []
        for question_pk, kind in questions if submitted else questions[:2]:
            answer = {"response_id": pk, "question_id": question_pk, "text": "", "choices": []}
            if kind == QuestionKind.FREE_TEXT:
                answer["text"] = rng.choice(ANSWERS)
            elif kind == QuestionKind.SINGLE_CHOICE:
                answer["text"] = rng.choice(["Yes", "No", "Not sure"])
            elif kind == QuestionKind.MULTIPLE_CHOICE:
                answer["choices"] = rng.sample(MULTIPLE_OPTIONS, rng.randint(1, 3))
            else:
                answer["text"] = rng.choice(AGREE_SCALE)
            answers.append(answer)
        return row, answers

    def breaches(self, count: int) -> int:
        through = BreachCase.commitments.through
        for batch_start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - batch_start)
            ids = self.writer.reserve_ids(BreachCase, size)
            cases, links = [], []
            for pk in ids:
                case = self._breach(pk)
                cases.append(case)
                for commitment_id in self.rng.sample(self.commitment_ids, self.rng.choice((1, 1, 1, 2))):
                    links.append({"breachcase_id": pk, "commitment_id": commitment_id})
            self.writer.write(BreachCase, cases)
            self.writer.write(through, links)
        return count

    def _breach(self, pk: int) -> dict:
        rng = self.rng
        reported_on = _day_in(rng, rng.choice(YEARS))
        age = (REFERENCE_DATE - reported_on).days
        anonymous = rng.random() < 0.2
        row = {
            "id": pk,
            "reference": f"XBR-{pk:06d}",
            "status_token": self.token(),
            "body_id": self._body(),
            "what_happened": "The body changed the grant terms without notice.",
            "evidence_file": "",
            "happened_on": reported_on - timedelta(days=rng.randint(1, 60)),
            "anonymous": anonymous,
            "reporter_name": "" if anonymous else f"Reporter {pk}",
            "reporter_email": "" if anonymous else f"reporter{pk}@{SCALE_EMAIL_DOMAIN}",
            "reported_on": reported_on,
            "reported_at": _moment(reported_on),
            "acknowledge_due_on": add_working_days(reported_on, 5),
            "response_due_on": add_working_days(reported_on, 20),
        }
        stage = _stage(rng, age)
        outcome = rng.choices(["upheld", "partly_upheld", "not_upheld"], [0.3, 0.25, 0.45])[0]
        # Each step a day within the case so far, a case taking at most about five months.
        steps = sorted(rng.sample(range(1, max(min(age, rng.randint(40, 150)), 9) + 1), 8))

        def on(step: int) -> date:
            return min(reported_on + timedelta(days=steps[step - 1]), REFERENCE_DATE)

        if stage >= 1:
            row["acknowledged_at"] = _moment(min(on(1), row["acknowledge_due_on"]))
        if stage >= 2:
            row |= {"route": rng.choice(["local", "mediation", "commissioner"]), "assessment": "Assessed."}
            row["assessed_at"] = _moment(on(2))
        if stage >= 3:
            row["investigated_at"] = _moment(on(3))
        if stage >= 4:
            row |= {"outcome": outcome, "finding_reasons": "As the investigation found.", "found_at": _moment(on(4))}
            row["found_by_id"] = self.staff.pk
        status = [
            BreachStatus.REPORTED, BreachStatus.ACKNOWLEDGED, BreachStatus.ASSESSED, BreachStatus.INVESTIGATED,
            outcome, outcome, outcome, outcome, outcome, BreachStatus.CLOSED,
        ][stage]  # fmt: skip
        if stage >= 5 and outcome != "not_upheld":
            row |= {"remedy": "An apology and the terms restored.", "remedy_agreed_at": _moment(on(5))}
            if stage < 9:
                status = BreachStatus.REMEDY_AGREED
        if stage == 9:
            closed_on = on(8)
            row |= {"lessons_learned": "Give notice before changing terms.", "closed_on": closed_on}
            row["closed_at"] = _moment(closed_on)
        row["status"] = status
        return row

    def policies(self, count: int) -> tuple[int, int]:
        rng = self.rng
        ids = self.writer.reserve_ids(Policy, count)
        policies, assessments = [], []
        for pk in ids:
            decision_date = _day_in(rng, rng.choice(YEARS), before=date(YEARS[-1], 12, 31))
            policies.append(
                {
                    "id": pk,
                    "body_id": self._body(),
                    "title": f"{rng.choice(POLICY_TOPICS)} policy {pk}",
                    "summary": "What the policy changes.",
                    "policy_area_id": rng.choice(self.policy_area_ids),
                    "owner_id": self.staff.pk,
                    "decision_date": decision_date,
                    "created_at": _moment(decision_date - timedelta(days=120)),
                }
            )
            if rng.random() < 0.8:
                status = rng.choices(
                    [
                        AssessmentStatus.SIGNED_OFF,
                        AssessmentStatus.SUBMITTED,
                        AssessmentStatus.DRAFT,
                        AssessmentStatus.RETURNED,
                    ],
                    [0.6, 0.15, 0.15, 0.1],
                )[0]
                assessment = {
                    "policy_id": pk,
                    "status": status,
                    "assessor_id": self.staff.pk,
                    "effect_on_sector": "Small groups gain simpler forms.",
                    "conclusion": "Consistent with the Compact.",
                    "created_at": _moment(decision_date - timedelta(days=90)),
                }
                if status != AssessmentStatus.DRAFT:
                    assessment["submitted_at"] = _moment(decision_date - timedelta(days=60))
                if status in (AssessmentStatus.SIGNED_OFF, AssessmentStatus.RETURNED):
                    assessment |= {
                        "decided_by_id": self.staff.pk,
                        "decided_at": _moment(decision_date - timedelta(days=50)),
                    }
                assessments.append(assessment)
        self.writer.write(Policy, policies)
        self.writer.write(ProofingAssessment, assessments)
        return len(policies), len(assessments)

    def teams(self, per_body: int = 2, staff_per_team: int = 12) -> tuple[int, int]:
        """Two teams a body with in-scope staff (a few out of scope), and Compact training this year,
        two years ago and four years ago (expired)."""
        rng = self.rng
        sessions = [
            TrainingSession.objects.create(
                title=f"Compact training {SCALE_LABEL}", held_on=REFERENCE_DATE - timedelta(days=days)
            )
            for days in (30, 700, 1500)
        ]
        User.objects.bulk_create(
            [
                User(email=f"staff{number}@{SCALE_EMAIL_DOMAIN}", full_name=f"Staff Member {number}")
                for number in range(len(self.body_ids) * per_body * staff_per_team)
            ]
        )
        people = list(
            User.objects.filter(email__startswith="staff", email__endswith=f"@{SCALE_EMAIL_DOMAIN}").order_by("pk")
        )
        names = ("Policy team", "Grants team", "Communications team", "Research team")[:per_body]
        Team.objects.bulk_create([Team(name=name, body_id=body_id) for body_id in self.body_ids for name in names])
        teams = list(Team.objects.filter(body_id__in=self.body_ids).order_by("pk"))
        memberships, attendances = [], []
        for index, person in enumerate(people):
            team = teams[index // staff_per_team]
            joined_on = REFERENCE_DATE - timedelta(days=rng.randint(30, 2000))
            memberships.append(
                TeamMembership(team=team, person=person, in_scope=rng.random() < 0.9, joined_on=joined_on)
            )
            draw = rng.random()
            if draw < 0.6:
                attendances.append(
                    Attendance(session=rng.choice(sessions), person=person, completed=rng.random() < 0.9)
                )
        TeamMembership.objects.bulk_create(memberships)
        Attendance.objects.bulk_create(attendances)
        return len(teams), len(people)


def vacuum_compact_tables() -> None:
    """Statistics and visibility maps after the bulk load, as the funding scale data does."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(
        model._meta.db_table
        for model in (Consultation, Question, ConsultationResponse, Answer, BreachCase, Policy, ProofingAssessment)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}, {BreachCase.commitments.through._meta.db_table}")
