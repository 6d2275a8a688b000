"""The anchors API has the pages' permissions: the network is public, returns are for oversight, figures for
dashboard readers."""

import pytest

from ..models import AnchorStatus
from .factories import AnchorFactory, FinancialReturnFactory

pytestmark = pytest.mark.django_db


def test_the_network_lists_designated_anchors_to_anyone(client, anchor):
    AnchorFactory(status=AnchorStatus.PROPOSED)
    body = client.get("/api/v1/anchors/network/").json()
    assert [row["id"] for row in body["results"]] == [anchor.pk]
    assert body["results"][0]["local_authority"] == "Leeds"


def test_returns_are_for_oversight_only(clients_by_role, anchor):
    FinancialReturnFactory(anchor=anchor, accepted=True)
    allowed = {"department_staff", "platform_admin", "commissioner"}
    for role, role_client in clients_by_role.items():
        status = role_client.get("/api/v1/anchors/returns/").status_code
        if role in allowed:
            assert status == 200, role
        else:
            assert status in (401, 403), role


def test_a_return_carries_its_assessment_and_thresholds(staff_client, anchor):
    FinancialReturnFactory(anchor=anchor, accepted=True)
    row = staff_client.get("/api/v1/anchors/returns/").json()["results"][0]
    assert row["sustainable"] is True
    assert row["grant_dependency"] == "0.4000"
    assert row["threshold_grant_dependency"] == "0.5000"


def test_the_figures_are_the_dashboards(commissioner_client, anchor):
    FinancialReturnFactory(anchor=anchor, year=2024, accepted=True)
    body = commissioner_client.get("/api/v1/anchors/figures/", {"year": 2024}).json()
    assert body["network"]["this_year"] == {"sustainable": 1, "accepted_returns": 1, "percent": 100}
    assert body["network"]["last_year"]["accepted_returns"] == 0
    assert commissioner_client.get("/api/v1/anchors/figures/", {"year": "soon"}).status_code == 400


def test_the_figures_are_refused_to_a_member(member_client):
    assert member_client.get("/api/v1/anchors/figures/", {"year": 2024}).status_code == 403


def test_the_network_list_costs_the_same_queries_for_more_anchors(client, anchor, django_assert_num_queries):
    with django_assert_num_queries(1) as first:
        client.get("/api/v1/anchors/network/")
    AnchorFactory.create_batch(3)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/api/v1/anchors/network/")
