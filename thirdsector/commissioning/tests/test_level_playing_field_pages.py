"""Who sees which level playing field page, and each table's CSV download."""

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from .factories_awards import ContractAwardFactory

OVERSIGHT = STAFF_ROLES | {"commissioner"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_comparison_is_for_oversight(clients_by_role, role):
    response = clients_by_role[role].get(reverse("commissioning:figures"), {"year": 2025})
    expected = 200 if role in OVERSIGHT else 302 if role == "public" else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_councils_figures_are_for_oversight_and_its_officers(clients_by_role, role, leeds_council):
    response = clients_by_role[role].get(reverse("commissioning:commissioner-figures", args=[leeds_council.pk]))
    expected = 200 if role in OVERSIGHT else 302 if role == "public" else 403
    assert response.status_code == expected


def test_officer_sees_their_own_councils_figures_not_anothers(leeds_officer_client, leeds_council, other_council):
    own = leeds_officer_client.get(reverse("commissioning:commissioner-figures", args=[leeds_council.pk]))
    assert own.status_code == 200
    assert b"Record an award made outside this service" in own.content
    other = leeds_officer_client.get(reverse("commissioning:commissioner-figures", args=[other_council.pk]))
    assert other.status_code == 403


def test_a_body_that_does_not_commission_has_no_figures(staff_client, charity):
    assert staff_client.get(reverse("commissioning:commissioner-figures", args=[charity.pk])).status_code == 404


def test_public_figures_count_published_awards_and_link_to_the_public_list(client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council)
    ContractAwardFactory(commissioner=leeds_council, published_on=None)
    url = reverse("commissioning:published-commissioner-figures", args=[leeds_council.pk])
    response = client.get(url, {"year": 2025})
    assert response.status_code == 200
    table = response.context["tables"][0]
    every = table.rows[-1].cells[0]
    assert every.value == 1
    assert every.url.startswith(reverse("commissioning:published-awards"))
    assert not any(table.slug == "decisions" for table in response.context["tables"])


def test_public_comparison_offers_no_decisions(client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council)
    response = client.get(reverse("commissioning:published-figures"), {"year": 2025, "figure": "decisions"})
    assert response.status_code == 200
    assert "figure" in response.context["form"].errors


def test_every_table_downloads_as_csv(staff_client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council)
    url = reverse("commissioning:commissioner-figures", args=[leeds_council.pk])
    page = staff_client.get(url, {"year": 2025})
    for table in page.context["tables"]:
        response = staff_client.get(table.csv_url)
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.decode().splitlines()[0].startswith(table.row_heading)
    assert staff_client.get(url, {"year": 2025, "download": "nothing"}).status_code == 404


def test_comparison_csv_holds_a_row_per_commissioner(staff_client, leeds_council, other_council):
    ContractAwardFactory(commissioner=leeds_council)
    ContractAwardFactory(commissioner=other_council)
    response = staff_client.get(reverse("commissioning:figures"), {"year": 2025, "download": "comparison"})
    lines = response.content.decode().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Commissioner,All awards")


def test_comparison_query_count_does_not_grow(staff_client, leeds_council, other_council, django_assert_num_queries):
    url = reverse("commissioning:figures")
    for council in (leeds_council, other_council):
        ContractAwardFactory.create_batch(3, commissioner=council)
        # The session, the person, their second factor and roles; the figures with the commissioners' names in
        # one query; the page's navigation.
        with django_assert_num_queries(6):
            staff_client.get(url, {"year": 2025, "figure": "bme-led"})
