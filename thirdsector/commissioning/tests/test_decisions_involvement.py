"""Commissioning decisions and the service users and community members involved in them."""

import datetime

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import CommissioningDecision, DecisionInvolvement, InvolvedAs, InvolvementRole
from ..services.awards import AwardError
from ..services.decisions import record_decision, record_involvement
from .factories import OpportunityFactory
from .factories_awards import CommissioningDecisionFactory, DecisionInvolvementFactory


def test_a_decision_is_recorded_in_its_financial_year(leeds_council, leeds_officer):
    decision = record_decision(
        commissioner=leeds_council,
        title="Fix the specification",
        decided_on=datetime.date(2025, 3, 31),
        by=leeds_officer,
    )
    assert decision.financial_year == 2024
    assert decision.history.first().history_user == leeds_officer


def test_a_decision_cannot_be_dated_in_the_future(leeds_council, leeds_officer):
    with pytest.raises(AwardError, match="future"):
        record_decision(
            commissioner=leeds_council,
            title="Award",
            decided_on=datetime.date.today() + datetime.timedelta(days=1),
            by=leeds_officer,
        )


def test_a_decision_about_another_commissioners_opportunity_is_refused(leeds_council, other_council, leeds_officer):
    opportunity = OpportunityFactory(commissioner=other_council)
    with pytest.raises(AwardError, match="another commissioner"):
        record_decision(
            commissioner=leeds_council,
            title="Award",
            decided_on=datetime.date(2025, 5, 1),
            opportunity=opportunity,
            by=leeds_officer,
        )


def test_involvement_records_how_and_their_view(leeds_council, leeds_officer):
    decision = CommissioningDecisionFactory(commissioner=leeds_council)
    involvement = record_involvement(
        decision=decision,
        involved_as=InvolvedAs.COMMUNITY_MEMBER,
        role=InvolvementRole.CO_DESIGNER,
        view="  The service should open in the evenings.  ",
        by=leeds_officer,
    )
    assert involvement.view == "The service should open in the evenings."
    assert str(involvement) == "Anonymous community member"
    assert involvement.history.first().history_change_reason == "Involvement recorded"


def test_involvement_without_a_view_is_refused(leeds_council, leeds_officer):
    decision = CommissioningDecisionFactory(commissioner=leeds_council)
    with pytest.raises(AwardError, match="their view"):
        record_involvement(decision=decision, involved_as="service_user", role="evaluator", view=" ", by=leeds_officer)


def test_officer_records_a_decision_and_who_was_involved_through_the_pages(leeds_officer_client, leeds_council):
    response = leeds_officer_client.post(
        reverse("commissioning:decision-create", args=[leeds_council.pk]),
        {"title": "Award the advocacy contract", "summary": "", "decided_on": "2025-06-01", "opportunity": ""},
    )
    decision = CommissioningDecision.objects.get()
    assert response.url == reverse("commissioning:decision", args=[decision.pk])
    response = leeds_officer_client.post(
        reverse("commissioning:involvement-add", args=[decision.pk]),
        {"label": "Panel member A", "involved_as": "service_user", "role": "panel_member", "view": "A fair choice."},
    )
    assert response.status_code == 302
    page = leeds_officer_client.get(reverse("commissioning:decision", args=[decision.pk]))
    assert b"Panel member A" in page.content and b"A fair choice." in page.content


def test_recording_involvement_shows_errors(leeds_officer_client, leeds_council):
    decision = CommissioningDecisionFactory(commissioner=leeds_council)
    response = leeds_officer_client.post(reverse("commissioning:involvement-add", args=[decision.pk]), {"view": ""})
    assert response.status_code == 200
    assert b"Error: " in response.content
    assert not DecisionInvolvement.objects.exists()


def test_another_councils_decision_is_404(other_officer_client, leeds_council):
    decision = CommissioningDecisionFactory(commissioner=leeds_council)
    assert other_officer_client.get(reverse("commissioning:decision", args=[decision.pk])).status_code == 404
    url = reverse("commissioning:involvement-add", args=[decision.pk])
    assert other_officer_client.post(url, {"view": "x"}).status_code == 404


def test_another_council_cannot_record_a_decision(other_officer_client, leeds_council):
    url = reverse("commissioning:decision-create", args=[leeds_council.pk])
    assert other_officer_client.get(url).status_code == 403


def test_the_compact_commissioner_reads_but_does_not_record_involvement(commissioner_client, leeds_council):
    decision = CommissioningDecisionFactory(commissioner=leeds_council)
    assert commissioner_client.get(reverse("commissioning:decision", args=[decision.pk])).status_code == 200
    assert commissioner_client.get(reverse("commissioning:involvement-add", args=[decision.pk])).status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_decision_list_is_for_oversight_and_commissioners(clients_by_role, role, leeds_council):
    DecisionInvolvementFactory(decision__commissioner=leeds_council)
    response = clients_by_role[role].get(reverse("commissioning:decisions"))
    if role in STAFF_ROLES or role == "commissioner":
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 1
    elif role == "public":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_officer_sees_only_their_own_decisions(leeds_officer_client, leeds_council, other_council):
    CommissioningDecisionFactory(commissioner=leeds_council, title="Leeds decision")
    CommissioningDecisionFactory(commissioner=other_council, title="Bradford decision")
    response = leeds_officer_client.get(reverse("commissioning:decisions"))
    assert b"Leeds decision" in response.content and b"Bradford decision" not in response.content


def test_decision_list_query_count_does_not_grow(staff_client, leeds_council, django_assert_num_queries):
    url = reverse("commissioning:decisions")
    for batch in (2, 20):
        for _ in range(batch):
            DecisionInvolvementFactory(decision__commissioner=leeds_council)
        # The session, the person, their second factor and roles; the count and the page of decisions; the
        # page's navigation.
        with django_assert_num_queries(7):
            assert staff_client.get(url, {"involved": "yes"}).status_code == 200
