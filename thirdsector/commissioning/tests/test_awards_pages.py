"""The awards pages: the private and public lists, an award's page, recording an award by hand."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

from ..models import ContractAward
from .factories_awards import ContractAwardFactory


def test_public_list_shows_published_awards_only(client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council, title="Published befriending")
    ContractAwardFactory(commissioner=leeds_council, title="Unpublished advice", published_on=None)
    response = client.get(reverse("commissioning:published-awards"))
    assert response.status_code == 200
    assert b"Published befriending" in response.content
    assert b"Unpublished advice" not in response.content


def test_public_list_filters_by_third_sector_and_size_band(client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council, title="To a small charity")
    company = OrganisationFactory(kind=OrganisationKind.OTHER, latest_income=Decimal("50000"))
    ContractAwardFactory(commissioner=leeds_council, supplier=company, title="To a small company")
    response = client.get(reverse("commissioning:published-awards"), {"third_sector": "yes", "size_band": "small"})
    assert [award.title for award in response.context["page_obj"]] == ["To a small charity"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_private_list_is_for_oversight_and_commissioners(clients_by_role, role):
    ContractAwardFactory()
    response = clients_by_role[role].get(reverse("commissioning:awards"))
    if role in STAFF_ROLES or role == "commissioner":
        assert response.status_code == 200
    elif role == "public":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_officer_list_holds_only_their_own_commissioners_awards(leeds_officer_client, leeds_council, other_council):
    ContractAwardFactory(commissioner=leeds_council, title="Leeds draft award", published_on=None)
    ContractAwardFactory(commissioner=other_council, title="Bradford award")
    response = leeds_officer_client.get(reverse("commissioning:awards"))
    assert response.status_code == 200
    assert b"Leeds draft award" in response.content
    assert b"Bradford award" not in response.content


def test_list_query_count_does_not_grow_with_rows(staff_client, leeds_council, django_assert_num_queries):
    url = reverse("commissioning:awards")
    for batch in (3, 30):
        ContractAwardFactory.create_batch(batch, commissioner=leeds_council)
        # The session, the person, their second factor and roles; the filter's commissioners; the count and
        # the page of awards with commissioner and supplier joined.
        with django_assert_num_queries(8):
            assert staff_client.get(url, {"year": 2025}).status_code == 200


def test_list_streams_csv_of_the_filtered_rows(staff_client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council, kind="grant", title="A grant")
    ContractAwardFactory(commissioner=leeds_council, kind="contract", title="A contract")
    response = staff_client.get(reverse("commissioning:awards"), {"kind": "grant", "format": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "A grant" in content and "A contract" not in content


def test_csv_neutralises_formulas(staff_client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council, title="=HYPERLINK(1)")
    content = b"".join(staff_client.get(reverse("commissioning:awards"), {"format": "csv"}).streaming_content)
    assert b"'=HYPERLINK(1)" in content


def test_award_page_is_public_when_published(client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council)
    response = client.get(reverse("commissioning:award", args=[award.pk]))
    assert response.status_code == 200
    assert response.context["history"] is None


def test_unpublished_award_is_404_to_the_public_and_other_councils(client, other_officer_client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    assert client.get(reverse("commissioning:award", args=[award.pk])).status_code == 404
    assert other_officer_client.get(reverse("commissioning:award", args=[award.pk])).status_code == 404


def test_officer_sees_their_unpublished_award_with_its_history(leeds_officer_client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    response = leeds_officer_client.get(reverse("commissioning:award", args=[award.pk]))
    assert response.status_code == 200
    assert response.context["history"]


def test_officer_publishes_an_award(leeds_officer_client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    response = leeds_officer_client.post(reverse("commissioning:award-publish", args=[award.pk]))
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.published_on == datetime.date.today()
    assert award.history.first().history_change_reason == "Award published"


def test_another_council_cannot_publish(other_officer_client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    assert other_officer_client.post(reverse("commissioning:award-publish", args=[award.pk])).status_code == 403


def _award_form(supplier_reference: str, **changes) -> dict:
    return {
        "supplier": supplier_reference,
        "consortium_members": "",
        "title": "Carers' support service",
        "kind": "contract",
        "value": "£120,000",
        "awarded_on": "2025-05-01",
        "starts_on": "2025-07-01",
        "length_months": "36",
        "publish": "on",
        **changes,
    }


def test_officer_records_an_award_by_org_id(leeds_officer_client, leeds_officer, leeds_council, charity):
    IdentifierFactory(organisation=charity, scheme="GB-CHC", value="1234567", org_id="GB-CHC-1234567")
    member = OrganisationFactory(name="Hyde Park Source")
    response = leeds_officer_client.post(
        reverse("commissioning:award-create", args=[leeds_council.pk]),
        _award_form("gb-chc-1234567", consortium_members=str(member.pk)),
    )
    award = ContractAward.objects.get()
    assert response.status_code == 302
    assert (award.supplier, award.value, award.financial_year) == (charity, Decimal("120000"), 2025)
    assert list(award.consortium_members.all()) == [member]
    assert award.history.first().history_user == leeds_officer


def test_recording_an_award_shows_errors_in_the_summary(leeds_officer_client, leeds_council):
    response = leeds_officer_client.post(
        reverse("commissioning:award-create", args=[leeds_council.pk]), _award_form("GB-CHC-0000000", value="0")
    )
    assert response.status_code == 200
    assert b"Error: " in response.content
    assert b"No organisation in the register has the Org-ID or number GB-CHC-0000000" in response.content
    assert not ContractAward.objects.exists()


def test_another_council_cannot_record_an_award(other_officer_client, leeds_council, charity):
    response = other_officer_client.post(
        reverse("commissioning:award-create", args=[leeds_council.pk]), _award_form(str(charity.pk))
    )
    assert response.status_code == 403
    assert not ContractAward.objects.exists()


def test_a_charity_cannot_record_an_award(charity_client, leeds_council):
    assert charity_client.get(reverse("commissioning:award-create", args=[leeds_council.pk])).status_code == 403


def test_open_data_lists_published_awards_to_the_third_sector(leeds_council):
    from ..selectors.awards import third_sector_contract_awards

    listed = ContractAwardFactory(commissioner=leeds_council)
    ContractAwardFactory(commissioner=leeds_council, published_on=None)
    ContractAwardFactory(commissioner=leeds_council, supplier=OrganisationFactory(kind=OrganisationKind.OTHER))
    assert list(third_sector_contract_awards()) == [listed]
