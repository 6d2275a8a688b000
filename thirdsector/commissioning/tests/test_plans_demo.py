"""The commissioning demo loads plans, involvement, opportunities, lots, interest and consortium bids once."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.plans import load_plans
from ..models import Bid, CommissioningPlan, ConsortiumMember, Interest, InvolvementActivity, Opportunity
from .factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(leeds_council):
    officer = UserFactory(email="council@demo.thirdsector.example", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=officer, organisation=leeds_council, role=MembershipRole.ADMINISTRATOR)
    for gss_code in ("E08000032", "E08000034", "E08000036", "E08000033"):
        CouncilFactory(local_authority=Area.objects.get(gss_code=gss_code))
    for number in range(14):
        OrganisationFactory(name=f"Leeds group {number}")
    load_plans()
    load_plans()
    assert CommissioningPlan.objects.filter(commissioner=leeds_council).count() == 4
    assert CommissioningPlan.objects.count() == 16
    assert Opportunity.objects.count() == 40
    assert InvolvementActivity.objects.filter(plan__commissioner=leeds_council).exclude(what_changed="").exists()
    leeds_plan = CommissioningPlan.objects.get(title="Peer-led mental health support in Leeds")
    assert leeds_plan.history.filter(history_user=officer).exists()
    assert Interest.objects.exists()
    assert ConsortiumMember.objects.filter(consortium__lead__local_authority=leeds_council.local_authority).exists()
    assert Bid.objects.filter(consortium__isnull=False).exists()
