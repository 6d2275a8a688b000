"""The staff payment pages: the queue, one payment's steps, and recording a payment made."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client

from ..models import PaymentStatus
from ..services.payments import approve_payment, raise_payment
from .factories import AwardFactory, MonitoringReturnFactory, PaymentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("funding:payments")
# Roles that may open the queue: staff, and fund administrators (who see their own body's programmes).
QUEUE_ROLES = {"department_staff", "platform_admin", "fund_administrator"}
# Roles that run every programme, so may open any payment.
RUNS_EVERY_PROGRAMME = {"department_staff", "platform_admin"}


def today():
    return timezone.localdate()


def days(count):
    return today() + datetime.timedelta(days=count)


@pytest.fixture
def award(programme, organisation):
    return AwardFactory(programme=programme, organisation=organisation, status="accepted", reference="SPG-00000001")


@pytest.fixture
def payment(award):
    return PaymentFactory(award=award, number=1, due_on=days(5))


def payment_url(payment, suffix=""):
    return reverse("funding:payment" + suffix, args=[payment.pk])


def shown(response):
    return [payment.pk for payment in response.context["page_obj"]]


# The queue: who may see it


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_people_who_run_programmes_may_open_the_queue(clients_by_role, payment, role):
    response = clients_by_role[role].get(QUEUE)
    if role == "public":
        assert response.status_code == 302
    elif role in QUEUE_ROLES:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_a_fund_administrator_sees_only_the_programmes_their_body_administers(payment):
    body = ProgrammeFactory().administering_body
    theirs = PaymentFactory(award__programme__administering_body=body, due_on=days(3))
    person = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=person, organisation=theirs.programme.administering_body, role=MembershipRole.EDITOR)

    response = signed_in_client(person).get(QUEUE)

    assert shown(response) == [theirs.pk]
    assert payment.award.reference not in response.content.decode()


# The queue: what it shows


def test_by_default_the_queue_shows_payments_due_soon_awaiting_approval_or_held(award, staff_client):
    due_soon = PaymentFactory(award=award, number=1, due_on=days(10))
    overdue = PaymentFactory(award=award, number=2, due_on=days(-10))
    awaiting = PaymentFactory(award=award, number=3, due_on=days(200), status=PaymentStatus.REQUESTED)
    held = PaymentFactory(award=award, number=4, due_on=days(100), status=PaymentStatus.HELD)
    PaymentFactory(award=award, number=5, due_on=days(31))  # beyond the 30 days
    PaymentFactory(award=award, number=6, due_on=days(-40), status=PaymentStatus.PAID)
    PaymentFactory(award=award, number=7, due_on=days(1), status=PaymentStatus.CANCELLED)

    response = staff_client.get(QUEUE)

    assert shown(response) == [overdue.pk, due_soon.pk, held.pk, awaiting.pk]
    assert "payments due in the next 30 days" in response.content.decode()


def test_the_queue_filters_by_programme_status_and_due_date(award, staff_client):
    other = PaymentFactory(due_on=days(2))
    paid = PaymentFactory(award=award, number=1, due_on=days(-60), status=PaymentStatus.PAID)
    later = PaymentFactory(award=award, number=2, due_on=days(60))

    assert shown(staff_client.get(QUEUE, {"programme": other.programme.pk})) == [other.pk]
    assert shown(staff_client.get(QUEUE, {"status": "paid"})) == [paid.pk]
    assert shown(staff_client.get(QUEUE, {"status": "all", "due_before": days(0).isoformat()})) == [paid.pk]
    assert later.pk in shown(staff_client.get(QUEUE, {"due_before": days(90).isoformat()}))


def test_a_bad_filter_shows_the_error_summary_not_a_500(staff_client):
    response = staff_client.get(QUEUE, {"due_before": "next tuesday"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_the_queue_is_paginated(award, staff_client, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    for number in range(1, 6):
        PaymentFactory(award=award, number=number, due_on=days(number))
    response = staff_client.get(QUEUE, {"page": 3})
    assert len(response.context["page_obj"]) == 1
    assert 'class="govuk-pagination"' in response.content.decode()


def test_the_csv_download_has_exactly_the_rows_shown(award, staff_client, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    for number in range(1, 4):
        PaymentFactory(award=award, number=number, due_on=days(number))

    response = staff_client.get(QUEUE, {"format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:4] == ["Award", "Organisation", "Programme", "Payment"]
    assert [(row[0], row[3], row[6], row[7]) for row in rows[1:]] == [
        ("SPG-00000001", "1", "12500.00", "Scheduled"),
        ("SPG-00000001", "2", "12500.00", "Scheduled"),
    ]


QUERIES_FOR_THE_QUEUE = 8


@pytest.mark.parametrize("rows", [3, 20])
def test_the_queue_takes_the_same_queries_however_many_payments(
    staff_user, staff_client, django_assert_num_queries, rows, programme
):
    for _ in range(rows):
        raise_payment(payment=PaymentFactory(award__programme=programme, due_on=days(3)), by=staff_user)
    staff_client.get(QUEUE)  # the session and the second factor are settled on the first request

    # The session, the person, their second factor and roles; their memberships (navigation); the
    # programmes (for the filter); the count; the page with each award, organisation, programme and raiser.
    with django_assert_num_queries(QUERIES_FOR_THE_QUEUE):
        response = staff_client.get(QUEUE)
    assert len(response.context["page_obj"]) == rows


# One payment


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_people_who_run_its_programme_may_open_a_payment(clients_by_role, payment, role):
    response = clients_by_role[role].get(payment_url(payment))
    if role == "public":
        assert response.status_code == 302
    elif role in RUNS_EVERY_PROGRAMME:
        assert response.status_code == 200
    elif role == "fund_administrator":
        assert response.status_code == 404  # a programme they do not run
    else:
        assert response.status_code == 403


def test_the_payment_page_offers_the_steps_the_person_may_take(payment, staff_client):
    page = staff_client.get(payment_url(payment)).content.decode()
    assert 'value="raise_for_approval"' in page
    assert 'value="cancel"' in page
    assert 'value="approve"' not in page
    assert "History of this payment" in page


def test_staff_raise_a_payment_from_its_page_with_a_reason(payment, staff_client, staff_user):
    response = staff_client.post(payment_url(payment), {"step": "raise_for_approval", "reason": "Quarter 1"})

    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUESTED
    assert payment.raised_by == staff_user
    assert payment.history.latest().history_change_reason == "Quarter 1"


def test_a_step_needs_a_reason(payment, staff_client):
    response = staff_client.post(payment_url(payment), {"step": "raise_for_approval", "reason": ""})
    assert "Enter the reason for this change" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_the_approval_page_shows_who_raised_the_payment(payment, staff_user, second_staff_client):
    raise_payment(payment=payment, by=staff_user)
    page = second_staff_client.get(payment_url(payment)).content.decode()
    assert "Raised for approval by" in page
    assert "Sam Staff" in page
    assert 'value="approve"' in page


def test_the_person_who_raised_it_is_told_someone_else_must_approve(payment, staff_user, staff_client):
    raise_payment(payment=payment, by=staff_user)
    page = staff_client.get(payment_url(payment)).content.decode()
    assert "You raised this payment, so another member of staff" in page
    assert 'value="approve"' not in page


def test_the_person_who_raised_it_is_refused_with_the_error_summary(payment, staff_user, staff_client):
    raise_payment(payment=payment, by=staff_user)

    response = staff_client.post(payment_url(payment), {"step": "approve", "reason": "Looks right"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "other than the person who raised the payment" in page
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUESTED


def test_a_second_member_of_staff_approves_from_the_page(payment, staff_user, second_staff_client, second_staff_user):
    raise_payment(payment=payment, by=staff_user)
    second_staff_client.post(payment_url(payment), {"step": "approve", "reason": "Invoice checked"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED
    assert payment.approved_by == second_staff_user


def test_a_system_step_cannot_be_posted(award, payment, staff_client):
    MonitoringReturnFactory(award=award, due_on=days(-1))
    response = staff_client.post(payment_url(payment), {"step": "hold", "reason": "Testing"})
    assert "Choose a step" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_the_page_warns_when_a_return_is_overdue_and_refuses_approval(award, payment, staff_user, second_staff_client):
    raise_payment(payment=payment, by=staff_user)
    MonitoringReturnFactory(award=award, due_on=days(-3))

    page = second_staff_client.get(payment_url(payment)).content.decode()
    assert "A monitoring return on this award is overdue" in page
    assert 'value="approve"' not in page

    response = second_staff_client.post(payment_url(payment), {"step": "approve", "reason": "Anyway"})
    assert "There is a problem" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUESTED


def test_the_payment_page_takes_a_fixed_number_of_queries(payment, staff_client, django_assert_num_queries):
    staff_client.get(payment_url(payment))
    with django_assert_num_queries(QUERIES_FOR_A_PAYMENT):
        staff_client.get(payment_url(payment))


# The session, the person, their second factor and roles; their memberships (navigation); the payment
# with its award, organisation, programme and people; whether a return is overdue (raising's guard); the
# overdue returns (the warning); the history.
QUERIES_FOR_A_PAYMENT = 9


# Marking paid


@pytest.fixture
def approved(payment, staff_user, second_staff_user):
    raise_payment(payment=payment, by=staff_user)
    return approve_payment(payment=payment, by=second_staff_user)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_people_who_run_its_programme_may_mark_a_payment_paid(clients_by_role, approved, role):
    response = clients_by_role[role].post(
        payment_url(approved, "-paid"), {"paid_on": today().isoformat(), "payment_reference": "BACS-1"}
    )
    approved.refresh_from_db()
    if role in RUNS_EVERY_PROGRAMME:
        assert response.status_code == 302
        assert approved.status == PaymentStatus.PAID
    else:
        assert response.status_code in {302, 403, 404} if role == "public" else response.status_code in {403, 404}
        assert approved.status == PaymentStatus.APPROVED


def test_staff_record_the_date_paid_and_the_finance_reference(approved, staff_client):
    paid_on = days(-2)
    response = staff_client.post(
        payment_url(approved, "-paid"), {"paid_on": paid_on.isoformat(), "payment_reference": "BACS-000999"}
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.status, approved.paid_on, approved.payment_reference) == ("paid", paid_on, "BACS-000999")


def test_a_date_in_the_future_or_no_reference_is_refused(approved, staff_client):
    response = staff_client.post(
        payment_url(approved, "-paid"), {"paid_on": days(3).isoformat(), "payment_reference": ""}
    )
    page = response.content.decode()
    assert "The date paid must be today or in the past" in page
    assert "Enter the finance system&#x27;s reference" in page


def test_marking_paid_while_a_return_is_overdue_is_refused_with_the_error_summary(award, approved, staff_client):
    MonitoringReturnFactory(award=award, due_on=days(-1))
    response = staff_client.post(
        payment_url(approved, "-paid"), {"paid_on": today().isoformat(), "payment_reference": "BACS-1"}
    )
    assert "There is a problem" in response.content.decode()
    assert "overdue" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == PaymentStatus.APPROVED
