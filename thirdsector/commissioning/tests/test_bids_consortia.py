"""Consortia and bids: every organisation in a consortium is an active register organisation whose
administrator confirmed it; one bid per consortium per lot (and per single organisation per lot); bids
sealed from the commissioner until after the closing date; the outcome set by the award step."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.core.workflow import TransitionRefused
from thirdsector.register.models import OrganisationStatus
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Bid, BidStatus, MemberStatus, OpportunityStatus
from ..services.bids import answer_membership, create_consortium, mark_outcome, start_bid, submit_bid
from ..services.plans import CommissioningError
from .factories import LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot(leeds_council):
    return LotFactory(opportunity=OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN))


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Harehills Women's Group", latest_income=Decimal("8000"))


@pytest.fixture
def partner_admin(partner):
    user = UserFactory()
    MembershipFactory(user=user, organisation=partner, role=MembershipRole.ADMINISTRATOR)
    return user


@pytest.fixture
def consortium(charity, charity_editor, partner, partner_admin):
    consortium = create_consortium(name="Leeds Advice Partnership", lead=charity, members=[partner], by=charity_editor)
    answer_membership(member=consortium.members.get(), confirm=True, by=partner_admin)
    return consortium


def _bid(lot, consortium, by, price="100000"):
    return start_bid(
        lot=lot, organisation=consortium.lead, consortium=consortium, price=Decimal(price), summary="Together", by=by
    )


def _close(lot):
    opportunity = lot.opportunity
    opportunity.opens_on = timezone.localdate() - datetime.timedelta(days=30)
    opportunity.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    opportunity.save()


def test_a_lead_forms_a_consortium_and_its_member_confirms(charity, charity_editor, partner, partner_admin):
    consortium = create_consortium(name="Partnership", lead=charity, members=[partner], by=charity_editor)
    member = consortium.members.get()
    assert member.status == MemberStatus.INVITED
    answer_membership(member=member, confirm=True, by=partner_admin)
    assert member.status == MemberStatus.CONFIRMED
    assert member.history.first().history_user == partner_admin


def test_only_the_members_administrator_confirms(charity, charity_editor, partner):
    consortium = create_consortium(name="Partnership", lead=charity, members=[partner], by=charity_editor)
    with pytest.raises(TransitionRefused, match="administrator of the member organisation"):
        answer_membership(member=consortium.members.get(), confirm=True, by=charity_editor)


def test_a_removed_organisation_cannot_be_a_member(charity, charity_editor, partner):
    partner.status = OrganisationStatus.REMOVED
    partner.save()
    with pytest.raises(CommissioningError, match="no longer in the register"):
        create_consortium(name="Partnership", lead=charity, members=[partner], by=charity_editor)


def test_a_council_cannot_be_a_member(charity, charity_editor, other_council):
    with pytest.raises(CommissioningError, match="public body"):
        create_consortium(name="Partnership", lead=charity, members=[other_council], by=charity_editor)


def test_a_consortium_needs_a_member_besides_its_lead(charity, charity_editor):
    with pytest.raises(CommissioningError, match="leads the consortium"):
        create_consortium(name="Partnership", lead=charity, members=[charity], by=charity_editor)


def test_only_the_leads_editor_forms_a_consortium(charity, partner, partner_admin):
    with pytest.raises(CommissioningError, match="Only an editor"):
        create_consortium(name="Partnership", lead=charity, members=[partner], by=partner_admin)


def test_a_consortium_bids_only_once_every_member_confirmed(lot, charity, charity_editor, partner):
    consortium = create_consortium(name="Partnership", lead=charity, members=[partner], by=charity_editor)
    bid = _bid(lot, consortium, charity_editor)
    with pytest.raises(TransitionRefused, match="Every member of the consortium must confirm"):
        submit_bid(bid=bid, by=charity_editor)


def test_a_consortium_bids_once_per_lot(lot, consortium, charity_editor):
    bid = _bid(lot, consortium, charity_editor)
    submit_bid(bid=bid, by=charity_editor)
    assert bid.status == BidStatus.SUBMITTED
    with pytest.raises(CommissioningError, match="already has a bid for lot"):
        _bid(lot, consortium, charity_editor, price="90000")
    assert Bid.objects.count() == 1


def test_the_database_holds_one_bid_per_consortium_per_lot(lot, consortium, charity_editor):
    _bid(lot, consortium, charity_editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bid.objects.create(lot=lot, organisation=consortium.lead, consortium=consortium, price=1, summary="again")


def test_an_organisation_bids_alone_once_per_lot_and_also_in_its_consortium(lot, consortium, charity, charity_editor):
    start_bid(lot=lot, organisation=charity, price=Decimal("80000"), summary="Alone", by=charity_editor)
    with pytest.raises(CommissioningError, match="already has a bid"):
        start_bid(lot=lot, organisation=charity, price=Decimal("70000"), summary="Again", by=charity_editor)
    _bid(lot, consortium, charity_editor)
    assert Bid.objects.count() == 2


def test_a_consortium_bids_through_its_lead(lot, consortium, partner, partner_admin):
    with pytest.raises(CommissioningError, match="bids through its lead"):
        start_bid(
            lot=lot, organisation=partner, consortium=consortium, price=Decimal("1"), summary="x", by=partner_admin
        )


def test_no_bids_after_the_closing_date(lot, consortium, charity_editor):
    bid = _bid(lot, consortium, charity_editor)
    _close(lot)
    bid.refresh_from_db()
    with pytest.raises(TransitionRefused, match="not taking bids"):
        submit_bid(bid=bid, by=charity_editor)
    with pytest.raises(CommissioningError, match="not taking bids"):
        start_bid(lot=lot, organisation=consortium.lead, price=Decimal("5"), summary="late", by=charity_editor)


def test_the_award_step_marks_the_outcome_after_the_closing_date(lot, consortium, charity_editor, leeds_officer):
    bid = _bid(lot, consortium, charity_editor)
    submit_bid(bid=bid, by=charity_editor)
    with pytest.raises(TransitionRefused, match="only after the opportunity's closing date"):
        mark_outcome(bid=bid, successful=True, by=leeds_officer, reason="Best value")
    _close(lot)
    bid = Bid.objects.get(pk=bid.pk)
    mark_outcome(bid=bid, successful=True, by=leeds_officer, reason="Best value and social value")
    assert bid.status == BidStatus.SUCCESSFUL
    assert bid.outcome_reason == "Best value and social value"
    assert bid.history.first().history_user == leeds_officer


def test_another_council_cannot_mark_the_outcome(lot, consortium, charity_editor, other_officer):
    bid = _bid(lot, consortium, charity_editor)
    submit_bid(bid=bid, by=charity_editor)
    _close(lot)
    bid = Bid.objects.get(pk=bid.pk)
    with pytest.raises(TransitionRefused, match="only an officer"):
        mark_outcome(bid=bid, successful=False, by=other_officer, reason="No")


def test_the_commissioner_sees_bids_only_after_the_closing_date(
    lot, consortium, charity_editor, leeds_officer_client, other_officer_client
):
    bid = _bid(lot, consortium, charity_editor)
    submit_bid(bid=bid, by=charity_editor)
    bids_url = reverse("commissioning:bids", args=[lot.opportunity_id])
    bid_url = reverse("commissioning:bid", args=[bid.pk])
    assert "Leeds Advice Partnership" not in leeds_officer_client.get(bids_url).content.decode()
    assert leeds_officer_client.get(bid_url).status_code == 404
    _close(lot)
    assert "Leeds Advice Partnership" in leeds_officer_client.get(bids_url).content.decode()
    assert leeds_officer_client.get(bid_url).status_code == 200
    assert other_officer_client.get(bid_url).status_code == 404
    assert other_officer_client.get(bids_url).status_code == 403


def test_a_member_sees_its_consortiums_bid_and_a_stranger_does_not(lot, consortium, charity_editor, partner_admin):
    bid = _bid(lot, consortium, charity_editor)
    url = reverse("commissioning:bid", args=[bid.pk])
    assert signed_in_client(partner_admin).get(url).status_code == 200
    assert signed_in_client(UserFactory()).get(url).status_code == 404


def test_a_member_cannot_submit_the_leads_bid(lot, consortium, charity_editor, partner_admin):
    bid = _bid(lot, consortium, charity_editor)
    url = reverse("commissioning:bid_step", args=[bid.pk, "submit"])
    assert signed_in_client(partner_admin).post(url, {"reason": "x"}).status_code == 403


def test_the_bid_page_refuses_a_second_bid_with_a_clear_error(lot, consortium, charity_editor, charity_client):
    _bid(lot, consortium, charity_editor)
    url = reverse("commissioning:bid_create", args=[lot.opportunity_id])
    page = charity_client.post(
        url, {"lot": lot.pk, "bidder": f"consortium-{consortium.pk}", "price": "5000", "summary": "Again"}
    ).content.decode()
    assert "There is a problem" in page
    assert "already has a bid for lot" in page


def test_the_organisations_page_reads_the_same_number_of_queries_for_more_bids(
    leeds_council, consortium, charity_editor, charity_client, django_assert_num_queries
):
    def another_lot():
        opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
        return LotFactory(opportunity=opportunity)

    _bid(another_lot(), consortium, charity_editor)
    url = reverse("commissioning:mine")
    charity_client.get(url)
    with CaptureQueriesContext(connection) as few:
        charity_client.get(url)
    for _ in range(3):
        _bid(another_lot(), consortium, charity_editor)
    with django_assert_num_queries(len(few)):
        page = charity_client.get(url)
    assert page.content.decode().count("Leeds Advice Partnership") >= 4


def test_the_commissioners_bid_list_reads_the_same_number_of_queries_for_more_bids(
    lot, consortium, charity_editor, leeds_officer_client, django_assert_num_queries
):
    submit_bid(bid=_bid(lot, consortium, charity_editor), by=charity_editor)
    _close(lot)
    url = reverse("commissioning:bids", args=[lot.opportunity_id])
    leeds_officer_client.get(url)
    with CaptureQueriesContext(connection) as few:
        leeds_officer_client.get(url)
    for number in range(3):
        single = OrganisationFactory(name=f"Single bidder {number}")
        Bid.objects.create(lot=lot, organisation=single, price=Decimal("900"), summary="x", status=BidStatus.SUBMITTED)
    with django_assert_num_queries(len(few)):
        leeds_officer_client.get(url)
