"""The demo year of consultations loads, with the mix the demo promises."""

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.consultations import load_consultations
from ..models import AlternativeFormatRequest, Consultation, ConsultationResponse, ConsultationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_year_of_consultations():
    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    OrganisationFactory(kind=OrganisationKind.GOVERNMENT_DEPARTMENT)
    OrganisationFactory(kind=OrganisationKind.NDPB)
    load_consultations()
    assert Consultation.objects.count() == 8
    assert Consultation.objects.shorter_than_minimum().count() == 2
    assert Consultation.objects.with_outcome().count() == 1
    assert Consultation.objects.filter(status=ConsultationStatus.DRAFT).count() == 1
    assert ConsultationResponse.objects.filter(status="submitted").count() >= 300
    assert AlternativeFormatRequest.objects.count() == 3
    load_consultations()  # a second load adds nothing
    assert Consultation.objects.count() == 8
