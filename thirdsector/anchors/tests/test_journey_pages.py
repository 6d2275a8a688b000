"""The workflows through the real pages: a member proposes, staff designate, the member submits a return,
staff accept it; staff refuse and send back with reasons; the queues; each page's permissions."""

import datetime

import pytest
from django.urls import reverse

from ..models import Anchor, AnchorStatus, FinancialReturn, ReturnStatus
from .factories import AnchorFactory, FinancialReturnFactory

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "community_led": "on",
    "community_led_evidence": "Residents elect the board.",
    "multi_purpose": "on",
    "multi_purpose_evidence": "Café, advice and youth club.",
    "local": "on",
    "local_evidence": "Serves the Hillside estate.",
    "building": "on",
    "building_evidence": "Leases the community centre.",
}
RETURN = {
    "year": str(datetime.date.today().year - 1),
    "income_grants": "40000",
    "income_contracts": "20000",
    "income_earned": "30000",
    "income_donations": "8000",
    "income_investment": "2000",
    "spending": "96000",
    "unrestricted_reserves": "30000",
    "assets_value": "250000",
    "owns_or_manages_building": "on",
    "business_plan_on": str(datetime.date.today().replace(day=1)),
}


def test_propose_designate_submit_and_accept_through_the_pages(member_client, staff_client, organisation):
    mine = member_client.get(reverse("anchors:mine")).content.decode()
    assert "Propose as a community anchor" in mine
    response = member_client.post(reverse("anchors:propose", args=[organisation.pk]), PROPOSAL)
    anchor = Anchor.objects.get(organisation=organisation)
    assert response.status_code == 302 and anchor.status == AnchorStatus.PROPOSED

    assert organisation.name in staff_client.get(reverse("anchors:designation-queue")).content.decode()
    staff_client.post(reverse("anchors:designate", args=[anchor.pk]))
    anchor.refresh_from_db()
    assert anchor.status == AnchorStatus.DESIGNATED

    response = member_client.post(reverse("anchors:return-submit", args=[anchor.pk]), RETURN)
    financial_return = FinancialReturn.objects.get(anchor=anchor)
    assert response.url == reverse("anchors:return", args=[financial_return.pk])
    assert organisation.name in staff_client.get(reverse("anchors:return-queue")).content.decode()

    staff_client.post(reverse("anchors:return-accept", args=[financial_return.pk]))
    financial_return.refresh_from_db()
    assert financial_return.status == ReturnStatus.ACCEPTED and financial_return.sustainable
    page = member_client.get(reverse("anchors:return", args=[financial_return.pk])).content.decode()
    assert "Sustainable" in page and "The thresholds in force when the return was accepted" in page


def test_the_proposal_form_shows_errors_in_the_summary(member_client, organisation):
    response = member_client.post(reverse("anchors:propose", args=[organisation.pk]), {"local": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Give the evidence that the organisation is local" in page
    assert "<title>Error:" in page


def test_a_member_of_another_organisation_may_not_propose_it(clients_by_role, organisation):
    url = reverse("anchors:propose", args=[organisation.pk])
    assert clients_by_role["member_elsewhere"].get(url).status_code == 403
    assert clients_by_role["organisation_member"].get(url).status_code == 200


def test_staff_refuse_with_a_reason_through_the_page(staff_client, organisation):
    anchor = AnchorFactory(organisation=organisation, status=AnchorStatus.PROPOSED)
    response = staff_client.post(reverse("anchors:refuse", args=[anchor.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    staff_client.post(reverse("anchors:refuse", args=[anchor.pk]), {"reason": "Appointed by the council."})
    anchor.refresh_from_db()
    assert anchor.status == AnchorStatus.REFUSED and anchor.refusal_reason == "Appointed by the council."


def test_staff_renew_a_designation_through_the_page(staff_client, anchor):
    staff_client.post(reverse("anchors:renew", args=[anchor.pk]), {"reason": "Reviewed: still meets them all."})
    anchor.refresh_from_db()
    assert anchor.review_on > datetime.date.today()


def test_staff_send_a_return_back_and_the_member_corrects_it(member_client, staff_client, anchor):
    financial_return = FinancialReturnFactory(anchor=anchor, year=2024)
    staff_client.post(reverse("anchors:return-send-back", args=[financial_return.pk]), {"reason": "Rent missing."})
    financial_return.refresh_from_db()
    assert financial_return.status == ReturnStatus.RETURNED
    url = reverse("anchors:return-correct", args=[anchor.pk, 2024])
    assert "Rent missing." in member_client.get(url).content.decode()
    member_client.post(url, {**RETURN, "year": "2024", "spending": "120000"})
    financial_return.refresh_from_db()
    assert financial_return.status == ReturnStatus.SUBMITTED and financial_return.spending == 120000


@pytest.mark.parametrize("name", ["designate", "refuse", "renew"])
def test_only_staff_decide_on_designations(clients_by_role, anchor, name):
    url = reverse(f"anchors:{name}", args=[anchor.pk])
    for role, role_client in clients_by_role.items():
        status = role_client.post(url, {"reason": "x"}).status_code
        if role == "public":
            assert status == 302
        elif role in ("department_staff", "platform_admin"):
            assert status in (302, 400)
        else:
            assert status == 403, role


@pytest.mark.parametrize("name", ["designation-queue", "return-queue"])
def test_the_queues_are_for_staff(clients_by_role, name):
    for role, role_client in clients_by_role.items():
        status = role_client.get(reverse(f"anchors:{name}")).status_code
        expected = 200 if role in ("department_staff", "platform_admin") else (302 if role == "public" else 403)
        assert status == expected, role


def test_a_return_is_private_to_the_anchor_and_oversight(clients_by_role, anchor):
    financial_return = FinancialReturnFactory(anchor=anchor)
    url = reverse("anchors:return", args=[financial_return.pk])
    allowed = {"department_staff", "platform_admin", "commissioner", "organisation_member"}
    for role, role_client in clients_by_role.items():
        status = role_client.get(url).status_code
        if role == "public":
            assert status == 302
        else:
            assert status == (200 if role in allowed else 404), role


def test_only_staff_accept_returns(clients_by_role, anchor):
    financial_return = FinancialReturnFactory(anchor=anchor)
    url = reverse("anchors:return-accept", args=[financial_return.pk])
    for role in ("organisation_member", "commissioner", "member_elsewhere"):
        assert clients_by_role[role].post(url).status_code == 403
    financial_return.refresh_from_db()
    assert financial_return.status == ReturnStatus.SUBMITTED


def test_a_member_elsewhere_may_not_submit_a_return(clients_by_role, anchor):
    url = reverse("anchors:return-submit", args=[anchor.pk])
    assert clients_by_role["member_elsewhere"].get(url).status_code == 403
    assert clients_by_role["organisation_member"].get(url).status_code == 200


def test_the_return_queue_costs_the_same_queries_for_more_returns(staff_client, django_assert_num_queries):
    FinancialReturnFactory()
    url = reverse("anchors:return-queue")
    with django_assert_num_queries(7) as first:
        staff_client.get(url)
    FinancialReturnFactory.create_batch(4)
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(url)


def test_the_designation_queue_costs_the_same_queries_for_more_proposals(staff_client, django_assert_num_queries):
    AnchorFactory(status=AnchorStatus.PROPOSED)
    url = reverse("anchors:designation-queue")
    with django_assert_num_queries(8) as first:
        staff_client.get(url)
    AnchorFactory.create_batch(4, status=AnchorStatus.PROPOSED)
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(url)
