"""The demo network loads: about sixty anchors, three years of returns, services, one of each thing waiting."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.network import load_network
from ..models import Anchor, AnchorService, AnchorStatus, FinancialReturn, ReturnStatus

pytestmark = pytest.mark.django_db


def test_the_demo_network_loads_once():
    areas = list(Area.objects.filter(gss_code__startswith="E0", is_current=True).order_by("pk")[:70])
    organisations = [OrganisationFactory(local_authority=area) for area in areas]
    OrganisationFactory(kind="local_authority", local_authority=areas[0])  # a council is never an anchor
    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    member = UserFactory(email="member@demo.thirdsector.example")
    MembershipFactory(user=member, organisation=organisations[5], role=MembershipRole.ADMINISTRATOR)
    load_network()
    load_network()

    assert Anchor.objects.filter(status=AnchorStatus.DESIGNATED).count() == 60
    assert Anchor.objects.filter(status=AnchorStatus.PROPOSED).count() == 1
    assert not Anchor.objects.filter(organisation__kind="local_authority").exists()
    member_anchor = Anchor.objects.get(organisation=organisations[5])
    assert member_anchor.status == AnchorStatus.DESIGNATED
    assert member_anchor.returns.count() == 2  # the latest year is left for the demo member to submit
    assert FinancialReturn.objects.filter(status=ReturnStatus.SUBMITTED).count() == 1
    accepted = FinancialReturn.objects.filter(status=ReturnStatus.ACCEPTED)
    assert accepted.count() == 60 * 3 - 2
    assert accepted.filter(sustainable=True).exists() and accepted.filter(sustainable=False).exists()
    assert AnchorService.objects.values("anchor").distinct().count() == 12
