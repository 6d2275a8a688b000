"""Anchors' services feed (Open Referral UK) validates offline against the schemas in opendata/standards.

The schemas are ours, written from the standards notes (see standards/openreferral/README.md); the feed
is the anchors app's, reached by URL name so it may move (the API is being versioned) without this test.
"""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from thirdsector.anchors.models import Taxonomy
from thirdsector.anchors.tests.factories import AnchorServiceFactory, ServiceScheduleFactory
from thirdsector.register.models import Area

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "standards" / "openreferral"


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def _validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in (_schema("service.json"), _schema("service-page.json"))
    )
    return Draft202012Validator(_schema(name), registry=registry)


def _problems(name: str, document: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator(name).iter_errors(document)
    ]


@pytest.fixture
def service():
    service = AnchorServiceFactory(name="Warm space café", description="Hot drinks and company", postal_code="LS6 1AA")
    ServiceScheduleFactory(service=service)
    service.taxonomies.add(Taxonomy.objects.get(code="lgsl-food-support"))
    service.service_areas.add(Area.objects.get(gss_code="E08000035"))
    return service


def test_the_schemas_are_valid_json_schemas():
    for name in ("service.json", "service-page.json"):
        Draft202012Validator.check_schema(_schema(name))


def test_the_list_validates_as_a_page_of_services(client, service):
    AnchorServiceFactory(name="Bare service", fees="", phone="", contact_name="")
    body = client.get(reverse("anchors_api:oruk-service-list")).json()
    assert _problems("service-page.json", body) == []
    assert body["total_items"] == 2


def test_a_filtered_empty_page_validates_too(client, service):
    body = client.get(reverse("anchors_api:oruk-service-list"), {"text": "nothing matches this"}).json()
    assert _problems("service-page.json", body) == []
    assert body["empty"] is True and body["content"] == []


def test_a_service_validates_with_every_record_the_standard_requires(client, service):
    body = client.get(reverse("anchors_api:oruk-service-detail", kwargs={"pk": str(service.uuid)})).json()
    assert _problems("service.json", body) == []
    required = set(_schema("service.json")["required"])
    assert required <= set(body)
    assert body["service_at_locations"][0]["location"]["physical_addresses"][0]["postal_code"] == "LS6 1AA"
    assert body["service_taxonomys"][0]["taxonomy"]["id"] == "lgsl-food-support"


def test_the_validation_catches_a_missing_required_field(client, service):
    body = client.get(reverse("anchors_api:oruk-service-detail", kwargs={"pk": str(service.uuid)})).json()
    del body["organization"]["name"]
    body["status"] = "open"
    problems = _problems("service.json", body)
    assert "organization: 'name' is a required property" in problems
    assert any(problem.startswith("status:") for problem in problems)
