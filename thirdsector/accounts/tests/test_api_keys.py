"""Staff issue, list and revoke machine clients' API keys; the key is shown once and kept only as a hash."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from thirdsector.accounts.api_keys import issue_api_key
from thirdsector.accounts.models import ApiKey

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:api-keys")
ISSUE = reverse("accounts:api-key-issue")


def _issue(staff_user, **fields):
    values = {"name": "Leeds directory sync", "contact_email": "it@leeds.example", "rate": "1000/hour"}
    return issue_api_key(by=staff_user, reason="Council directory", **(values | fields))


def test_staff_issue_a_key_shown_once_and_stored_only_as_a_hash(staff_client, organisation):
    response = staff_client.post(
        ISSUE,
        {
            "name": "Leeds directory sync",
            "contact_email": "it@leeds.example",
            "organisation": organisation.pk,
            "rate": "500/hour",
            "expires_on": "31/3/2027",
            "reason": "Council directory",
        },
    )
    assert response.status_code == 200
    key = response.context["issued"].key
    assert key.encode() in response.content
    api_key = ApiKey.objects.get()
    assert (api_key.name, api_key.organisation, api_key.rate) == ("Leeds directory sync", organisation, "500/hour")
    assert key not in api_key.hashed_key and key.startswith(api_key.prefix)
    assert ApiKey.objects.is_valid(key)
    assert api_key.history.get().history_change_reason == "Council directory"
    assert "no-store" in response["Cache-Control"]
    listing = staff_client.get(LIST)
    assert api_key.prefix.encode() in listing.content and key.encode() not in listing.content


def test_a_rate_not_like_1000_per_hour_is_refused(staff_client):
    response = staff_client.post(
        ISSUE, {"name": "Sync", "contact_email": "it@leeds.example", "rate": "lots", "reason": "Test"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["rate"] == ["Enter a rate like 1000/hour"]
    assert not ApiKey.objects.exists()


def test_staff_revoke_a_key_with_a_reason_kept_in_its_history(staff_client, staff_user):
    issued = _issue(staff_user)
    url = reverse("accounts:api-key-revoke", args=[issued.api_key.prefix])
    assert staff_client.post(url, {"reason": ""}).status_code == 200
    assert staff_client.post(url, {"reason": "Contract ended"}).status_code == 302
    api_key = ApiKey.objects.get()
    assert api_key.revoked and api_key.revoked_reason == "Contract ended"
    latest = api_key.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff_user, "Contract ended")
    assert not ApiKey.objects.is_valid(issued.key)


@pytest.mark.parametrize(
    "role", ["assessor", "commissioner", "board_member", "council_officer", "fund_administrator", "organisation_member"]
)
def test_other_roles_are_refused_the_key_pages(clients_by_role, staff_user, role):
    issued = _issue(staff_user)
    client = clients_by_role[role]
    for url in (LIST, ISSUE, reverse("accounts:api-key-revoke", args=[issued.api_key.prefix])):
        assert client.get(url).status_code == 403
    assert client.post(ISSUE, {"name": "X", "contact_email": "x@example.org", "rate": "1/day"}).status_code == 403
    assert ApiKey.objects.count() == 1


def test_the_public_is_asked_to_sign_in(client):
    assert client.get(LIST).status_code == 302


def test_the_command_issues_a_key_and_prints_it_once(staff_user, capsys):
    call_command("issue_api_key", "Nightly sync", "--contact", "ops@example.org", "--by", staff_user.email)
    key = capsys.readouterr().out.strip()
    api_key = ApiKey.objects.get()
    assert ApiKey.objects.is_valid(key) and api_key.rate == "1000/hour" and api_key.issued_by == staff_user


def test_staff_see_the_issue_and_revoke_forms(staff_client, staff_user):
    issued = _issue(staff_user)
    issue_page = staff_client.get(ISSUE)
    assert issue_page.status_code == 200 and b"<h1" in issue_page.content
    revoke_page = staff_client.get(reverse("accounts:api-key-revoke", args=[issued.api_key.prefix]))
    assert revoke_page.status_code == 200 and b"Revoke the key for Leeds directory sync" in revoke_page.content


def test_a_revoked_key_cannot_be_revoked_again(staff_client, staff_user):
    issued = _issue(staff_user)
    url = reverse("accounts:api-key-revoke", args=[issued.api_key.prefix])
    staff_client.post(url, {"reason": "Contract ended"})
    again = staff_client.post(url, {"reason": "Twice"})
    assert again.status_code == 200
    assert again.context["form"].non_field_errors() == ["This key has already been revoked"]
    assert ApiKey.objects.get().revoked_reason == "Contract ended"


def test_the_key_list_takes_the_same_queries_for_more_keys(staff_client, staff_user, django_assert_max_num_queries):
    for number in range(5):
        _issue(staff_user, name=f"Client {number}")
    with django_assert_max_num_queries(8):
        assert staff_client.get(LIST).status_code == 200
