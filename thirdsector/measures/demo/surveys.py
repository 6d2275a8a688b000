"""Demo stakeholder surveys for `make run`: last year's, closed, and this year's, open.

Both are built, opened, sent to every group of the register and answered through the services, so the
invitations, emails, evidence checks and audit records are as real use makes them. About a third of
the organisations answered last year and a sixth so far this year; agreement differs by group and is a
little higher this year; some answers carry evidence (an example, a link, or a short document). Dates
are worked out from today and the answers from a fixed seed, so the demo looks the same whenever it is
loaded. Runs after the register and people loaders (it needs staff@demo.thirdsector.example).
"""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.compact.models.consultations import AGREE_SCALE, QuestionKind

from ..models import Survey, SurveyGroup
from ..services import surveys as service

SEED = 2009
HEADLINE = "The department and the sector work well together"
QUESTIONS = [
    (HEADLINE, QuestionKind.AGREE_SCALE, [], True),
    ("The department keeps the Compact's commitments", QuestionKind.AGREE_SCALE, [], False),
    ("We were consulted early enough to influence decisions", QuestionKind.AGREE_SCALE, [], False),
    (
        "How have you worked with the department this year?",
        QuestionKind.MULTIPLE_CHOICE,
        ["Consultation", "Funding", "Partnership boards", "Training", "Not at all"],
        False,
    ),
    ("What one thing would help us work better together?", QuestionKind.FREE_TEXT, [], False),
]
# The chance an organisation of each group agrees with an agree-scale question, last year.
AGREEING_LAST_YEAR = {
    SurveyGroup.BME_LED: 0.42,
    SurveyGroup.USER_LED: 0.48,
    SurveyGroup.CHARITIES: 0.58,
    SurveyGroup.COMMUNITY_GROUPS: 0.5,
    SurveyGroup.SOCIAL_ENTERPRISES: 0.6,
    SurveyGroup.LOCAL_AUTHORITIES: 0.7,
    SurveyGroup.PUBLIC_BODIES: 0.8,
}
IMPROVEMENT_THIS_YEAR = 0.08
EXAMPLES = [
    "Officers came to our AGM and followed up every question in writing.",
    "The consultation on small grants ran for 12 weeks and our comments changed the final scheme.",
    "We were told about the funding change two weeks before it started: no time to plan.",
    "Our local Compact group meets quarterly and the department's lead always attends.",
    "Payments arrived in advance this year, so we did not need an overdraft.",
    "We asked for an Easy Read version and received it within a fortnight.",
]
SUGGESTIONS = [
    "Three-year funding as the norm.",
    "Hold meetings in the evening so volunteers can come.",
    "Tell us earlier when programmes are changing.",
    "Simpler monitoring forms for small groups.",
]
REASON = "Demo data"


def _build(staff, *, title: str, year: int, opens_on: datetime.date, closes_on: datetime.date) -> Survey:
    survey = service.create_survey(
        by=staff, title=title, year=year, opens_on=opens_on, closes_on=closes_on,
        intro="Each year we ask our partners how well the department and the sector work together, and for "
        "examples that show it. It takes about ten minutes.",
    )  # fmt: skip
    for text, kind, options, headline in QUESTIONS:
        service.add_question(survey=survey, by=staff, text=text, kind=kind, options=options, is_headline=headline)
    service.open_survey(survey=survey, by=staff, reason=REASON)
    service.send_survey(survey=survey, groups=list(SurveyGroup.values), by=staff)
    return survey


def _agree_scale(rng: random.Random, chance: float) -> str:
    if rng.random() < chance:
        return AGREE_SCALE[0] if rng.random() < 0.35 else AGREE_SCALE[1]
    return rng.choices(AGREE_SCALE[2:], weights=[4, 4, 2])[0]


def _evidence(rng: random.Random, number: int) -> service.Evidence:
    roll = rng.random()
    if roll < 0.04:
        text = rng.choice(EXAMPLES)
        document = SimpleUploadedFile(f"evidence-{number}.txt", text.encode(), content_type="text/plain")
        return service.Evidence(text=text, file=document)
    if roll < 0.14:
        return service.Evidence(link=f"https://www.partner-{number}.example.org.uk/annual-report")
    if roll < 0.4:
        return service.Evidence(text=rng.choice(EXAMPLES))
    return service.Evidence()


def _respond(survey: Survey, rng: random.Random, *, share: float, lift: float, today: datetime.date) -> int:
    questions = list(survey.questions.order_by("number"))
    responded = 0
    for invitation in survey.invitations.order_by("pk"):
        if rng.random() >= share:
            continue
        chance = AGREEING_LAST_YEAR[invitation.group] + lift
        answers, evidence = {}, {}
        for question in questions:
            if question.kind == QuestionKind.AGREE_SCALE:
                answers[question.pk] = _agree_scale(rng, chance)
                evidence[question.pk] = _evidence(rng, invitation.pk) if question.is_headline else service.Evidence()
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                answers[question.pk] = rng.sample(question.options[:4], rng.randint(1, 3))
            elif rng.random() < 0.3:
                answers[question.pk] = rng.choice(SUGGESTIONS)
        service.submit_response(invitation=invitation, answers=answers, evidence=evidence, today=today)
        responded += 1
    return responded


@transaction.atomic
def load_surveys() -> None:
    if Survey.objects.exists():
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    if staff is None:
        return
    rng = random.Random(SEED)
    today = timezone.localdate()
    last_year = today.year - 1
    previous = _build(
        staff, title=f"Working together: stakeholder survey {last_year}", year=last_year,
        opens_on=datetime.date(last_year, 4, 1), closes_on=datetime.date(last_year, 6, 30),
    )  # fmt: skip
    _respond(previous, rng, share=0.33, lift=0.0, today=datetime.date(last_year, 5, 15))
    service.close_survey(survey=previous, by=staff, reason="Closing date reached")
    current = _build(
        staff, title=f"Working together: stakeholder survey {today.year}", year=today.year,
        opens_on=today - datetime.timedelta(days=14), closes_on=today + datetime.timedelta(days=42),
    )  # fmt: skip
    _respond(current, rng, share=0.16, lift=IMPROVEMENT_THIS_YEAR, today=today)
