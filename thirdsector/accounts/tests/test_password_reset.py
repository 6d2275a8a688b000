import re

import pytest
from django.core import mail
from django.urls import reverse

from thirdsector.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_emails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="mo@example.org")
    response = client.post(reverse("accounts:password-reset"), {"email": "mo@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_url = form_page.redirect_chain[-1][0]
    new_password = "a much longer new password"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password("a much longer new password")


def test_it_does_not_say_whether_an_address_has_an_account(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []


def test_a_used_or_wrong_link_says_it_has_expired(client):
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "wrong-token"]))
    assert b"The link has expired" in response.content


def test_a_weak_new_password_is_refused_by_the_field(client):
    UserFactory(email="mo@example.org")
    client.post(reverse("accounts:password-reset"), {"email": "mo@example.org"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "short", "new_password2": "short"})
    assert b"govuk-error-summary" in response.content
    assert b"too short" in response.content
