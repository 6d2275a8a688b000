import pytest
from django.db import connections
from django.urls import reverse

from thirdsector.core.paging import ResultCount
from thirdsector.register import selectors
from thirdsector.register.models import Area, Characteristic, OrganisationKind, OrganisationStatus, PolicyArea
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


def test_a_page_past_the_end_shows_the_last_page_and_a_page_not_a_number_the_first(client):
    for number in range(25):
        OrganisationFactory(name=f"Group {number:02d}")
    last = client.get(URL, {"page": "9"})
    assert last.context["page_obj"].number == 2
    assert names(last) == [f"Group {number:02d}" for number in range(20, 25)]
    assert b"25 organisations" in last.content
    assert names(client.get(URL, {"page": "first"}))[0] == "Group 00"


def test_the_area_filter_finds_organisations_based_in_or_serving_the_area_and_the_places_within(client):
    leeds = Area.objects.get(gss_code="E08000035")
    yorkshire = leeds.parent
    york = Area.objects.get(gss_code="E06000014")
    OrganisationFactory(name="Based In Leeds", local_authority=leeds)
    OrganisationFactory(name="Serving Leeds", local_authority=york).areas_served.add(leeds)
    OrganisationFactory(name="Elsewhere", local_authority=Area.objects.get(gss_code="E09000001"))
    assert names(client.get(URL, {"area": leeds.pk})) == ["Based In Leeds", "Serving Leeds"]
    assert names(client.get(URL, {"area": yorkshire.pk})) == ["Based In Leeds", "Serving Leeds"]


def test_each_result_shows_its_characteristics_in_name_order(client):
    organisation = OrganisationFactory(name="Tagged")
    organisation.characteristics.add(*Characteristic.objects.filter(slug__in=["women-led", "bme-led"]))
    html = client.get(URL).content.decode()
    assert html.index(">BME-led<") < html.index(">Women-led<")


def test_more_pages_than_one_are_counted_and_numbered(client):
    for number in range(45):
        OrganisationFactory(name=f"Group {number:02d}")
    page = client.get(URL, {"page": "2"}).context["page_obj"]
    assert (page.paginator.count, page.paginator.num_pages, page.has_next(), page.has_previous()) == (45, 3, True, True)


def test_an_estimated_count_never_hides_a_page_already_known_to_exist():
    assert ResultCount(1000, 20, is_estimate=True, pages_seen=52).num_pages == 52
    assert ResultCount(7925, 20, is_estimate=True).num_pages == 397


def test_the_filter_lists_are_kept_in_memory_until_one_changes(client, monkeypatch, django_assert_num_queries):
    # Outside a transaction, as in a running service (tests run each inside one, which turns the cache off).
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    selectors._reference_cache.clear()
    first = selectors.policy_area_choices()
    selectors.area_filter_choices()
    with django_assert_num_queries(0):
        assert selectors.policy_area_choices() is first
        assert selectors.area_filter_choices() is selectors.area_filter_choices()
    PolicyArea.objects.create(slug="new-area", name="A new policy area")
    assert (PolicyArea.objects.get(slug="new-area").pk, "A new policy area") in selectors.policy_area_choices()
    selectors._reference_cache.clear()


def test_the_filters_are_gov_uk_selects(client):
    html = client.get(URL).content.decode()
    for name in ("kind", "size_band", "area", "policy_area", "characteristic"):
        assert f'<select name="{name}" class="govuk-select" id="id_{name}">' in html
