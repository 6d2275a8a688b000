"""Monitoring return pages: the staff list and review, the organisation's form, and the award page's tables."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client

from ..models import PaymentStatus, ReturnStatus
from ..services.monitoring import request_follow_up, submit_return
from ..services.payments import hold_payments_with_overdue_returns
from .factories import AwardFactory, MonitoringReturnFactory, PaymentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("funding:returns")
STAFF_PAGE_ROLES = {"department_staff", "platform_admin", "fund_administrator"}
RUNS_EVERY_PROGRAMME = {"department_staff", "platform_admin"}
ANSWERS = {"outputs": "Twelve regional events.", "outcomes": "Sixty groups responded.", "spend": "24000.50"}


def days(count):
    return timezone.localdate() + datetime.timedelta(days=count)


@pytest.fixture
def award(programme, organisation):
    return AwardFactory(programme=programme, organisation=organisation, status="accepted", reference="SPG-00000007")


@pytest.fixture
def monitoring_return(award):
    return MonitoringReturnFactory(award=award, due_on=days(10))


def submitted_return(award, member_user, **fields):
    monitoring_return = MonitoringReturnFactory(award=award, **fields)
    return submit_return(monitoring_return=monitoring_return, by=member_user, **{**ANSWERS, "spend": Decimal("10")})


def review_url(monitoring_return):
    return reverse("funding:return", args=[monitoring_return.pk])


def submit_url(monitoring_return):
    return reverse("funding:return-submit", args=[monitoring_return.pk])


def shown(response):
    return [monitoring_return.pk for monitoring_return in response.context["page_obj"]]


# The staff list


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_people_who_run_programmes_may_open_the_returns_list(clients_by_role, monitoring_return, role):
    response = clients_by_role[role].get(LIST)
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_PAGE_ROLES:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_the_list_shows_returns_submitted_overdue_or_waiting_for_more_information(
    award, member_user, staff_user, staff_client
):
    submitted = submitted_return(award, member_user, due_on=days(20))
    overdue = MonitoringReturnFactory(award=award, due_on=days(-5))
    follow_up = submitted_return(award, member_user, due_on=days(30))
    request_follow_up(monitoring_return=follow_up, by=staff_user, notes="Split the spend by quarter")
    MonitoringReturnFactory(award=award, due_on=days(40))  # due later: nothing to do yet
    accepted = submitted_return(award, member_user, due_on=days(-50))
    type(accepted).objects.filter(pk=accepted.pk).update(status=ReturnStatus.ACCEPTED)

    response = staff_client.get(LIST)

    assert shown(response) == [overdue.pk, submitted.pk, follow_up.pk]
    page = response.content.decode()
    assert "Overdue" in page
    assert "awards of £10,000.00 or less send only an end of grant return" in page
    assert shown(staff_client.get(LIST, {"show": "submitted"})) == [submitted.pk]
    assert shown(staff_client.get(LIST, {"show": "overdue"})) == [overdue.pk]
    assert shown(staff_client.get(LIST, {"show": "follow_up"})) == [follow_up.pk]


def test_the_list_filters_by_programme(award, member_user, staff_client):
    ours = submitted_return(award, member_user)
    theirs = MonitoringReturnFactory(due_on=days(-1))

    assert shown(staff_client.get(LIST, {"programme": award.programme.pk})) == [ours.pk]
    assert shown(staff_client.get(LIST, {"programme": theirs.award.programme.pk})) == [theirs.pk]


def test_the_list_is_paginated(award, staff_client, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    for offset in range(5):
        MonitoringReturnFactory(award=award, due_on=days(-1 - offset))
    response = staff_client.get(LIST, {"page": 3})
    assert len(response.context["page_obj"]) == 1


QUERIES_FOR_THE_LIST = 8


@pytest.mark.parametrize("rows", [3, 20])
def test_the_list_takes_the_same_queries_however_many_returns(programme, staff_client, django_assert_num_queries, rows):
    for _ in range(rows):
        MonitoringReturnFactory(award__programme=programme, due_on=days(-2))
    staff_client.get(LIST)

    # The session, the person, their second factor and roles; their memberships (navigation); the
    # programmes (for the filter); the count; the page with each award, organisation, programme and sender.
    with django_assert_num_queries(QUERIES_FOR_THE_LIST):
        response = staff_client.get(LIST)
    assert len(response.context["page_obj"]) == rows


# The staff review page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_people_who_run_its_programme_may_open_a_return_for_review(clients_by_role, monitoring_return, role):
    response = clients_by_role[role].get(review_url(monitoring_return))
    if role == "public":
        assert response.status_code == 302
    elif role in RUNS_EVERY_PROGRAMME:
        assert response.status_code == 200
    elif role == "fund_administrator":
        assert response.status_code == 404
    else:
        assert response.status_code == 403


def test_the_review_page_shows_the_answers_and_the_choices(award, member_user, staff_client):
    submitted = submitted_return(award, member_user)
    page = staff_client.get(review_url(submitted)).content.decode()
    assert "Twelve regional events." in page
    assert "£10.00" in page
    assert 'value="accept"' in page
    assert 'value="follow_up"' in page


def test_staff_accept_a_return_from_the_review_page(award, member_user, staff_client, staff_user):
    submitted = submitted_return(award, member_user)
    response = staff_client.post(review_url(submitted), {"decision": "accept", "notes": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.ACCEPTED
    assert submitted.reviewed_by == staff_user


def test_accepting_an_overdue_return_releases_the_awards_held_payments(award, member_user, staff_client):
    late = MonitoringReturnFactory(award=award, due_on=days(-3))
    payment = PaymentFactory(award=award, number=1, due_on=days(-1))
    hold_payments_with_overdue_returns()
    submit_return(monitoring_return=late, by=member_user, outputs="a", outcomes="b", spend=Decimal("1"))

    assert "1 payment on this award is held" in staff_client.get(review_url(late)).content.decode()
    staff_client.post(review_url(late), {"decision": "accept"})

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_asking_for_more_information_needs_notes_shown_in_the_error_summary(award, member_user, staff_client):
    submitted = submitted_return(award, member_user)
    response = staff_client.post(review_url(submitted), {"decision": "follow_up", "notes": ""})
    assert "There is a problem" in response.content.decode()
    assert "Say what more information is needed" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.SUBMITTED


def test_staff_ask_for_more_information_from_the_review_page(award, member_user, staff_client):
    submitted = submitted_return(award, member_user)
    staff_client.post(review_url(submitted), {"decision": "follow_up", "notes": "Split spend by quarter"})
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.FOLLOW_UP
    assert submitted.review_notes == "Split spend by quarter"


def test_a_return_not_yet_sent_cannot_be_accepted_from_the_page(monitoring_return, staff_client):
    page = staff_client.get(review_url(monitoring_return)).content.decode()
    assert 'value="accept"' not in page
    response = staff_client.post(review_url(monitoring_return), {"decision": "accept"})
    assert "There is a problem" in response.content.decode()


# The organisation's return form


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_organisations_editors_may_open_its_return(clients_by_role, monitoring_return, role):
    response = clients_by_role[role].get(submit_url(monitoring_return))
    if role == "public":
        assert response.status_code == 302
    elif role == "organisation_member":
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_a_viewer_of_the_organisation_cannot_open_the_return_form(monitoring_return, viewer_user):
    assert signed_in_client(viewer_user).get(submit_url(monitoring_return)).status_code == 404


def test_another_organisations_return_does_not_exist_for_a_member(monitoring_return, other_organisation):
    elsewhere = MembershipFactory(organisation=other_organisation).user
    response = signed_in_client(elsewhere).post(submit_url(monitoring_return), ANSWERS)
    assert response.status_code == 404
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.DUE


def test_a_member_sends_the_return(monitoring_return, member_client, member_user):
    response = member_client.post(submit_url(monitoring_return), ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == monitoring_return.award.get_absolute_url()
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED
    assert monitoring_return.submitted_by == member_user
    assert monitoring_return.spend == Decimal("24000.50")


def test_missing_answers_are_shown_in_the_error_summary(monitoring_return, member_client):
    response = member_client.post(submit_url(monitoring_return), {"outputs": "", "outcomes": "x", "spend": "lots"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Describe what you delivered in the period" in page
    assert "Enter the spend as an amount in pounds" in page


def test_a_sent_return_is_shown_not_sent_again(monitoring_return, member_client, member_user):
    submit_return(monitoring_return=monitoring_return, by=member_user, **{**ANSWERS, "spend": Decimal("5")})
    page = member_client.get(submit_url(monitoring_return)).content.decode()
    assert "Your answers" in page
    assert "Send the return" not in page
    member_client.post(submit_url(monitoring_return), {**ANSWERS, "outputs": "Changed"})
    monitoring_return.refresh_from_db()
    assert monitoring_return.outputs == "Twelve regional events."


def test_the_form_shows_what_more_information_was_asked_for(monitoring_return, member_user, member_client, staff_user):
    submit_return(monitoring_return=monitoring_return, by=member_user, **{**ANSWERS, "spend": Decimal("5")})
    request_follow_up(monitoring_return=monitoring_return, by=staff_user, notes="Split spend by quarter")
    page = member_client.get(submit_url(monitoring_return)).content.decode()
    assert "Split spend by quarter" in page
    assert "Twelve regional events." in page  # the earlier answers, to change


# The award page's payments and returns


def test_the_award_page_shows_payments_and_returns_with_links_for_staff(award, monitoring_return, staff_client):
    payment = PaymentFactory(award=award, number=1, amount=Decimal("12345.00"))
    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert "£12,345.00" in page
    assert reverse("funding:payment", args=[payment.pk]) in page
    assert f'href="{review_url(monitoring_return)}"' in page
    assert submit_url(monitoring_return) not in page


def test_the_award_page_offers_the_organisation_its_return_but_not_payment_actions(
    award, monitoring_return, member_client
):
    payment = PaymentFactory(award=award, number=1)
    page = member_client.get(award.get_absolute_url()).content.decode()
    assert submit_url(monitoring_return) in page
    assert "Send the return" in page
    assert reverse("funding:payment", args=[payment.pk]) not in page
    assert f'href="{review_url(monitoring_return)}"' not in page
