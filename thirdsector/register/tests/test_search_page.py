import pytest
from django.urls import reverse

from thirdsector.register.models import OrganisationKind, OrganisationStatus
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = reverse("register:search")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page_obj"]]


def test_it_lists_active_organisations_by_name(client):
    OrganisationFactory(name="Zebra Crossing Trust")
    OrganisationFactory(name="Acorn Youth Club")
    OrganisationFactory(name="Gone Away Group", status=OrganisationStatus.REMOVED)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Acorn Youth Club", "Zebra Crossing Trust"]
    assert b"2 organisations" in response.content


def test_it_finds_by_words_of_the_name_in_any_order(client):
    OrganisationFactory(name="Leeds Tenants Federation")
    OrganisationFactory(name="Bradford Food Bank")
    assert names(client.get(URL, {"q": "tenants leeds"})) == ["Leeds Tenants Federation"]


def test_it_finds_by_charity_number_and_org_id(client):
    identifier = IdentifierFactory(value="1123456", organisation__name="Numbered Charity")
    OrganisationFactory(name="Another")
    assert names(client.get(URL, {"q": "1123456"})) == ["Numbered Charity"]
    assert names(client.get(URL, {"q": " gb-chc-1123456 "})) == ["Numbered Charity"]
    assert identifier.organisation.name == "Numbered Charity"


def test_it_finds_by_full_postcode_and_outward_code(client):
    OrganisationFactory(name="Sheffield One", postcode="S2 4AJ")
    OrganisationFactory(name="Leeds One", postcode="LS1 4AP")
    assert names(client.get(URL, {"q": "s24aj"})) == ["Sheffield One"]
    assert names(client.get(URL, {"q": "LS1"})) == ["Leeds One"]


def test_it_filters_by_kind_and_size_band(client):
    OrganisationFactory(name="Big CIO", kind=OrganisationKind.CIO, latest_income=5_000_000, size_band="large")
    OrganisationFactory(name="Small CIO", kind=OrganisationKind.CIO, latest_income=5_000, size_band="micro")
    OrganisationFactory(name="Small Charity", latest_income=5_000, size_band="micro")
    assert names(client.get(URL, {"kind": "cio", "size_band": "micro"})) == ["Small CIO"]


def test_it_shows_an_error_for_an_unknown_filter_value(client):
    response = client.get(URL, {"kind": "spaceship"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Choose a kind from the list" in response.content
