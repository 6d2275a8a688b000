"""Reads for the stakeholder survey: results by group and year, the share agreeing with its confidence
interval, the answers and evidence behind each figure, and strategy measure 1 for the indicators.

Only submitted responses exist (a response is written whole when it is submitted), so every answer
read here counts. A question is "answered" when its answer is not empty; of an agree-scale question's
answers, "Strongly agree" and "Agree" are agreeing.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from thirdsector.compact.models.consultations import QuestionKind
from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from ..models import Survey, SurveyAnswer, SurveyGroup, SurveyInvitation, SurveyQuestion
from ..models.surveys import AGREEING

TENTH = Decimal("0.1")


def wilson_interval(agreeing: int, answering: int, *, z: float = 1.96) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion `agreeing` of `answering`, as (low, high) between 0 and 1.

    Chosen over the textbook p ± z·√(p(1−p)/n) because that interval collapses to a single point when
    nobody (or everybody) agrees and runs outside 0–1 for small groups, which surveys of a few dozen
    organisations per group always have. None when nobody answered.
    """
    if answering <= 0:
        return None
    if not 0 <= agreeing <= answering:
        raise ValueError("The number agreeing must be between 0 and the number answering.")
    p = agreeing / answering
    z2 = z * z
    denominator = 1 + z2 / answering
    centre = (p + z2 / (2 * answering)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / answering + z2 / (4 * answering * answering)) / denominator
    # At 0 and n the bound is exactly 0 or 1; floating point would leave a hair's breadth either side.
    low = 0.0 if agreeing == 0 else max(0.0, centre - half_width)
    high = 1.0 if agreeing == answering else min(1.0, centre + half_width)
    return low, high


def _percent(fraction: float) -> Decimal:
    return (Decimal(str(fraction)) * 100).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Agreement:
    """How many answered an agree-scale question and how many agreed, for a group or for everyone."""

    key: str
    label: str
    answering: int
    agreeing: int

    @property
    def share(self) -> Decimal | None:
        if not self.answering:
            return None
        return (Decimal(self.agreeing) * 100 / Decimal(self.answering)).quantize(TENTH, rounding=ROUND_HALF_UP)

    @property
    def interval(self) -> tuple[Decimal, Decimal] | None:
        """The 95% (by default; `SURVEY_CONFIDENCE_Z`) confidence interval of the share, in percent."""
        bounds = wilson_interval(self.agreeing, self.answering, z=settings.SURVEY_CONFIDENCE_Z)
        return None if bounds is None else (_percent(bounds[0]), _percent(bounds[1]))


@dataclass(frozen=True)
class ResponseRate:
    key: str
    label: str
    invited: int
    responded: int

    @property
    def rate(self) -> Decimal | None:
        if not self.invited:
            return None
        return (Decimal(self.responded) * 100 / Decimal(self.invited)).quantize(TENTH, rounding=ROUND_HALF_UP)


GROUP_LABELS = dict(SurveyGroup.choices)


def surveys_for_staff() -> QuerySet[Survey]:
    """Surveys with how many organisations were invited, how many of those emails the background task has
    sent so far, and how many responded."""
    return Survey.objects.annotate(
        invited=Count("invitations", distinct=True),
        emailed=Count("invitations", filter=Q(invitations__emailed_at__isnull=False), distinct=True),
        responded=Count("invitations__response", distinct=True),
    ).order_by("-year", "-opens_on", "-id")


def survey_for_page(pk: int) -> Survey:
    return surveys_for_staff().get(pk=pk)


def survey_years() -> list[int]:
    """Years with a survey that has been opened, newest first."""
    return list(Survey.objects.exclude(status="draft").order_by("-year").values_list("year", flat=True).distinct())


def _answered() -> Q:
    return ~Q(text="") | ~Q(choices=[])


def answers_for(
    *, year: int | None = None, question: int | None = None, headline: bool = False, group: str = "",
    evidence_only: bool = False,
) -> QuerySet[SurveyAnswer]:  # fmt: skip
    """Answers given (not empty), filtered as the results page's links say, shaped for the evidence list."""
    answers = SurveyAnswer.objects.filter(_answered()).select_related(
        "question__survey", "response__invitation__organisation"
    )
    if year is not None:
        answers = answers.filter(question__survey__year=year)
    if question is not None:
        answers = answers.filter(question_id=question)
    if headline:
        answers = answers.filter(question__is_headline=True)
    if group:
        answers = answers.filter(response__invitation__group=group)
    if evidence_only:
        answers = answers.filter(~Q(evidence_text="") | ~Q(evidence_file="") | ~Q(evidence_link=""))
    return answers.order_by("question__survey__year", "question__survey_id", "question__number", "id")


def _agreement_by_group(answers: QuerySet[SurveyAnswer]) -> tuple[list[Agreement], Agreement]:
    """Each group's answering and agreeing, in the groups' order, and everyone's: one query."""
    counted = (
        answers.filter(question__kind=QuestionKind.AGREE_SCALE)
        .order_by()
        .values("response__invitation__group")
        .annotate(answering=Count("id"), agreeing=Count("id", filter=Q(text__in=AGREEING)))
    )
    by_group = {row["response__invitation__group"]: row for row in counted}
    rows = [
        Agreement(key, GROUP_LABELS[key], by_group[key]["answering"], by_group[key]["agreeing"])
        for key in SurveyGroup.values
        if key in by_group
    ]
    total = Agreement("", "All groups", sum(r.answering for r in rows), sum(r.agreeing for r in rows))
    return rows, total


def headline_agreement(year: int) -> tuple[list[Agreement], Agreement]:
    """The headline question's answers in `year`'s survey(s), by group and for everyone."""
    return _agreement_by_group(answers_for(year=year, headline=True))


def question_agreement(question: SurveyQuestion) -> tuple[list[Agreement], Agreement]:
    return _agreement_by_group(answers_for(question=question.pk))


def agree_scale_questions(year: int) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.filter(survey__year=year, kind=QuestionKind.AGREE_SCALE)
        .select_related("survey")
        .order_by("survey_id", "number")
    )


def headline_by_year() -> list[tuple[int, Agreement]]:
    """The headline share for every year with answers, oldest first: one query."""
    counted = (
        answers_for(headline=True)
        .order_by()
        .values("question__survey__year")
        .annotate(answering=Count("id"), agreeing=Count("id", filter=Q(text__in=AGREEING)))
        .order_by("question__survey__year")
    )
    return [
        (
            row["question__survey__year"],
            Agreement("", str(row["question__survey__year"]), row["answering"], row["agreeing"]),
        )
        for row in counted
    ]


def response_rates(year: int) -> tuple[list[ResponseRate], ResponseRate]:
    """Invitations and responses per group for `year`'s survey(s), and for everyone: one query."""
    counted = (
        SurveyInvitation.objects.filter(survey__year=year)
        .order_by()
        .values("group")
        .annotate(invited=Count("id"), responded=Count("response"))
    )
    by_group = {row["group"]: row for row in counted}
    rows = [
        ResponseRate(key, GROUP_LABELS[key], by_group[key]["invited"], by_group[key]["responded"])
        for key in SurveyGroup.values
        if key in by_group
    ]
    total = ResponseRate("", "All groups", sum(r.invited for r in rows), sum(r.responded for r in rows))
    return rows, total


def stakeholders_agreeing(*, year: int) -> list[Measurement]:
    """Strategy measure 1: the share of responses to `year`'s survey(s) agreeing with the headline question
    ("The department and the sector work well together"), then one figure per group.

    The numerator is those answering Strongly agree or Agree, the denominator those answering at all;
    each figure links to exactly those answers on the evidence list, each marked agreeing or not.
    """
    rows, total = headline_agreement(year)
    measurements = [
        Measurement(
            year,
            total.agreeing,
            total.answering,
            rows_url=link("measures:survey-answers", year=year, headline=1),
        )
    ]
    for row in rows:
        measurements.append(
            Measurement(
                year,
                row.agreeing,
                row.answering,
                breakdown="group",
                key=row.key,
                label=row.label,
                rows_url=link("measures:survey-answers", year=year, headline=1, group=row.key),
            )
        )
    return measurements
