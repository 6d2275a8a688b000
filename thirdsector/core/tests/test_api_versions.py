"""The API's versioned path, and the permanent redirect that keeps clients of the unversioned one working."""

import pytest
from django.urls import reverse


def test_the_api_and_its_schema_live_under_v1():
    assert reverse("register_api:organisation-list") == "/api/v1/organisations/"
    assert reverse("api-schema") == "/api/v1/schema/"
    assert reverse("api-docs") == "/api/v1/docs/"
    assert reverse("api-redoc") == "/api/v1/redoc/"


@pytest.mark.django_db
def test_an_unversioned_read_is_sent_to_v1_keeping_the_query(client):
    response = client.get("/api/organisations/?q=leeds&page_size=5")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/organisations/?q=leeds&page_size=5"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_an_unversioned_write_is_sent_on_with_its_method_kept(client):
    response = client.post("/api/organisations/", {}, content_type="application/json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/organisations/"


@pytest.mark.django_db
def test_a_versioned_path_is_not_redirected_again(client):
    assert client.get("/api/v9/organisations/").status_code == 404


@pytest.mark.django_db
def test_the_version_without_its_slash_is_not_taken_for_an_unversioned_path(client):
    # Not sent on to /api/v1/v1: there is nothing at the version's root, so it is simply not found.
    assert client.get("/api/v1").status_code == 404
