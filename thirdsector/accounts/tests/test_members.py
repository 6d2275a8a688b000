import pytest
from django.urls import reverse

from thirdsector.accounts.models import Membership
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.ADMINISTRATOR).user


def members_url(organisation):
    return reverse("accounts:members", args=[organisation.pk])


def test_an_administrator_adds_a_person_by_email(administrator, organisation):
    UserFactory(email="new@example.org", full_name="New Person")
    response = signed_in_client(administrator).post(
        members_url(organisation), {"email": "New@Example.org", "role": "editor", "reason": "Joined"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new@example.org")
    assert membership.role == MembershipRole.EDITOR
    assert membership.history.latest().history_user == administrator


def test_adding_someone_without_an_account_says_so(administrator, organisation):
    response = signed_in_client(administrator).post(
        members_url(organisation), {"email": "nobody@example.org", "role": "editor", "reason": "Joined"}
    )
    assert b"There is no account with that email address" in response.content


def test_a_person_may_belong_to_several_organisations_with_a_role_in_each(organisation, other_organisation):
    person = UserFactory()
    MembershipFactory(user=person, organisation=organisation, role=MembershipRole.ADMINISTRATOR)
    MembershipFactory(user=person, organisation=other_organisation, role=MembershipRole.VIEWER)
    page = signed_in_client(person).get(reverse("accounts:your-organisations")).content.decode()
    assert "Leeds Tenants Federation" in page
    assert "Bradford Food Bank" in page
    assert "Administrator" in page
    assert "Viewer" in page


def test_the_last_administrator_cannot_be_removed(administrator, organisation):
    membership = Membership.objects.get(user=administrator)
    response = signed_in_client(administrator).post(
        reverse("accounts:membership-change", args=[membership.pk]), {"role": "remove", "reason": "Leaving"}
    )
    assert b"Every organisation needs an administrator" in response.content
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_administrator_changes_a_role_and_removes_a_member(administrator, member_user, organisation):
    client = signed_in_client(administrator)
    membership = Membership.objects.get(user=member_user)
    url = reverse("accounts:membership-change", args=[membership.pk])
    client.post(url, {"role": "viewer", "reason": "Stepped back"})
    membership.refresh_from_db()
    assert membership.role == MembershipRole.VIEWER
    client.post(url, {"role": "remove", "reason": "Left"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_editors_and_other_organisations_administrators_may_not_manage_members(member_client, organisation):
    assert member_client.get(members_url(organisation)).status_code == 403
    elsewhere = MembershipFactory(role=MembershipRole.ADMINISTRATOR).user
    assert signed_in_client(elsewhere).get(members_url(organisation)).status_code == 403


def test_staff_manage_any_organisations_members(staff_client, organisation):
    assert staff_client.get(members_url(organisation)).status_code == 200


def test_the_public_is_asked_to_sign_in(client, organisation):
    assert client.get(members_url(organisation)).status_code == 302
