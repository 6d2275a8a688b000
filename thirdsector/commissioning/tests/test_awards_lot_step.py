"""The award step: a closed opportunity's lot goes to its winning bid, the bids' outcomes follow, all audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import BidStatus, Consortium, ConsortiumMember, ContractAward, MemberStatus, OpportunityStatus
from ..services.awards import AwardError, award_lot
from .factories import LotFactory
from .factories_awards import SubmittedBidFactory


@pytest.fixture
def lot(leeds_council):
    return SubmittedBidFactory(lot__opportunity__commissioner=leeds_council).lot


@pytest.fixture
def consortium_bid(lot, charity):
    member = OrganisationFactory(name="Harehills Women's Group")
    consortium = Consortium.objects.create(name="Leeds Advice Partnership", lead=charity)
    ConsortiumMember.objects.create(consortium=consortium, organisation=member, status=MemberStatus.CONFIRMED)
    return SubmittedBidFactory(lot=lot, organisation=charity, consortium=consortium, price=Decimal("95000"))


def _award_form(bid, **changes):
    return {
        "bid": bid.pk,
        "value": "95,000",
        "awarded_on": datetime.date.today().isoformat(),
        "starts_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "reason": "Best on quality: local advisers in every ward",
        **changes,
    }


def test_officer_awards_a_lot_to_a_consortium(leeds_officer_client, leeds_officer, lot, consortium_bid, charity):
    other_bid = lot.bids.exclude(pk=consortium_bid.pk).get()
    response = leeds_officer_client.post(reverse("commissioning:lot-award", args=[lot.pk]), _award_form(consortium_bid))
    award = ContractAward.objects.get()
    assert response.url == reverse("commissioning:award", args=[award.pk])
    assert (award.supplier, award.lot, award.winning_bid, award.value) == (
        charity,
        lot,
        consortium_bid,
        Decimal("95000"),
    )
    assert [member.name for member in award.consortium_members.all()] == ["Harehills Women's Group"]
    assert (award.kind, award.length_months) == (lot.opportunity.kind, lot.opportunity.length_months)
    consortium_bid.refresh_from_db()
    other_bid.refresh_from_db()
    assert consortium_bid.status == BidStatus.SUCCESSFUL
    assert other_bid.status == BidStatus.UNSUCCESSFUL
    assert other_bid.history.first().history_user == leeds_officer
    lot.opportunity.refresh_from_db()
    assert lot.opportunity.status == OpportunityStatus.AWARDED
    assert award.history.first().history_change_reason == "Lot awarded to Leeds Advice Partnership"


def test_an_opportunity_with_a_lot_still_to_award_stays_closed(leeds_officer, lot, consortium_bid):
    LotFactory(opportunity=lot.opportunity, number=9)
    award_lot(
        lot=lot,
        bid=consortium_bid,
        by=leeds_officer,
        value=Decimal("95000"),
        starts_on=datetime.date.today(),
        awarded_on=datetime.date.today(),
        reason="Best",
    )
    lot.opportunity.refresh_from_db()
    assert lot.opportunity.status == OpportunityStatus.CLOSED


def test_a_lot_is_awarded_once(leeds_officer, lot, consortium_bid):
    arguments = {"value": Decimal("1"), "starts_on": datetime.date.today(), "awarded_on": datetime.date.today()}
    award_lot(lot=lot, bid=consortium_bid, by=leeds_officer, reason="Best", **arguments)
    with pytest.raises(AwardError, match="Only a submitted bid"):
        award_lot(lot=lot, bid=consortium_bid, by=leeds_officer, reason="Again", **arguments)


def test_an_open_opportunity_cannot_be_awarded(leeds_officer_client, lot, consortium_bid):
    lot.opportunity.status = OpportunityStatus.OPEN
    lot.opportunity.save()
    response = leeds_officer_client.post(reverse("commissioning:lot-award", args=[lot.pk]), _award_form(consortium_bid))
    assert response.status_code == 200
    assert b"Award a lot once its opportunity is closed to bids" in response.content
    assert not ContractAward.objects.exists()
    consortium_bid.refresh_from_db()
    assert consortium_bid.status == BidStatus.SUBMITTED


def test_a_refused_award_changes_no_bid(leeds_officer_client, lot, consortium_bid):
    response = leeds_officer_client.post(
        reverse("commissioning:lot-award", args=[lot.pk]), _award_form(consortium_bid, starts_on="2001-01-01")
    )
    assert b"cannot start more than a year before" in response.content
    assert not lot.bids.exclude(status=BidStatus.SUBMITTED).exists()


def test_another_council_cannot_award(other_officer_client, lot, consortium_bid):
    url = reverse("commissioning:lot-award", args=[lot.pk])
    assert other_officer_client.post(url, _award_form(consortium_bid)).status_code == 403
    assert not ContractAward.objects.exists()


def test_department_staff_without_the_councils_record_cannot_award(staff_client, lot, consortium_bid):
    assert staff_client.get(reverse("commissioning:lot-award", args=[lot.pk])).status_code == 403


def test_the_award_shows_in_the_councils_figures(leeds_officer_client, lot, consortium_bid, leeds_council):
    leeds_officer_client.post(reverse("commissioning:lot-award", args=[lot.pk]), _award_form(consortium_bid))
    response = leeds_officer_client.get(reverse("commissioning:commissioner-figures", args=[leeds_council.pk]))
    table = next(table for table in response.context["tables"] if table.slug == "third-sector")
    assert table.rows[0].cells[0].value == 1


def test_a_member_of_the_council_who_only_views_cannot_award(lot, consortium_bid, leeds_council):
    from thirdsector.accounts.tests.factories import MembershipFactory
    from thirdsector.conftest import signed_in_client

    viewer = MembershipFactory(organisation=leeds_council, role=MembershipRole.VIEWER).user
    assert signed_in_client(viewer).get(reverse("commissioning:lot-award", args=[lot.pk])).status_code == 403
