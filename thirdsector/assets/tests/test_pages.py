"""The asset transfer pages end to end, who may use each, and their query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import signed_in_client

from ..demo.stages import pdf
from ..models import Asset, AssetStatus, ProposalStatus
from ..selectors import dashboard
from .factories import AssetFactory, PostTransferReturnFactory, TransferProposalFactory

pytestmark = pytest.mark.django_db


def test_a_council_officer_offers_an_asset_and_the_discount_is_recorded(officer, council):
    client = signed_in_client(officer)
    response = client.post(
        reverse("assets:offer"),
        {
            "council": council.pk,
            "name": "Holbeck Community Centre",
            "asset_type": "community_centre",
            "address": "1 Holbeck Lane, Leeds",
            "postcode": "ls11 9aa",
            "local_authority": council.local_authority_id,
            "condition": "poor",
            "current_use": "Closed",
            "market_value": "420000",
            "tenure": "lease",
            "lease_years": "30",
            "price": "1",
        },
    )
    asset = Asset.objects.get()
    assert response.status_code == 302
    assert (asset.discount, asset.postcode, asset.status) == (419999, "LS11 9AA", AssetStatus.OFFERED)
    assert "£419,999.00" in signed_in_client(officer).get(asset.get_absolute_url()).content.decode()


def test_the_offer_form_shows_the_error_summary(officer, council):
    response = signed_in_client(officer).post(reverse("assets:offer"), {"council": council.pk, "tenure": "lease"})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the length of the lease in years" in body


def test_only_council_officers_reach_the_council_portal(clients_by_role):
    for role, client in clients_by_role.items():
        response = client.get(reverse("assets:council"))
        assert response.status_code == (200 if role == "council_officer" else 302 if role == "public" else 403), role


def test_the_journey_through_the_pages(at_stage, officer, proposer, fund_administrator):
    proposal = at_stage("draft")
    url = proposal.get_absolute_url()
    officer_client, proposer_client = signed_in_client(officer), signed_in_client(proposer)
    assert "before it is submitted" in proposer_client.get(url).content.decode()
    proposer_client.post(reverse("assets:proposal-submit", args=[proposal.reference]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    response = officer_client.post(
        reverse("assets:proposal-support", args=[proposal.reference]),
        {"supported_on": timezone.localdate().isoformat(), "file": pdf("letter.pdf")},
    )
    assert response.status_code == 302
    proposer_client.post(reverse("assets:proposal-submit", args=[proposal.reference]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.application.reference in signed_in_client(fund_administrator).get(url).content.decode()


def test_the_council_records_legal_completion_on_its_page(at_stage, officer):
    proposal = at_stage("funded")
    response = signed_in_client(officer).post(
        reverse("assets:proposal-completion", args=[proposal.reference]),
        {"completed_on": timezone.localdate().isoformat(), "tenure": "lease", "lease_years": "30"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TRANSFERRED


def test_a_proposal_is_private_to_its_people(at_stage, clients_by_role, officer, proposer, fund_administrator):
    proposal = at_stage("submitted")
    url = proposal.get_absolute_url()
    for person in (officer, proposer, fund_administrator):
        assert signed_in_client(person).get(url).status_code == 200
    for role in ("assessor", "board_member", "council_officer", "fund_administrator", "member_elsewhere"):
        assert clients_by_role[role].get(url).status_code == 404, role
    assert clients_by_role["commissioner"].get(url).status_code == 200


def test_the_fund_administrator_of_another_body_sees_none_of_the_fund(at_stage, other_fund_administrator):
    proposal = at_stage("submitted")
    client = signed_in_client(other_fund_administrator)
    assert client.get(reverse("assets:dashboard")).status_code == 403
    assert client.get(reverse("assets:fund-proposals")).status_code == 403
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.get(reverse("assets_api:proposal-list")).json()["results"] == []


def test_the_dashboard_and_its_csv(at_stage, fund_administrator, clients_by_role):
    at_stage("funded")
    client = signed_in_client(fund_administrator)
    body = client.get(reverse("assets:dashboard")).content.decode()
    assert "Funded, payment held until legal completion" in body
    csv = client.get(reverse("assets:dashboard"), {"format": "csv", "table": "proposals-by-stage"}).content.decode()
    # Sums come back as 250000 on SQLite and 250000.00 on PostgreSQL.
    assert "Funded: awaiting legal completion,1,250000" in csv
    assert clients_by_role["commissioner"].get(reverse("assets:dashboard")).status_code == 200
    for role in ("organisation_member", "council_officer", "assessor"):
        assert clients_by_role[role].get(reverse("assets:dashboard")).status_code == 403, role


def test_the_dashboard_shows_the_longest_overdue_returns_and_its_csv_has_them_all(
    at_stage, fund_administrator, monkeypatch
):
    proposal = at_stage("transferred")
    monkeypatch.setattr(dashboard, "OVERDUE_ON_PAGE", 2)
    today = timezone.localdate()
    for year, days in ((10, 30), (11, 20), (12, 10)):
        PostTransferReturnFactory(proposal=proposal, year=year, due_on=today - datetime.timedelta(days=days))
    client = signed_in_client(fund_administrator)
    page = client.get(reverse("assets:dashboard")).content.decode()
    assert "The 2 longest overdue are shown here" in page
    due = [(today - datetime.timedelta(days=days)).isoformat() for days in (30, 20, 10)]
    assert due[0] in page and due[1] in page and due[2] not in page
    csv = client.get(reverse("assets:dashboard"), {"format": "csv", "table": "overdue-returns"}).content.decode()
    assert [line.split(",")[-1] for line in csv.strip().splitlines()[1:]] == ["30", "20", "10"]


def test_public_lists_show_offered_and_transferred_assets_only(client, council):
    offered = AssetFactory(council=council, name="Offered Hall")
    withdrawn = AssetFactory(council=council, name="Withdrawn Hall", status=AssetStatus.WITHDRAWN)
    body = client.get(reverse("assets:offered")).content.decode()
    assert "Offered Hall" in body and "Withdrawn Hall" not in body
    assert client.get(offered.get_absolute_url()).status_code == 200
    assert client.get(withdrawn.get_absolute_url()).status_code == 404
    assert "Offered Hall" in client.get(reverse("assets:offered"), {"format": "csv"}).getvalue().decode()


def test_the_public_list_query_count_does_not_grow(client, council, django_assert_num_queries):
    AssetFactory.create_batch(3, council=council)
    with django_assert_num_queries(2):
        client.get(reverse("assets:offered"))
    AssetFactory.create_batch(10, council=council)
    with django_assert_num_queries(2):
        client.get(reverse("assets:offered"))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_fund_proposals_list_query_count_does_not_grow(
    at_stage, fund_administrator, council, django_assert_num_queries
):
    at_stage("submitted")
    client = signed_in_client(fund_administrator)
    client.get(reverse("assets:fund-proposals"))
    count = _queries(client, reverse("assets:fund-proposals"))
    TransferProposalFactory.create_batch(5, asset__council=council)
    with django_assert_num_queries(count):
        client.get(reverse("assets:fund-proposals"))


def test_the_portals_and_the_api_query_counts_do_not_grow(officer, proposer, proposer_organisation, council,
                                                          django_assert_num_queries):  # fmt: skip
    pages = [
        (signed_in_client(officer), reverse("assets:council")),
        (signed_in_client(proposer), reverse("assets:applicant")),
        (signed_in_client(proposer), reverse("assets_api:proposal-list")),
        (signed_in_client(proposer), reverse("assets_api:asset-list")),
    ]
    TransferProposalFactory(asset__council=council, organisation=proposer_organisation)
    counts = [_queries(client, url) for client, url in pages]
    TransferProposalFactory.create_batch(4, asset__council=council, organisation=proposer_organisation)
    for (client, url), count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_the_public_api_lists_assets_but_not_withdrawn_ones(client, council):
    AssetFactory(council=council, name="Offered Hall")
    AssetFactory(council=council, name="Withdrawn Hall", status=AssetStatus.WITHDRAWN)
    names = [row["name"] for row in client.get(reverse("assets_api:asset-list")).json()["results"]]
    assert names == ["Offered Hall"]


def test_the_proposals_api_needs_sign_in_and_shows_the_proposers_own(at_stage, proposer, clients_by_role):
    proposal = at_stage("submitted")
    assert clients_by_role["public"].get(reverse("assets_api:proposal-list")).status_code in (401, 403)
    rows = signed_in_client(proposer).get(reverse("assets_api:proposal-list")).json()["results"]
    assert [row["reference"] for row in rows] == [proposal.reference]
    assert clients_by_role["member_elsewhere"].get(reverse("assets_api:proposal-list")).json()["results"] == []


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/v1/assets/assets/", "/api/v1/assets/proposals/{reference}/", "/api/v1/assets/returns/"):
        assert path in schema
