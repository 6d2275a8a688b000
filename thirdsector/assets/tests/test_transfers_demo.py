"""The demo asset transfers load, at every stage, with payment held before legal completion."""

import pytest

from thirdsector.accounts.demo import load_people
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.transfers import load_transfers
from ..models import Asset, ProposalStatus, TransferProposal
from ..selectors.dashboard import at_risk_table
from ..selectors.proposals import overdue_returns
from .factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_transfers_at_every_stage():
    CouncilFactory(name="Leeds City Council", local_authority=Area.objects.get(gss_code="E08000035"))
    CouncilFactory(name="Bradford Council", local_authority=Area.objects.get(gss_code="E08000032"))
    OrganisationFactory.create_batch(20, kind=OrganisationKind.REGISTERED_CHARITY)
    load_people()
    load_transfers()
    assert Asset.objects.count() == 20
    statuses = set(TransferProposal.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "in_assessment", "funded", "transferred"} <= statuses
    held = TransferProposal.objects.filter(status=ProposalStatus.FUNDED)
    assert all(proposal.award.awaits_payment_condition for proposal in held)
    assert overdue_returns().exists()
    assert len(at_risk_table().rows) == 1
    load_transfers()  # a second load adds nothing
    assert Asset.objects.count() == 20
