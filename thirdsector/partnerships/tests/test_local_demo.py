"""The local partnerships demo loads LSPs, LAAs, funding returns and logs for Leeds and ten other councils."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.local import load_local
from ..models import EngagementActivity, FundingPracticeReturn, LocalStrategicPartnership

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_for_leeds_and_ten_others(leeds_council):
    for number in range(12):
        OrganisationFactory(name=f"Council {number}", kind="local_authority")
    officer = UserFactory(email="council@demo.thirdsector.example", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=officer, organisation=leeds_council, role=MembershipRole.ADMINISTRATOR)
    load_local()
    load_local()
    assert LocalStrategicPartnership.objects.count() == 11
    leeds = LocalStrategicPartnership.objects.get(council=leeds_council)
    assert leeds.history.first().history_user == officer
    assert leeds.agreements.get().targets.filter(indicator__number__in=[6, 7]).count() == 2
    assert FundingPracticeReturn.objects.filter(council=leeds_council).count() == 3
    assert EngagementActivity.objects.filter(council=leeds_council).count() == 4
