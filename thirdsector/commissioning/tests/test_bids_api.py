"""The commissioning API gives what the pages give: published plans and public opportunities to anyone;
interest and bids to the organisation's members and, for bids after the closing date only, the council."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..models import Bid, BidStatus, Interest, OpportunityStatus, PlanStatus
from .factories import CommissioningPlanFactory, LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/commissioning/"


def _names(response, key="title") -> set[str]:
    return {row[key] for row in response.json()["results"]}


def test_anyone_lists_published_plans_only(leeds_council):
    CommissioningPlanFactory(commissioner=leeds_council, title="Public plan", status=PlanStatus.PUBLISHED)
    CommissioningPlanFactory(commissioner=leeds_council, title="Draft plan")
    assert _names(Client().get(API + "plans/")) == {"Public plan"}


def test_anyone_lists_public_opportunities_with_their_lots(leeds_council):
    opportunity = OpportunityFactory(commissioner=leeds_council, title="Open one", status=OpportunityStatus.OPEN)
    LotFactory(opportunity=opportunity, number=1)
    OpportunityFactory(commissioner=leeds_council, title="Draft one")
    response = Client().get(API + "opportunities/")
    assert _names(response) == {"Open one"}
    assert response.json()["results"][0]["lots"][0]["number"] == 1
    assert response.json()["results"][0]["long_term"] is True


def test_interest_and_bids_need_a_signed_in_person():
    assert Client().get(API + "interest/").status_code in (401, 403)
    assert Client().get(API + "bids/").status_code in (401, 403)


@pytest.fixture
def submitted_bid(leeds_council, charity):
    lot = LotFactory(opportunity=OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN))
    Interest.objects.create(opportunity=lot.opportunity, organisation=charity)
    return Bid.objects.create(
        lot=lot, organisation=charity, price=Decimal("1000"), summary="x", status=BidStatus.SUBMITTED
    )


def test_an_organisation_sees_its_own_bids_and_interest(submitted_bid, charity_client, other_officer_client):
    assert len(charity_client.get(API + "bids/").json()["results"]) == 1
    assert len(charity_client.get(API + "interest/").json()["results"]) == 1
    assert other_officer_client.get(API + "bids/").json()["results"] == []
    assert other_officer_client.get(API + "interest/").json()["results"] == []


def test_the_council_sees_bids_only_after_the_closing_date(submitted_bid, leeds_officer_client):
    assert leeds_officer_client.get(API + "bids/").json()["results"] == []
    assert len(leeds_officer_client.get(API + "interest/").json()["results"]) == 1
    opportunity = submitted_bid.lot.opportunity
    opportunity.opens_on = timezone.localdate() - datetime.timedelta(days=20)
    opportunity.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    opportunity.save()
    assert len(leeds_officer_client.get(API + "bids/").json()["results"]) == 1


def test_the_opportunities_api_reads_the_same_number_of_queries_for_more_rows(leeds_council, django_assert_num_queries):
    LotFactory(opportunity=OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN))
    client = Client()
    client.get(API + "opportunities/")  # warm the caches of reference data first
    with CaptureQueriesContext(connection) as few:
        client.get(API + "opportunities/")
    for _ in range(3):
        LotFactory(opportunity=OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN))
    with django_assert_num_queries(len(few)):
        client.get(API + "opportunities/")


def test_the_plans_api_reads_the_same_number_of_queries_for_more_rows(leeds_council, django_assert_num_queries):
    CommissioningPlanFactory(commissioner=leeds_council, status=PlanStatus.PUBLISHED)
    client = Client()
    client.get(API + "plans/")  # warm the caches of reference data first
    with CaptureQueriesContext(connection) as few:
        client.get(API + "plans/")
    CommissioningPlanFactory.create_batch(3, commissioner=leeds_council, status=PlanStatus.PUBLISHED)
    with django_assert_num_queries(len(few)):
        client.get(API + "plans/")


def test_the_bids_api_reads_the_same_number_of_queries_for_more_rows(
    submitted_bid, charity, charity_client, django_assert_num_queries
):
    charity_client.get(API + "bids/")
    with CaptureQueriesContext(connection) as few:
        charity_client.get(API + "bids/")
    for _ in range(3):
        lot = LotFactory(opportunity=submitted_bid.lot.opportunity)
        Bid.objects.create(lot=lot, organisation=charity, price=Decimal("10"), summary="x", status=BidStatus.SUBMITTED)
    with django_assert_num_queries(len(few)):
        response = charity_client.get(API + "bids/")
    assert len(response.json()["results"]) == 4
