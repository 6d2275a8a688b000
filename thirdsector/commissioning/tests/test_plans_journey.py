"""The whole journey through the real pages: a council drafts and publishes a plan, records involvement,
offers an opportunity with a lot; a consortium of small organisations forms, its member confirms, and
its lead bids; after the closing date the council sees the bid."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.register.models import Area, PolicyArea
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Bid, BidStatus, CommissioningPlan, Opportunity, OpportunityStatus, PlanStatus

pytestmark = pytest.mark.django_db


def _date(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_council_commissions_and_a_consortium_bids(leeds_council, leeds_officer_client, charity, charity_client):
    leeds = Area.objects.get(gss_code="E08000035")
    policy_area = PolicyArea.objects.order_by("id").first()
    response = leeds_officer_client.post(
        reverse("commissioning:plan_create"),
        {
            "commissioner": leeds_council.pk,
            "title": "Advice services for Leeds",
            "service_area": policy_area.pk,
            "outcomes_sought": "Fewer evictions",
            "needs_evidence": "Debt advice demand doubled",
            "estimated_value": "600000",
            "duration_months": "36",
            "areas": [leeds.pk],
            "involvement_closes_on": _date(14),
        },
    )
    plan = CommissioningPlan.objects.get(title="Advice services for Leeds")
    assert response.status_code == 302
    response = leeds_officer_client.post(
        reverse("commissioning:plan_step", args=[plan.pk, "publish"]), {"reason": "Ready to share"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    response = leeds_officer_client.post(
        reverse("commissioning:activity_add", args=[plan.pk]),
        {
            "kind": "co_design",
            "title": "Co-design with advice users",
            "held_on": _date(0),
            "organisations": charity.name,
            "service_users": "12",
            "community_members": "3",
            "summary": "People want evening drop-ins",
            "what_changed": "Evening opening added to the specification",
        },
    )
    assert response.status_code == 302, response.content.decode()
    page = leeds_officer_client.get(plan.get_absolute_url()).content.decode()
    assert "Evening opening added to the specification" in page

    response = leeds_officer_client.post(
        reverse("commissioning:opportunity_create"),
        {
            "commissioner": leeds_council.pk,
            "plan": plan.pk,
            "title": "Leeds advice contract",
            "description": "Debt and benefits advice",
            "kind": "contract",
            "policy_area": policy_area.pk,
            "areas": [leeds.pk],
            "length_months": "36",
            "payment_in_advance": "on",
            "full_cost_recovery": "on",
            "social_value_weighting": "15",
            "opens_on": _date(0),
            "closes_on": _date(10),
        },
    )
    assert response.status_code == 302, response.content.decode()
    opportunity = Opportunity.objects.get(title="Leeds advice contract")
    leeds_officer_client.post(
        reverse("commissioning:lot_add", args=[opportunity.pk]), {"title": "North", "value": "200000"}
    )
    leeds_officer_client.post(
        reverse("commissioning:opportunity_step", args=[opportunity.pk, "open"]), {"reason": "Go"}
    )
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.OPEN

    finder = charity_client.get(reverse("commissioning:finder"), {"area": leeds.pk}).content.decode()
    assert "Leeds advice contract" in finder
    assert "Good practice: 3 years or more" in finder

    partner = OrganisationFactory(name="Harehills Women's Group")
    partner_admin = UserFactory()
    MembershipFactory(user=partner_admin, organisation=partner, role=MembershipRole.ADMINISTRATOR)
    response = charity_client.post(
        reverse("commissioning:consortium_create"),
        {"name": "Leeds Advice Partnership", "lead": charity.pk, "members": partner.name},
    )
    assert response.status_code == 302, response.content.decode()
    consortium = charity.consortia_led.get()
    member = consortium.members.get()
    signed_in_client(partner_admin).post(
        reverse("commissioning:member_answer", args=[consortium.pk, member.pk]), {"answer": "confirm"}
    )

    lot = opportunity.lots.get()
    response = charity_client.post(
        reverse("commissioning:bid_create", args=[opportunity.pk]),
        {"lot": lot.pk, "bidder": f"consortium-{consortium.pk}", "price": "190000", "summary": "Together"},
    )
    assert response.status_code == 302, response.content.decode()
    bid = Bid.objects.get()
    response = charity_client.post(reverse("commissioning:bid_step", args=[bid.pk, "submit"]), {"reason": "Ready"})
    assert response.status_code == 302, response.content.decode()
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED

    sealed = leeds_officer_client.get(reverse("commissioning:bids", args=[opportunity.pk])).content.decode()
    assert "Leeds Advice Partnership" not in sealed
    Opportunity.objects.filter(pk=opportunity.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=20),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    unsealed = leeds_officer_client.get(reverse("commissioning:bids", args=[opportunity.pk])).content.decode()
    assert "Leeds Advice Partnership" in unsealed
    assert "Harehills Women" in unsealed
