import pytest
from django.urls import reverse
from django_otp.oath import totp

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")
PASSWORD = "correct horse battery staple"


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_it_signs_in_an_organisation_member_with_email_and_password(client):
    user = UserFactory(email="mo@example.org")
    response = client.post(SIGN_IN, {"email": "Mo@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_refuses_a_wrong_password_with_a_message_by_the_field(client):
    UserFactory(email="mo@example.org")
    response = client.post(SIGN_IN, {"email": "mo@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert b"Enter a correct email address and password" in response.content
    assert b"govuk-error-summary" in response.content
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_it_asks_for_missing_fields(client):
    response = client.post(SIGN_IN, {"email": "", "password": ""})
    assert b"Enter your email address" in response.content
    assert b"Enter your password" in response.content
    assert b"<title>Error: Sign in" in response.content


def test_it_only_follows_next_links_to_this_site(client):
    UserFactory(email="mo@example.org")
    response = client.post(SIGN_IN, {"email": "mo@example.org", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("role", [Role.DEPARTMENT_STAFF, Role.ASSESSOR, Role.COMMISSIONER, Role.PLATFORM_ADMIN])
def test_roles_that_need_a_second_factor_are_asked_for_a_code(client, role):
    user = UserFactory(email="s@example.org", roles=[role])
    TOTPDeviceFactory(user=user)
    response = client.post(SIGN_IN, {"email": "s@example.org", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert client.get(reverse("register:search"))["Location"].startswith(reverse("accounts:verify"))


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.COUNCIL_OFFICER, Role.FUND_ADMINISTRATOR])
def test_other_roles_do_not_need_a_second_factor(client, role):
    UserFactory(email="b@example.org", roles=[role])
    client.post(SIGN_IN, {"email": "b@example.org", "password": PASSWORD})
    assert client.get(reverse("register:search")).status_code == 200


def test_a_correct_code_completes_sign_in(client):
    user = UserFactory(email="s@example.org", roles=[Role.DEPARTMENT_STAFF])
    device = TOTPDeviceFactory(user=user)
    client.post(SIGN_IN, {"email": "s@example.org", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "/organisations/"})
    assert response["Location"] == "/organisations/"
    assert client.get("/organisations/").status_code == 200


def test_a_wrong_code_is_refused(client):
    user = UserFactory(email="s@example.org", roles=[Role.DEPARTMENT_STAFF])
    TOTPDeviceFactory(user=user)
    client.post(SIGN_IN, {"email": "s@example.org", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": "000000"})
    assert b"The security code is wrong" in response.content
    assert client.get("/organisations/").status_code == 302


def test_a_code_must_be_six_digits(client):
    user = UserFactory(email="s@example.org", roles=[Role.DEPARTMENT_STAFF])
    TOTPDeviceFactory(user=user)
    client.post(SIGN_IN, {"email": "s@example.org", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": "12ab"})
    assert b"Enter the 6-digit security code" in response.content


def test_staff_without_an_authenticator_set_one_up_before_going_on(client):
    UserFactory(email="s@example.org", roles=[Role.DEPARTMENT_STAFF])
    client.post(SIGN_IN, {"email": "s@example.org", "password": PASSWORD})
    response = client.get(reverse("accounts:verify"))
    assert response["Location"].startswith(reverse("accounts:set-up-authenticator"))
    page = client.get(response["Location"])
    assert b"<svg" in page.content
    device = page.context["user"].totpdevice_set.get(confirmed=False)
    client.post(reverse("accounts:set-up-authenticator"), {"code": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/organisations/").status_code == 200


def test_sign_out_ends_the_session(client):
    UserFactory(email="mo@example.org")
    client.post(SIGN_IN, {"email": "mo@example.org", "password": PASSWORD})
    client.post(reverse("accounts:sign-out"))
    assert "_auth_user_id" not in client.session


def test_sign_out_refuses_get(client):
    assert client.get(reverse("accounts:sign-out")).status_code == 405


def test_sessions_end_when_the_browser_closes_and_after_a_set_time(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
