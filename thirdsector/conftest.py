"""Fixtures shared by every app's tests: people in each role, signed in as a browser would be."""

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from thirdsector.register.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: API throttling counts requests per user id, and ids repeat
    from test to test, so one test's requests must not count against the next."""
    cache.clear()
    yield


def signed_in_client(user, *, verified: bool = True) -> Client:
    """A client signed in as `user`; people whose roles need it have proved their second factor."""
    client = Client()
    client.force_login(user)
    if verified and user.needs_second_factor:
        device = user.totpdevice_set.first() or TOTPDeviceFactory(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Leeds Tenants Federation")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Bradford Food Bank")


@pytest.fixture
def staff_user(db):
    return UserFactory(full_name="Sam Staff", roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def commissioner_user(db):
    return UserFactory(full_name="Chris Commissioner", roles=[Role.COMMISSIONER])


@pytest.fixture
def assessor_user(db):
    return UserFactory(full_name="Alex Assessor", roles=[Role.ASSESSOR])


@pytest.fixture
def board_member_user(db):
    return UserFactory(full_name="Bo Board", roles=[Role.BOARD_MEMBER])


@pytest.fixture
def council_officer_user(db):
    return UserFactory(full_name="Cal Council", roles=[Role.COUNCIL_OFFICER])


@pytest.fixture
def member_user(organisation):
    """An editor of `organisation` only."""
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def viewer_user(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.VIEWER).user


@pytest.fixture
def staff_client(staff_user):
    return signed_in_client(staff_user)


@pytest.fixture
def member_client(member_user):
    return signed_in_client(member_user)


@pytest.fixture
def commissioner_client(commissioner_user):
    return signed_in_client(commissioner_user)


# Every key of `clients_by_role`, for tests that go through them all.
ALL_ROLES = (
    "public",
    "department_staff",
    "assessor",
    "commissioner",
    "board_member",
    "council_officer",
    "fund_administrator",
    "platform_admin",
    "organisation_member",
    "member_elsewhere",
)
STAFF_ROLES = frozenset({"department_staff", "platform_admin"})


@pytest.fixture
def clients_by_role(db, organisation):
    """One signed-in client per role, plus the public; for tables of who may and may not."""
    people = {
        "public": None,
        "department_staff": UserFactory(roles=[Role.DEPARTMENT_STAFF]),
        "assessor": UserFactory(roles=[Role.ASSESSOR]),
        "commissioner": UserFactory(roles=[Role.COMMISSIONER]),
        "board_member": UserFactory(roles=[Role.BOARD_MEMBER]),
        "council_officer": UserFactory(roles=[Role.COUNCIL_OFFICER]),
        "fund_administrator": UserFactory(roles=[Role.FUND_ADMINISTRATOR]),
        "platform_admin": UserFactory(roles=[Role.PLATFORM_ADMIN]),
        "organisation_member": MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user,
        "member_elsewhere": MembershipFactory(role=MembershipRole.ADMINISTRATOR).user,
    }
    return {role: (Client() if user is None else signed_in_client(user)) for role, user in people.items()}
