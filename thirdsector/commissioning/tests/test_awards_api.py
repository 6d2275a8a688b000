"""The awards, decisions and figures API: the pages' permissions, keyset pages, pinned query counts."""

import pytest
from django.urls import reverse

from .factories_awards import CommissioningDecisionFactory, ContractAwardFactory, DecisionInvolvementFactory


def test_public_sees_published_awards_only(client, leeds_council):
    published = ContractAwardFactory(commissioner=leeds_council)
    ContractAwardFactory(commissioner=leeds_council, published_on=None)
    response = client.get(reverse("commissioning_api:award-list"))
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [published.pk]


def test_officer_also_sees_their_unpublished_awards_not_others(leeds_officer_client, leeds_council, other_council):
    mine = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    ContractAwardFactory(commissioner=other_council, published_on=None)
    ids = [row["id"] for row in leeds_officer_client.get(reverse("commissioning_api:award-list")).json()["results"]]
    assert ids == [mine.pk]


def test_awards_filter_as_the_list_does(client, leeds_council):
    ContractAwardFactory(commissioner=leeds_council, kind="grant")
    ContractAwardFactory(commissioner=leeds_council, kind="contract")
    response = client.get(reverse("commissioning_api:award-list"), {"kind": "grant", "year": 2025})
    assert [row["kind"] for row in response.json()["results"]] == ["grant"]
    assert client.get(reverse("commissioning_api:award-list"), {"kind": "loan"}).status_code == 400


def test_awards_page_by_keyset(client, leeds_council, settings):
    ContractAwardFactory.create_batch(3, commissioner=leeds_council)
    first = client.get(reverse("commissioning_api:award-list"), {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1


def test_award_list_query_count_is_pinned(client, leeds_council, django_assert_num_queries):
    ContractAwardFactory.create_batch(5, commissioner=leeds_council)
    # The page of awards with commissioner and supplier joined, and their consortium members.
    with django_assert_num_queries(2):
        client.get(reverse("commissioning_api:award-list"))


def test_unpublished_award_is_404_to_the_public(client, leeds_council):
    award = ContractAwardFactory(commissioner=leeds_council, published_on=None)
    assert client.get(reverse("commissioning_api:award-detail", args=[award.pk])).status_code == 404


def test_decisions_need_sign_in(client):
    assert client.get(reverse("commissioning_api:decision-list")).status_code in (401, 403)


def test_decisions_are_the_commissioners_own(leeds_officer_client, leeds_council, other_council):
    mine = DecisionInvolvementFactory(decision__commissioner=leeds_council).decision
    theirs = CommissioningDecisionFactory(commissioner=other_council)
    rows = leeds_officer_client.get(reverse("commissioning_api:decision-list")).json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert rows[0]["involvements"][0]["role"] == "panel_member"
    assert leeds_officer_client.get(reverse("commissioning_api:decision-detail", args=[theirs.pk])).status_code == 404


def test_a_charity_sees_no_decisions(charity_client, leeds_council):
    CommissioningDecisionFactory(commissioner=leeds_council)
    assert charity_client.get(reverse("commissioning_api:decision-list")).json()["results"] == []


def test_decision_list_query_count_is_pinned(staff_client, leeds_council, django_assert_max_num_queries):
    for _ in range(4):
        DecisionInvolvementFactory(decision__commissioner=leeds_council)
    with django_assert_max_num_queries(6):
        staff_client.get(reverse("commissioning_api:decision-list"))


@pytest.fixture
def figures_awards(leeds_council, other_council):
    ContractAwardFactory(commissioner=leeds_council, kind="grant")
    ContractAwardFactory(commissioner=leeds_council, published_on=None)
    ContractAwardFactory(commissioner=other_council)
    DecisionInvolvementFactory(decision__commissioner=leeds_council)


def _row(rows, commissioner):
    return next(row for row in rows if row["commissioner_id"] == commissioner.pk)


def test_public_figures_count_published_awards(client, figures_awards, leeds_council):
    rows = client.get(reverse("commissioning_api:figures"), {"year": 2025}).json()
    leeds = _row(rows, leeds_council)
    assert leeds["awards"] == 1
    assert {figure["group"]: figure["share_of_awards"] for figure in leeds["figures"]}["grant"] == "100.0"
    assert leeds["decisions"] is None


def test_staff_figures_count_every_award_and_the_decisions(staff_client, figures_awards, leeds_council):
    rows = staff_client.get(reverse("commissioning_api:figures"), {"year": 2025}).json()
    leeds = _row(rows, leeds_council)
    assert (leeds["awards"], leeds["decisions"], leeds["decisions_with_users_involved"]) == (2, 1, 1)


def test_figures_need_a_year(client):
    assert client.get(reverse("commissioning_api:figures")).status_code == 400


def test_figures_query_count_does_not_grow(client, figures_awards, other_council, django_assert_num_queries):
    ContractAwardFactory.create_batch(5, commissioner=other_council)
    with django_assert_num_queries(1):
        client.get(reverse("commissioning_api:figures"), {"year": 2025})
