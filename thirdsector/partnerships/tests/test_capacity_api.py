"""The capacity building API: bodies and gaps for anyone, requests only for those who may see them."""

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import signed_in_client

from ..models.capacity import HelpKind
from .capacity_factories import SupportBodyFactory, SupportOfferFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def api(name, *args):
    return reverse(f"partnerships_api:{name}", args=args)


def test_anyone_lists_support_bodies_with_their_offers(client):
    offer = SupportOfferFactory()
    body = client.get(api("support-body-list")).json()["results"][0]
    assert body["name"] == offer.body.organisation.name
    assert body["areas"] == ["E08000035"]
    assert body["offers"][0]["kind"] == "bid_writing"


def test_support_bodies_come_in_keyset_pages_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    for _ in range(3):
        SupportOfferFactory()
    with django_assert_max_num_queries(8) as queries:
        first = client.get(api("support-body-list"), {"page_size": 2}).json()
    for _ in range(3):
        SupportOfferFactory()
    with django_assert_num_queries(len(queries.captured_queries)):
        client.get(api("support-body-list"), {"page_size": 2})
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 2
    assert {row["id"] for row in first["results"]}.isdisjoint(row["id"] for row in second["results"])


def test_anyone_reads_the_coverage_gaps(client):
    SupportOfferFactory()
    page = client.get(api("coverage-gap-list"), {"region": "Yorkshire and The Humber", "page_size": 100}).json()
    leeds = next(row for row in page["results"] if row["name"] == "Leeds")
    assert leeds["missing"] == [kind for kind in HelpKind.values if kind != "bid_writing"]
    assert leeds["region"] == "Yorkshire and The Humber"


def test_the_coverage_gaps_are_one_query_a_page(client, django_assert_num_queries):
    SupportOfferFactory()
    with django_assert_num_queries(1):
        client.get(api("coverage-gap-list"), {"gaps_only": "true"})


def test_the_public_cannot_list_requests(client):
    SupportRequestFactory()
    assert client.get(api("support-request-list")).status_code in (401, 403)


def test_a_member_sees_their_organisation_s_requests_only(organisation, member_user, other_organisation):
    mine = SupportRequestFactory(organisation=organisation)
    theirs = SupportRequestFactory(organisation=other_organisation)
    client = signed_in_client(member_user)
    references = [row["reference"] for row in client.get(api("support-request-list")).json()["results"]]
    assert references == [mine.reference]
    assert client.get(api("support-request-detail", theirs.reference)).status_code == 404


def test_a_support_body_s_member_sees_the_requests_sent_to_it_only():
    sent_to_us = SupportRequestFactory()
    elsewhere = SupportRequestFactory()
    member = MembershipFactory(organisation=sent_to_us.support_body.organisation, role=MembershipRole.VIEWER).user
    references = [
        row["reference"] for row in signed_in_client(member).get(api("support-request-list")).json()["results"]
    ]
    assert references == [sent_to_us.reference]
    assert elsewhere.reference not in references


def test_staff_see_every_request_in_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, django_assert_max_num_queries
):
    SupportRequestFactory()
    with django_assert_max_num_queries(15) as first:
        staff_client.get(api("support-request-list"))
    SupportRequestFactory.create_batch(3)
    with django_assert_num_queries(len(first.captured_queries)):
        response = staff_client.get(api("support-request-list"))
    assert len(response.json()["results"]) == 4


def test_a_request_waiting_for_a_body_shows_no_body(staff_client):
    waiting = SupportRequestFactory(support_body=None, status="awaiting_body")
    row = staff_client.get(api("support-request-detail", waiting.reference)).json()
    assert row["support_body"] is None and row["status"] == "awaiting_body"


def test_a_body_outside_the_register_is_not_listed(client):
    from thirdsector.register.models import OrganisationStatus
    from thirdsector.register.tests.factories import OrganisationFactory

    SupportBodyFactory(organisation=OrganisationFactory(status=OrganisationStatus.REMOVED))
    assert client.get(api("support-body-list")).json()["results"] == []
