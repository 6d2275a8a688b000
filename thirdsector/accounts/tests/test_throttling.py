import pytest
from django.urls import reverse

from thirdsector.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")


def test_repeated_failed_sign_ins_lock_the_account_for_that_address(client, settings):
    UserFactory(email="mo@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(SIGN_IN, {"email": "mo@example.org", "password": "wrong"}).status_code == 200
    locked = client.post(SIGN_IN, {"email": "mo@example.org", "password": "wrong"})
    assert locked.status_code == 429
    assert b"You cannot sign in for an hour" in locked.content
    # Even the right password is refused while locked.
    again = client.post(SIGN_IN, {"email": "mo@example.org", "password": "correct horse battery staple"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lock_on_one_account_does_not_lock_another(client, settings):
    UserFactory(email="mo@example.org")
    UserFactory(email="jo@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"email": "mo@example.org", "password": "wrong"})
    response = client.post(SIGN_IN, {"email": "jo@example.org", "password": "correct horse battery staple"})
    assert response.status_code == 302
