"""The fund on the engine, administered by an outside body, and the people who take each step."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo.stages import Cast, proposal_at
from ..services.fund import set_up_fund
from .factories import AssetFactory, CouncilFactory


@pytest.fixture
def lottery(db):
    return OrganisationFactory(name="Big Lottery Fund", kind=OrganisationKind.NDPB, latest_income=None)


@pytest.fixture
def fund_administrator(lottery):
    user = UserFactory(full_name="Gareth Fund", roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=user, organisation=lottery, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def second_fund_administrator(lottery):
    user = UserFactory(full_name="Gwen Fund", roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=user, organisation=lottery, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def other_fund_administrator(db):
    """A fund administrator of another outside body: runs nothing here."""
    body = OrganisationFactory(name="Arts Council England", kind=OrganisationKind.NDPB, latest_income=None)
    user = UserFactory(full_name="Olwen Other", roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=user, organisation=body, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def fund(lottery, staff_user):
    today = timezone.localdate()
    first = financial_year_of(today)
    programme, _round = set_up_fund(
        body=lottery,
        by=staff_user,
        budgets={first: Decimal("10000000.00"), first + 1: Decimal("10000000.00")},
        round_opens_on=today - datetime.timedelta(days=30),
        round_closes_on=today + datetime.timedelta(days=90),
    )
    return programme


@pytest.fixture
def council(db):
    return CouncilFactory(name="Leeds City Council")


@pytest.fixture
def officer(council):
    user = UserFactory(full_name="Fatima Officer", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=user, organisation=council, role=MembershipRole.ADMINISTRATOR)
    return user


@pytest.fixture
def proposer_organisation(db):
    return OrganisationFactory(name="Holbeck Together")


@pytest.fixture
def proposer(proposer_organisation):
    return MembershipFactory(organisation=proposer_organisation, role=MembershipRole.ADMINISTRATOR).user


@pytest.fixture
def assessor(db):
    return UserFactory(full_name="Alex Assessor", roles=[Role.ASSESSOR])


@pytest.fixture
def cast(officer, proposer, fund_administrator, assessor):
    return Cast(council_officer=officer, proposer=proposer, fund_administrator=fund_administrator, assessor=assessor)


@pytest.fixture
def asset(council, officer):
    return AssetFactory(council=council, offered_by=officer)


@pytest.fixture
def at_stage(fund, asset, proposer_organisation, cast):
    """`at_stage("funded")`: a proposal for `asset` taken to that stage by the real services."""

    def make(stage, **kwargs):
        return proposal_at(stage, asset=asset, organisation=proposer_organisation, cast=cast, **kwargs)

    return make


@pytest.fixture
def client_for():
    return signed_in_client
