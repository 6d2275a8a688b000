"""Open Referral UK: the services feed has the fields the standard requires, pages and filters as it says."""

import uuid

import pytest
from django.urls import reverse

from ..models import AnchorStatus, Taxonomy
from .factories import AnchorFactory, AnchorServiceFactory, ServiceScheduleFactory

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "content"}
SERVICE_FIELDS = {"id", "name", "description", "url", "email", "status", "fees", "organization"}
NESTED = {
    "service_at_locations",
    "contacts",
    "regular_schedules",
    "eligibilitys",
    "service_areas",
    "service_taxonomys",
    "fundings",
    "cost_options",
    "languages",
}


def _is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


@pytest.fixture
def service():
    service = AnchorServiceFactory(name="Warm space café", description="Hot drinks and company", postal_code="LS6 1AA")
    ServiceScheduleFactory(service=service)
    service.taxonomies.add(Taxonomy.objects.get(code="lgsl-food-support"))
    from thirdsector.register.models import Area

    service.service_areas.add(Area.objects.get(gss_code="E08000035"))
    return service


def test_the_list_has_the_standards_page_header(client, service):
    body = client.get("/api/v1/anchors/services").json()
    assert set(body) >= PAGE_FIELDS
    assert (body["total_items"], body["total_pages"], body["page_number"]) == (1, 1, 1)
    assert body["first_page"] and body["last_page"] and not body["empty"]
    assert set(body["content"][0]) >= SERVICE_FIELDS


def test_a_service_has_every_nested_record_the_standard_names(client, service):
    body = client.get(f"/api/v1/anchors/services/{service.uuid}").json()
    assert set(body) >= SERVICE_FIELDS | NESTED
    assert _is_uuid(body["id"])
    assert body["status"] == "active"
    assert {"id", "name"} <= set(body["organization"]) and _is_uuid(body["organization"]["id"])
    location = body["service_at_locations"][0]["location"]
    assert {"id", "name", "latitude", "longitude", "physical_addresses"} <= set(location)
    address = location["physical_addresses"][0]
    assert {"id", "address_1", "city", "postal_code", "country"} <= set(address)
    assert address["postal_code"] == "LS6 1AA"
    assert body["contacts"][0]["phones"][0]["number"] == "0113 496 0000"
    schedule = body["regular_schedules"][0]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"], schedule["freq"]) == (
        "MO",
        "09:30",
        "14:00",
        "WEEKLY",
    )
    assert body["eligibilitys"][0]["minimum_age"] == 18
    assert body["service_areas"][0]["service_area"] == "Leeds"
    taxonomy = body["service_taxonomys"][0]["taxonomy"]
    assert {"id", "name", "vocabulary"} <= set(taxonomy) and taxonomy["vocabulary"] == "LGSL"
    assert body["fundings"][0]["source"] == "National Lottery Community Fund"
    assert body["cost_options"][0]["option"] == "Pay as you feel"
    assert body["languages"][0]["language"] == "English"
    for nested in (body["contacts"][0], schedule, body["service_taxonomys"][0], address):
        assert _is_uuid(nested["id"])


def test_ids_are_stable_from_one_read_to_the_next(client, service):
    url = f"/api/v1/anchors/services/{service.uuid}"
    assert client.get(url).json() == client.get(url).json()


def test_only_services_of_designated_anchors_are_published(client, service):
    hidden = AnchorServiceFactory(anchor=AnchorFactory(status=AnchorStatus.LAPSED), name="Lapsed")
    body = client.get("/api/v1/anchors/services").json()
    assert [item["name"] for item in body["content"]] == ["Warm space café"]
    assert client.get(f"/api/v1/anchors/services/{hidden.uuid}").status_code == 404
    assert client.get("/api/v1/anchors/services/not-a-uuid").status_code == 404


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"text": "hot drinks"}, True),
        ({"text": "swimming"}, False),
        ({"taxonomy_id": "lgsl-food-support"}, True),
        ({"taxonomy_id": "lgsl-youth-clubs"}, False),
        ({"postcode": "LS6 2BB"}, True),
        ({"postcode": "LS60 1AA"}, False),
    ],
)
def test_the_filters(client, service, query, found):
    body = client.get("/api/v1/anchors/services", query).json()
    assert body["total_items"] == (1 if found else 0)
    assert body["empty"] is not found


def test_pages_follow_page_and_per_page(client):
    for number in range(5):
        AnchorServiceFactory(name=f"Service {number}")
    body = client.get("/api/v1/anchors/services", {"page": 2, "per_page": 2}).json()
    assert (body["total_items"], body["total_pages"], body["page_number"], body["size"]) == (5, 3, 2, 2)
    assert not body["first_page"] and not body["last_page"]
    assert [item["name"] for item in body["content"]] == ["Service 2", "Service 3"]
    assert client.get("/api/v1/anchors/services", {"per_page": 1000}).status_code == 400
    assert client.get("/api/v1/anchors/services", {"page": 9}).json()["empty"] is True


def test_the_list_costs_the_same_queries_for_more_services(client, service, django_assert_num_queries):
    with django_assert_num_queries(5) as first:
        client.get("/api/v1/anchors/services")
    for _ in range(4):
        ServiceScheduleFactory(service=AnchorServiceFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/api/v1/anchors/services")


def test_the_feed_and_the_anchors_api_are_in_the_schema(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path in (
        "/api/v1/anchors/services/",
        "/api/v1/anchors/network/",
        "/api/v1/anchors/returns/",
        "/api/v1/anchors/figures/",
    ):
        assert any(documented.startswith(path) for documented in schema["paths"]), path
