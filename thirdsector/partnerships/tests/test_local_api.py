"""The LSP and LAA API: public, read-only, keyset pages, in the OpenAPI schema."""

import pytest
from django.urls import reverse

from .factories import (
    AgreementTargetFactory,
    LocalAreaAgreementFactory,
    LocalStrategicPartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db

PARTNERSHIPS = "/api/v1/partnerships/local-partnerships/"
AGREEMENTS = "/api/v1/partnerships/local-area-agreements/"


def test_the_urls_are_named():
    assert reverse("partnerships_api:local-partnership-list") == PARTNERSHIPS
    assert reverse("partnerships_api:local-area-agreement-list") == AGREEMENTS


def test_anyone_reads_the_partnerships_with_their_members(client, leeds_council):
    partnership = LocalStrategicPartnershipFactory(council=leeds_council, name="Leeds Initiative")
    PartnershipMemberFactory(
        partnership=partnership, organisation__name="Voluntary Action Leeds", sector="third_sector"
    )
    data = client.get(PARTNERSHIPS).json()
    [row] = data["results"]
    assert row["council"] == "Leeds City Council"
    assert row["members"] == [
        {
            "organisation_id": row["members"][0]["organisation_id"],
            "organisation": "Voluntary Action Leeds",
            "sector": "third_sector",
        }
    ]
    assert client.get(f"{PARTNERSHIPS}{partnership.pk}/").json()["name"] == "Leeds Initiative"


def test_anyone_reads_the_agreements_with_their_targets(client):
    target = AgreementTargetFactory(target="Up 2 points")
    data = client.get(AGREEMENTS).json()
    [row] = data["results"]
    assert row["id"] == target.agreement_id
    assert row["targets"][0]["target"] == "Up 2 points"


def test_the_api_is_read_only(staff_client):
    assert staff_client.post(PARTNERSHIPS, {}, content_type="application/json").status_code == 405


def test_lists_are_keyset_pages_that_do_not_grow_queries(client, settings, django_assert_max_num_queries):
    for _ in range(3):
        AgreementTargetFactory.create_batch(2, agreement=LocalAreaAgreementFactory())
        PartnershipMemberFactory.create_batch(2)
    with django_assert_max_num_queries(4):
        first = client.get(PARTNERSHIPS, {"page_size": 2}).json()
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    assert {row["id"] for row in second["results"]}.isdisjoint({row["id"] for row in first["results"]})
    with django_assert_max_num_queries(4):
        agreements = client.get(AGREEMENTS).json()
    assert len(agreements["results"]) == 3


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/partnerships/local-partnerships/" in schema
    assert "/api/v1/partnerships/local-area-agreements/{id}/" in schema
