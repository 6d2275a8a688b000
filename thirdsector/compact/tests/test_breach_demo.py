"""The demo breach cases: every state, some anonymous, one escalated and reviewed, some overdue."""

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.breaches import load_breaches
from ..models import BreachCase, BreachStatus
from ..selectors.breaches import overdue_filter

pytestmark = pytest.mark.django_db


def test_the_demo_cases_cover_every_state():
    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    UserFactory(email="commissioner@demo.thirdsector.example", roles=[Role.COMMISSIONER])
    OrganisationFactory(kind=OrganisationKind.GOVERNMENT_DEPARTMENT)
    OrganisationFactory(kind=OrganisationKind.NDPB)
    OrganisationFactory(kind=OrganisationKind.NDPB)
    load_breaches()
    load_breaches()  # a second run adds nothing
    cases = BreachCase.objects.all()
    assert cases.count() == 15
    assert set(cases.values_list("status", flat=True)) == set(BreachStatus.values)
    assert cases.filter(anonymous=True).count() == 3
    assert cases.filter(escalated_at__isnull=False, reviewed_at__isnull=False).count() == 1
    assert cases.filter(overdue_filter(timezone.localdate())).count() >= 2
    assert cases.values("body").distinct().count() == 3
