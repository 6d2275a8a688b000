"""The breach statistics API: public, aggregate only, and in the OpenAPI schema."""

import datetime

import pytest
from django.urls import reverse

from ..models import BreachStatus
from .factories import BreachCaseFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/compact/breach-statistics/"


def test_the_url_is_named():
    assert reverse("compact_api:breach-statistics") == URL


def test_anyone_reads_the_breach_statistics(client, department, ndpb):
    BreachCaseFactory(
        body=department,
        reported_on=datetime.date(2025, 4, 1),
        status=BreachStatus.CLOSED,
        outcome="upheld",
        closed_on=datetime.date(2025, 4, 15),
        reporter_email="secret@x.example",
    )
    BreachCaseFactory(body=ndpb, reported_on=datetime.date(2026, 1, 6))
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    bodies = {
        (row["body"], row["year"]): (row["reported"], row["upheld"], row["resolved"])
        for row in data["by_body_and_year"]
    }
    assert bodies == {
        ("Department for Communities and Local Government", 2025): (1, 1, 1),
        ("Community Development Foundation", 2026): (1, 0, 0),
    }
    assert sum(row["reported"] for row in data["by_commitment_and_year"]) == 2
    assert data["median_days_to_resolve"] == 14
    assert b"secret@x.example" not in response.content and b"BR-" not in response.content


def test_the_api_is_read_only(client):
    assert client.post(URL, {}, content_type="application/json").status_code in (403, 405)


def test_the_statistics_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/compact/breach-statistics/" in schema and "median_days_to_resolve" in schema
