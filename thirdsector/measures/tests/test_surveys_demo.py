"""The demo surveys load through the services: last year's closed, this year's open, answered with evidence."""

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.surveys import load_surveys
from ..models import Survey, SurveyAnswer, SurveyResponse, SurveyStatus
from ..selectors.surveys import stakeholders_agreeing

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_closed_and_an_open_survey_with_answers_and_evidence():
    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    for number in range(40):
        kind = [OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIC, OrganisationKind.LOCAL_AUTHORITY][number % 3]
        OrganisationFactory(kind=kind, email=f"hello@org{number}.example.org")
    load_surveys()
    last, this = Survey.objects.order_by("year")
    assert (last.status, this.status) == (SurveyStatus.CLOSED, SurveyStatus.OPEN)
    assert last.invitations.count() == this.invitations.count() == 40
    assert SurveyResponse.objects.filter(invitation__survey=last).count() > 0
    assert SurveyAnswer.objects.exclude(evidence_text="").exists()
    headline = stakeholders_agreeing(year=last.year)[0]
    assert headline.denominator > 0 and headline.value is not None
    load_surveys()  # a second load adds nothing
    assert Survey.objects.count() == 2
