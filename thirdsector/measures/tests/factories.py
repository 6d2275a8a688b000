"""Factories of the measures app's models; defaults are valid and open for responses."""

import datetime

import factory

from thirdsector.compact.models.consultations import QuestionKind
from thirdsector.measures.models import (
    BoardPack,
    BoardPackStatus,
    Survey,
    SurveyAnswer,
    SurveyGroup,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open survey for 2026; it closes far in the future so pages that read today's date accept responses."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Stakeholder survey {n}")
    year = 2026
    opens_on = datetime.date(2026, 1, 5)
    closes_on = datetime.date(2099, 12, 31)
    intro = "Tell us how well the department and the sector work together."
    status = SurveyStatus.OPEN


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    """The headline question, unless told otherwise."""

    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The department and the sector work well together"
    kind = QuestionKind.AGREE_SCALE
    required = True
    is_headline = True


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    survey = factory.SubFactory(SurveyFactory)
    organisation = factory.SubFactory("thirdsector.register.tests.factories.OrganisationFactory")
    group = SurveyGroup.CHARITIES
    emails = factory.LazyAttribute(lambda o: [f"hello@{o.organisation.pk}.example.org"])


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    invitation = factory.SubFactory(SurveyInvitationFactory)
    submitted_at = factory.LazyFunction(lambda: datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC))


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyAnswer

    response = factory.SubFactory(SurveyResponseFactory)
    question = factory.SubFactory(SurveyQuestionFactory)
    text = "Agree"


class BoardPackFactory(factory.django.DjangoModelFactory):
    """A queued pack for quarter 2 of 2026 to 2027 on a new partnership board; `ready=True` gives it a
    stored HTML page and PDF (a stand-in, not generated) so its pages and download can be read."""

    class Meta:
        model = BoardPack

    class Params:
        ready = factory.Trait(
            status=BoardPackStatus.READY,
            html='<h1 class="govuk-heading-l">Quarterly progress pack</h1>',
            pdf=factory.django.FileField(filename="pack.pdf", data=b"%PDF-1.7 stand-in"),
            generated_at=factory.LazyFunction(lambda: datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)),
        )

    board = factory.SubFactory("thirdsector.partnerships.tests.factories.BoardFactory", kind="partnership")
    year = 2026
    quarter = 2
    version = factory.Sequence(lambda n: n + 1)
    reason = "For the board's meeting"
    step_count = 4
