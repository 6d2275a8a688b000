"""Opportunity pages and the finder: contracts and grants side by side, filtered by area (a region matches
its councils), policy area, kind, good-practice terms and closing date; drafts private; interest seen by
the commissioner only."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thirdsector.register.models import Area, PolicyArea

from ..models import Interest, OpportunityKind, OpportunityStatus
from .factories import LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

FINDER = "commissioning:finder"


def _open(**fields):
    return OpportunityFactory(status=OpportunityStatus.OPEN, **fields)


def _found(client, **query) -> str:
    return client.get(reverse(FINDER), query).content.decode()


def test_contracts_and_grants_show_side_by_side_with_their_good_practice_tags(leeds_council):
    _open(commissioner=leeds_council, title="Advice contract", payment_in_advance=True)
    _open(commissioner=leeds_council, title="Small grants for groups", kind=OpportunityKind.GRANT, length_months=12)
    page = _found(Client())
    assert "Advice contract" in page and "Small grants for groups" in page
    assert "Good practice: 3 years or more" in page
    assert "Payment in advance allowed" in page


def test_drafts_and_past_closing_dates_are_not_found(leeds_council):
    OpportunityFactory(commissioner=leeds_council, title="Still a draft")
    _open(
        commissioner=leeds_council,
        title="Closed yesterday",
        opens_on=timezone.localdate() - datetime.timedelta(days=30),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = _found(Client())
    assert "Still a draft" not in page and "Closed yesterday" not in page


def test_an_opportunity_covering_the_region_is_found_from_a_council_in_it(leeds_council):
    leeds = Area.objects.get(gss_code="E08000035")
    region = Area.objects.get(pk=leeds.parent_id) if leeds.parent_id else None
    if region is None:
        pytest.skip("Leeds has no region in the reference data")
    _open(commissioner=leeds_council, title="Regional grant scheme", areas=[region])
    _open(commissioner=leeds_council, title="Bradford only", areas=[Area.objects.get(gss_code="E08000032")])
    page = _found(Client(), area=leeds.pk)
    assert "Regional grant scheme" in page
    assert "Bradford only" not in page
    assert "Bradford only" in _found(Client(), area=region.pk)


def test_the_finder_filters_by_policy_area_kind_terms_and_closing_date(leeds_council):
    first, second = PolicyArea.objects.order_by("id")[:2]
    soon = timezone.localdate() + datetime.timedelta(days=5)
    _open(commissioner=leeds_council, title="Soon contract", policy_area=first, closes_on=soon)
    _open(
        commissioner=leeds_council,
        title="Later grant",
        policy_area=second,
        kind=OpportunityKind.GRANT,
        full_cost_recovery=False,
        length_months=12,
    )
    assert "Later grant" not in _found(Client(), policy_area=first.pk)
    assert "Soon contract" not in _found(Client(), kind="grant")
    assert "Later grant" not in _found(Client(), long_term="on")
    assert "Later grant" not in _found(Client(), full_cost_recovery="on")
    assert "Later grant" not in _found(Client(), closes_to=soon.isoformat())


def test_the_finders_csv_holds_the_rows_found_with_formulas_neutralised(leeds_council):
    _open(commissioner=leeds_council, title='=HYPERLINK("x") advice')
    response = Client().get(reverse(FINDER), {"format": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in content
    assert "Good practice: 3 years or more" in content


def test_the_finder_reads_the_same_number_of_queries_for_more_opportunities(leeds_council, django_assert_num_queries):
    _open(commissioner=leeds_council)
    leeds = Area.objects.get(gss_code="E08000035")
    client = Client()
    client.get(reverse(FINDER), {"area": leeds.pk})  # warm the caches of reference data first
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(FINDER), {"area": leeds.pk})
    for _ in range(4):
        _open(commissioner=leeds_council)
    with django_assert_num_queries(len(few)):
        client.get(reverse(FINDER), {"area": leeds.pk})


def test_a_draft_opportunity_is_private_to_its_council(leeds_council, leeds_officer_client, other_officer_client):
    draft = OpportunityFactory(commissioner=leeds_council)
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert other_officer_client.get(draft.get_absolute_url()).status_code == 404
    assert leeds_officer_client.get(draft.get_absolute_url()).status_code == 200


def test_another_council_cannot_change_or_open_an_open_opportunity(leeds_council, other_officer_client):
    opportunity = _open(commissioner=leeds_council)
    assert other_officer_client.get(reverse("commissioning:lot_add", args=[opportunity.pk])).status_code == 403
    step = reverse("commissioning:opportunity_step", args=[opportunity.pk, "cancel"])
    assert other_officer_client.post(step, {"reason": "x"}).status_code == 403


def test_an_organisation_registers_interest_through_the_page(leeds_council, charity, charity_client):
    opportunity = _open(commissioner=leeds_council)
    url = reverse("commissioning:interest_register", args=[opportunity.pk])
    assert charity_client.post(url, {"organisation": charity.pk}).status_code == 302
    again = charity_client.post(url, {"organisation": charity.pk}).content.decode()
    assert "already registered interest" in again
    assert Interest.objects.count() == 1


def test_the_commissioner_sees_who_is_interested_and_others_do_not(
    leeds_council, charity, charity_client, leeds_officer_client, other_officer_client
):
    opportunity = _open(commissioner=leeds_council)
    Interest.objects.create(opportunity=opportunity, organisation=charity)
    url = reverse("commissioning:interest", args=[opportunity.pk])
    assert "Chapeltown Advice Centre" in leeds_officer_client.get(url).content.decode()
    assert other_officer_client.get(url).status_code == 403
    assert charity_client.get(url).status_code == 403


def test_the_opportunity_page_shows_its_lots(leeds_council):
    opportunity = _open(commissioner=leeds_council)
    LotFactory(opportunity=opportunity, number=1, title="Inner east")
    assert "Inner east" in Client().get(opportunity.get_absolute_url()).content.decode()


def test_a_closed_opportunitys_page_leaves_awarding_to_the_award_step(leeds_council, leeds_officer_client):
    opportunity = OpportunityFactory(
        commissioner=leeds_council,
        status=OpportunityStatus.CLOSED,
        opens_on=timezone.localdate() - datetime.timedelta(days=30),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = leeds_officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "Mark as awarded" not in page
    assert "Cancel" in page
