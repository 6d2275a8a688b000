"""The demo awards load a year of awards across size bands and kinds, decisions with and without users, once."""

import datetime
from decimal import Decimal

import pytest

from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.awards import AWARDS_PER_COUNCIL, DECISIONS_PER_COUNCIL, load_awards
from ..models import BidStatus, CommissioningDecision, ContractAward, DecisionInvolvement
from .factories_awards import SubmittedBidFactory

pytestmark = pytest.mark.django_db


def test_the_demo_awards_load_once(leeds_council, other_council, leeds_officer):
    for income in [Decimal(5000), Decimal(50000), Decimal(500000), Decimal(5000000), Decimal(50000000), None]:
        OrganisationFactory(latest_income=income)
    OrganisationFactory(kind=OrganisationKind.OTHER)
    bid = SubmittedBidFactory(lot__opportunity__commissioner=leeds_council)
    load_awards()
    load_awards()
    by_hand = ContractAward.objects.filter(lot__isnull=True)
    assert by_hand.count() == 2 * AWARDS_PER_COUNCIL
    assert by_hand.values("supplier_size_band").distinct().count() == 6
    assert by_hand.values("kind").distinct().count() == 2
    assert by_hand.first().history.exists()
    today = datetime.date.today()
    assert not by_hand.filter(awarded_on__gt=today).exists()
    assert not by_hand.filter(awarded_on__lte=today - datetime.timedelta(days=365)).exists()
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUCCESSFUL
    assert ContractAward.objects.get(winning_bid=bid).history.first().history_user == leeds_officer
    decisions = CommissioningDecision.objects.all()
    assert decisions.count() == 2 * DECISIONS_PER_COUNCIL
    involved = DecisionInvolvement.objects.values("decision").distinct().count()
    assert 0 < involved < decisions.count()
