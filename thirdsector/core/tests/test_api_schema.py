"""The OpenAPI schema is complete: every operation described, every 2xx JSON response with an example."""

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from thirdsector.core.api_schema import example_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get(reverse("api-schema"), {"format": "json"}).json()


def test_the_schema_validates_and_describes_the_api(schema):
    validate(schema)
    for subject in ("/api/v1/", "Api-Key", "429", "ETag", "If-None-Match", "keyset", "Open Referral UK"):
        assert subject in schema["info"]["description"], subject


def test_every_operation_has_a_summary_and_every_2xx_json_response_an_example(schema):
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not (operation.get("summary") or operation.get("description")):
                missing.append(f"{method} {path}: no summary")
            for code, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json")
                if code.startswith("2") and media is not None and not (media.get("examples") or media.get("example")):
                    missing.append(f"{method} {path} {code}: no example")
    assert missing == []


def test_an_example_follows_types_formats_enums_and_references():
    components = {"Row": {"type": "object", "properties": {"kind": {"enum": ["charity", "cic"]}}}}
    schema = {
        "type": "object",
        "properties": {
            "next": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}},
            "opens_on": {"type": "string", "format": "date"},
            "count": {"type": "integer"},
        },
    }
    assert example_for(schema, components) == {
        "next": "https://thirdsector.example/api/v1/",
        "results": [{"kind": "charity"}],
        "opens_on": "2026-04-01",
        "count": 1,
    }


@pytest.mark.parametrize(
    ("path", "example"),
    [
        ("/api/v1/organisations/", "A registered charity in Leeds"),
        ("/api/v1/awards/", "A published three-year award, as the public sees it"),
        ("/api/v1/compact/consultations/", "An open consultation of 12 weeks"),
    ],
)
def test_the_main_public_lists_have_hand_written_examples_in_a_keyset_page(schema, path, example):
    examples = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    (value,) = [entry for entry in examples.values() if entry.get("summary") == example]
    assert set(value["value"]) == {"next", "previous", "results"} and len(value["value"]["results"]) == 1


def test_the_schema_names_the_api_key_scheme(schema):
    scheme = schema["components"]["securitySchemes"]["ApiKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
