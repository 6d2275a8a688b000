"""The council and applicant portals page both of their lists, each with its own page number, so a council
or an organisation with hundreds of proposals or returns reaches every one; who sees what is unchanged."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thirdsector.conftest import signed_in_client

from .factories import AssetFactory, CouncilFactory, PostTransferReturnFactory, TransferProposalFactory

pytestmark = pytest.mark.django_db

COUNCIL_PORTAL = reverse("assets:council")
APPLICANT_PORTAL = reverse("assets:applicant")


@pytest.fixture
def small_pages(settings):
    settings.ASSETS_LIST_PAGE_SIZE = 2


def _links_among(body: str, urls: set[str]) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', body)) & urls


def _page_links(body: str, label: str) -> list[dict]:
    nav = re.search(rf'<nav class="govuk-pagination" aria-label="{label}">(.*?)</nav>', body, re.S)
    assert nav, f"no pagination labelled {label}"
    return [parse_qs(urlsplit(unescape(href)).query) for href in re.findall(r'href="([^"]*)"', nav.group(1))]


def _every_page(client, url: str, parameter: str, pages: int, urls: set[str]) -> list[set[str]]:
    """Which of `urls` each page of the list links to."""
    return [_links_among(client.get(url, {parameter: n}).content.decode(), urls) for n in range(1, pages + 1)]


def test_the_council_portal_reaches_every_proposal(small_pages, officer, council):
    proposals = TransferProposalFactory.create_batch(5, asset__council=council)
    elsewhere = TransferProposalFactory(asset__council=CouncilFactory())
    urls = {proposal.get_absolute_url() for proposal in [*proposals, elsewhere]}
    pages = _every_page(signed_in_client(officer), COUNCIL_PORTAL, "proposals_page", 3, urls)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert set().union(*pages) == urls - {elsewhere.get_absolute_url()}


def test_the_council_portal_pages_its_two_lists_apart(small_pages, officer, council):
    AssetFactory.create_batch(3, council=council)
    TransferProposalFactory.create_batch(5, asset__council=council)
    body = signed_in_client(officer).get(COUNCIL_PORTAL, {"page": 2, "proposals_page": 3}).content.decode()
    proposal_links = _page_links(body, "Pages of proposals")
    asset_links = _page_links(body, "Pages of assets")
    assert {link["proposals_page"][0] for link in proposal_links} == {"1", "2", "3"}
    assert all(link["page"] == ["2"] for link in proposal_links)
    assert {link["page"][0] for link in asset_links} == {"1", "2", "3", "4"}  # 8 assets: each proposal's too
    assert all(link["proposals_page"] == ["3"] for link in asset_links)


def test_the_applicant_portal_reaches_every_return_due(small_pages, proposer, proposer_organisation):
    returns = PostTransferReturnFactory.create_batch(5, proposal__organisation=proposer_organisation)
    elsewhere = PostTransferReturnFactory()
    client = signed_in_client(proposer)
    urls = {row.get_absolute_url() for row in [*returns, elsewhere]}
    pages = _every_page(client, APPLICANT_PORTAL, "returns_page", 3, urls)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert set().union(*pages) == urls - {elsewhere.get_absolute_url()}
    body = client.get(APPLICANT_PORTAL, {"returns_page": 2, "kept": "this"}).content.decode()
    links = _page_links(body, "Pages of returns due")
    assert {link["returns_page"][0] for link in links} == {"1", "2", "3"}
    assert all(link["kept"] == ["this"] for link in links)


def _queries(client, url: str, query: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


def test_the_portals_query_counts_do_not_grow_with_more_pages(
    small_pages, officer, council, proposer, proposer_organisation, django_assert_num_queries
):
    pages = [
        (signed_in_client(officer), COUNCIL_PORTAL, {"page": 2, "proposals_page": 2}),
        (signed_in_client(proposer), APPLICANT_PORTAL, {"page": 2, "returns_page": 2}),
    ]
    AssetFactory.create_batch(5, council=council)
    TransferProposalFactory.create_batch(5, asset__council=council, organisation=proposer_organisation)
    PostTransferReturnFactory.create_batch(5, proposal__organisation=proposer_organisation)
    counts = [_queries(client, url, query) for client, url, query in pages]
    AssetFactory.create_batch(10, council=council)
    TransferProposalFactory.create_batch(10, asset__council=council, organisation=proposer_organisation)
    PostTransferReturnFactory.create_batch(10, proposal__organisation=proposer_organisation)
    for (client, url, query), count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url, query)


def test_who_reaches_the_portals_is_unchanged(clients_by_role):
    for role, client in clients_by_role.items():
        council = client.get(COUNCIL_PORTAL, {"proposals_page": 2}).status_code
        assert council == (200 if role == "council_officer" else 302 if role == "public" else 403), role
        applicant = client.get(APPLICANT_PORTAL, {"returns_page": 2}).status_code
        assert applicant == (302 if role == "public" else 200), role
