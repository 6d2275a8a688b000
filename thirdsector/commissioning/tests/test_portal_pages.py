"""The commissioners' portal pages its plans and its opportunities, each on its own, so a council with
thousands of either reaches every one; who may see it, and what of it, is as before."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import CommissioningPlanFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

PORTAL = reverse("commissioning:portal")


@pytest.fixture
def small_pages(settings):
    settings.COMMISSIONING_LIST_PAGE_SIZE = 2


def factory_title(prefix: str) -> factory.Sequence:
    return factory.Sequence(lambda n: f"{prefix} {n}")


def _titles(body: str, prefix: str) -> list[str]:
    return re.findall(rf">({prefix} \d+)</a>", body)


def _page_links(body: str, label: str) -> list[dict]:
    """The query of each link in the pagination labelled `label`."""
    nav = re.search(rf'<nav class="govuk-pagination" aria-label="{label}">(.*?)</nav>', body, re.S)
    assert nav, f"no pagination labelled {label}"
    return [parse_qs(urlsplit(unescape(href)).query) for href in re.findall(r'href="([^"]*)"', nav.group(1))]


def _every_row(client, parameter: str, prefix: str, pages: int, **query) -> list[str]:
    seen = []
    for number in range(1, pages + 1):
        body = client.get(PORTAL, {**query, parameter: number}).content.decode()
        seen += _titles(body, prefix)
    return seen


def test_the_pages_reach_every_plan_and_every_opportunity(
    small_pages, leeds_council, other_council, leeds_officer_client
):
    plans = CommissioningPlanFactory.create_batch(5, commissioner=leeds_council, title=factory_title("Plan"))
    opportunities = OpportunityFactory.create_batch(5, commissioner=leeds_council, title=factory_title("Opportunity"))
    CommissioningPlanFactory(commissioner=other_council, title="Plan 999")
    OpportunityFactory(commissioner=other_council, title="Opportunity 999")

    seen_plans = _every_row(leeds_officer_client, "plans_page", "Plan", 3)
    seen_opportunities = _every_row(leeds_officer_client, "opportunities_page", "Opportunity", 3)

    assert sorted(seen_plans) == sorted(plan.title for plan in plans)
    assert sorted(seen_opportunities) == sorted(opportunity.title for opportunity in opportunities)


def test_each_list_pages_on_its_own(small_pages, leeds_council, leeds_officer_client):
    CommissioningPlanFactory.create_batch(5, commissioner=leeds_council, title=factory_title("Plan"))
    OpportunityFactory.create_batch(5, commissioner=leeds_council, title=factory_title("Opportunity"))
    first = leeds_officer_client.get(PORTAL).content.decode()
    moved = leeds_officer_client.get(PORTAL, {"plans_page": 3}).content.decode()
    assert _titles(moved, "Plan") != _titles(first, "Plan")
    assert len(_titles(moved, "Plan")) == 1
    assert _titles(moved, "Opportunity") == _titles(first, "Opportunity")


def test_page_links_keep_the_other_lists_page_and_the_rest_of_the_query(
    small_pages, leeds_council, leeds_officer_client
):
    CommissioningPlanFactory.create_batch(5, commissioner=leeds_council)
    OpportunityFactory.create_batch(5, commissioner=leeds_council)
    body = leeds_officer_client.get(PORTAL, {"plans_page": 2, "opportunities_page": 3, "kept": "this"}).content
    body = body.decode()
    plan_links = _page_links(body, "Pages of plans")
    opportunity_links = _page_links(body, "Pages of opportunities")
    assert {link["plans_page"][0] for link in plan_links} == {"1", "2", "3"}
    assert all(link["opportunities_page"] == ["3"] and link["kept"] == ["this"] for link in plan_links)
    assert {link["opportunities_page"][0] for link in opportunity_links} == {"1", "2", "3"}
    assert all(link["plans_page"] == ["2"] and link["kept"] == ["this"] for link in opportunity_links)
    assert not any("page" in link for link in plan_links + opportunity_links)


def test_a_page_past_the_end_shows_the_last(small_pages, leeds_council, leeds_officer_client):
    CommissioningPlanFactory.create_batch(3, commissioner=leeds_council, title=factory_title("Plan"))
    body = leeds_officer_client.get(PORTAL, {"plans_page": 99}).content.decode()
    assert len(_titles(body, "Plan")) == 1


def _queries(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PORTAL, query).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(
    small_pages, leeds_council, leeds_officer_client, django_assert_num_queries
):
    # Both lists have a page after the one read, so each counts its rows (at most FUNDING_LIST_EXACT_COUNT_UP_TO).
    CommissioningPlanFactory.create_batch(5, commissioner=leeds_council)
    OpportunityFactory.create_batch(5, commissioner=leeds_council)
    leeds_officer_client.get(PORTAL)  # warm the caches of reference data first
    queries = {"plans_page": 2, "opportunities_page": 1}
    few = _queries(leeds_officer_client, queries)
    CommissioningPlanFactory.create_batch(20, commissioner=leeds_council)
    OpportunityFactory.create_batch(20, commissioner=leeds_council)
    with django_assert_num_queries(few):
        leeds_officer_client.get(PORTAL, queries)


def test_only_commissioning_officers_reach_the_portal(clients_by_role):
    for role, client in clients_by_role.items():
        status = client.get(PORTAL).status_code
        expected = 200 if role in ("council_officer", "department_staff") else 302 if role == "public" else 403
        assert status == expected, role


def test_no_page_shows_another_councils_rows(small_pages, leeds_council, other_council, other_officer_client):
    CommissioningPlanFactory.create_batch(3, commissioner=leeds_council, title=factory_title("Plan"))
    OpportunityFactory.create_batch(3, commissioner=leeds_council, title=factory_title("Opportunity"))
    for number in (1, 2, 3):
        body = other_officer_client.get(PORTAL, {"plans_page": number, "opportunities_page": number}).content
        assert _titles(body.decode(), "Plan") == [] and _titles(body.decode(), "Opportunity") == []
