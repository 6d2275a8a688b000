"""Rate limits on every API view, machine clients' API keys, and conditional reads (ETag, Last-Modified, 304)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from thirdsector.accounts.api_keys import issue_api_key, revoke_api_key
from thirdsector.core.api_throttling import PersonRateThrottle, PublicRateThrottle
from thirdsector.register.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
ORGANISATIONS = reverse("register_api:organisation-list")
BREACH_STATISTICS = reverse("compact_api:breach-statistics")


def _key(staff_user, rate="2/minute", **fields):
    return issue_api_key(
        name="Sync", contact_email="it@leeds.example", rate=rate, by=staff_user, reason="Test", **fields
    )


def _with_key(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


def test_a_key_client_reads_what_the_public_reads(client, staff_user, organisation):
    issued = _key(staff_user, rate="100/minute")
    response = client.get(ORGANISATIONS, **_with_key(issued.key))
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [organisation.name]


def test_a_key_client_cannot_write(client, staff_user):
    issued = _key(staff_user, rate="100/minute")
    response = client.post(ORGANISATIONS, {}, content_type="application/json", **_with_key(issued.key))
    assert response.status_code in (401, 403)


def test_a_key_client_cannot_read_what_only_staff_may(client, staff_user):
    issued = _key(staff_user, rate="100/minute")
    response = client.get(reverse("anchors_api:figures-list"), {"year": 2024}, **_with_key(issued.key))
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown"])
def test_a_revoked_expired_or_unknown_key_is_refused(client, staff_user, state):
    issued = _key(staff_user)
    key = issued.key
    if state == "revoked":
        revoke_api_key(api_key=issued.api_key, by=staff_user, reason="Ended")
    elif state == "expired":
        issued.api_key.expiry_date = timezone.now() - datetime.timedelta(days=1)
        issued.api_key.save()
    else:
        key = key[:-4] + "abcd"
    response = client.get(ORGANISATIONS, **_with_key(key))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_key_is_limited_at_its_own_rate_with_retry_after(client, staff_user):
    issued = _key(staff_user, rate="2/minute")
    other = _key(staff_user, rate="2/minute")
    for _ in range(2):
        assert client.get(ORGANISATIONS, **_with_key(issued.key)).status_code == 200
    refused = client.get(ORGANISATIONS, **_with_key(issued.key))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    # Counted by key, not by address: another key from the same address still reads, and so does the public.
    assert client.get(ORGANISATIONS, **_with_key(other.key)).status_code == 200
    assert client.get(ORGANISATIONS).status_code == 200


def test_the_public_is_limited_by_address_on_every_api_view(client, monkeypatch):
    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    for _ in range(2):
        assert client.get(BREACH_STATISTICS).status_code == 200
    refused = client.get(BREACH_STATISTICS)
    assert refused.status_code == 429 and "Retry-After" in refused


def test_people_signed_in_are_limited_by_account(staff_client, monkeypatch):
    monkeypatch.setattr(PersonRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    for _ in range(2):
        assert staff_client.get(ORGANISATIONS).status_code == 200
    assert staff_client.get(ORGANISATIONS).status_code == 429


def test_a_list_carries_an_etag_and_answers_if_none_match_with_304(client, organisation):
    first = client.get(ORGANISATIONS)
    etag = first["ETag"]
    assert etag.startswith('"') and "Authorization" in first["Vary"]
    again = client.get(ORGANISATIONS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    OrganisationFactory(name="Bradford Food Bank")
    changed = client.get(ORGANISATIONS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_detail_read_gives_last_modified_and_304_after_it(client):
    from thirdsector.funding.tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    url = reverse("funding_api:programme-detail", args=[programme.slug])
    response = client.get(url)
    assert response.status_code == 200
    modified = response["Last-Modified"]
    assert modified == http_date(programme.history.latest().history_date.timestamp())
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    earlier = http_date(programme.history.latest().history_date.timestamp() - 60)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_signed_in_read_and_an_aggregate_are_conditional_too(commissioner_client):
    url = reverse("anchors_api:figures-list")
    first = commissioner_client.get(url, {"year": 2024})
    assert first.status_code == 200
    assert commissioner_client.get(url, {"year": 2024}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_writes_and_refusals_carry_no_etag(staff_client, client):
    assert "ETag" not in client.get(ORGANISATIONS, {"kind": "nonsense"})
    assert "ETag" not in staff_client.post(ORGANISATIONS, {}, content_type="application/json")
