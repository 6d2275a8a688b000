"""Fixtures for the funding tests: an open programme with criteria, and people in its roles."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client

from .factories import CriterionFactory, ProgrammeFactory, RoundFactory


@pytest.fixture
def programme(db):
    programme = ProgrammeFactory(name="Strategic Partners Grant Programme", slug="strategic-partners", code="SPG")
    CriterionFactory(programme=programme, name="Reach", weight=2)
    CriterionFactory(programme=programme, name="Capacity", weight=1)
    return programme


@pytest.fixture
def open_round(programme):
    return RoundFactory(programme=programme, name="Core funding 2027 to 2030")


@pytest.fixture
def applicant_admin(organisation):
    """An administrator of `organisation`, who may accept an offer on its behalf."""
    return MembershipFactory(organisation=organisation, role=MembershipRole.ADMINISTRATOR).user


@pytest.fixture
def applicant_admin_client(applicant_admin):
    return signed_in_client(applicant_admin)


@pytest.fixture
def second_staff_user(db):
    return UserFactory(full_name="Pat Payments", roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def second_staff_client(second_staff_user):
    return signed_in_client(second_staff_user)
