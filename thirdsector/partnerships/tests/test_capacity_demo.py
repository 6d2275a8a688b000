"""The capacity building demo loads support bodies, their offers and requests in every state, once."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.capacity import NATIONAL, SUPPORT_WORKER, load_capacity
from ..models.capacity import RequestStatus, SupportBody, SupportRequest
from ..selectors.capacity import coverage
from .factories import LocalStrategicPartnershipFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_bodies_requests_in_every_state_and_gaps_once():
    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    member = UserFactory(email="member@demo.thirdsector.example")
    charity = OrganisationFactory(name="Leeds Lunch Club")
    MembershipFactory(user=member, organisation=charity, role=MembershipRole.ADMINISTRATOR)
    for number in range(3):
        OrganisationFactory(name=f"Leeds Charity {number}")
    partnership = LocalStrategicPartnershipFactory(
        council=OrganisationFactory(kind="local_authority", local_authority=Area.objects.get(gss_code="E08000035"))
    )
    load_capacity()
    load_capacity()
    assert SupportBody.objects.filter(organisation__name=NATIONAL, is_national=True).count() == 1
    assert SupportBody.objects.count() == 13
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    completed = SupportRequest.objects.filter(status=RequestStatus.COMPLETED, organisation=charity).get()
    assert completed.outcome_category and completed.history.first().history_user.email == SUPPORT_WORKER
    assert partnership.support_bodies.filter(organisation__name="Voluntary Action Leeds").exists()
    rows = coverage()
    assert any(row.missing for row in rows) and any(not row.missing for row in rows)
