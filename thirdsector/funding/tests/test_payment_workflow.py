"""Each payment step by the people allowed, refused for others, audited; the hold on overdue returns."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.workflow import TransitionRefused, take

from ..errors import FundingError
from ..models import PaymentStatus, ReturnStatus
from ..services.monitoring import accept_return, submit_return
from ..services.payments import (
    approve_payment,
    cancel_payment,
    hold_payments_with_overdue_returns,
    mark_payment_paid,
    raise_payment,
    release_held_payments,
    release_payment,
)
from .factories import AwardFactory, MonitoringReturnFactory, PaymentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def award(programme, organisation):
    return AwardFactory(programme=programme, organisation=organisation, status="accepted")


@pytest.fixture
def payment(award):
    return PaymentFactory(award=award, number=1, due_on=TODAY())


@pytest.fixture
def requested(payment, staff_user):
    return raise_payment(payment=payment, by=staff_user, reason="Quarter 1 in advance")


@pytest.fixture
def approved(requested, second_staff_user):
    return approve_payment(payment=requested, by=second_staff_user, reason="Checked against the schedule")


@pytest.fixture
def fund_administrator(programme):
    person = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=person, organisation=programme.administering_body, role=MembershipRole.EDITOR)
    return person


def overdue_return(award, **fields):
    fields.setdefault("due_on", TODAY() - datetime.timedelta(days=1))
    return MonitoringReturnFactory(award=award, **fields)


def latest(record):
    return record.history.latest()


# Separation of duties


def test_the_person_who_raised_a_payment_cannot_approve_it(requested, staff_user):
    with pytest.raises(TransitionRefused, match="other than the person who raised the payment"):
        approve_payment(payment=requested, by=staff_user)
    requested.refresh_from_db()
    assert requested.status == PaymentStatus.REQUESTED
    assert requested.approved_by is None


def test_a_second_member_of_staff_approves_it(requested, second_staff_user):
    approve_payment(payment=requested, by=second_staff_user, reason="Invoice checked")

    requested.refresh_from_db()
    assert requested.status == PaymentStatus.APPROVED
    assert requested.approved_by == second_staff_user
    assert latest(requested).history_user == second_staff_user
    assert latest(requested).history_change_reason == "Invoice checked"


def test_a_fund_administrator_of_the_administering_body_may_approve(requested, fund_administrator):
    approve_payment(payment=requested, by=fund_administrator)
    assert requested.status == PaymentStatus.APPROVED


def test_a_fund_administrator_of_another_body_may_not_raise_a_payment(payment):
    elsewhere = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=elsewhere, role=MembershipRole.EDITOR)
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        raise_payment(payment=payment, by=elsewhere)


# Each step: allowed, refused, audited


def test_staff_raise_a_payment_for_approval_and_it_is_audited(payment, staff_user):
    raise_payment(payment=payment, by=staff_user, reason="Due in advance")

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUESTED
    assert payment.raised_by == staff_user
    assert payment.raised_at is not None
    assert latest(payment).history_user == staff_user
    assert latest(payment).history_change_reason == "Due in advance"


@pytest.mark.parametrize("who", ["member_user", "assessor_user", "commissioner_user"])
def test_people_who_do_not_run_the_programme_cannot_raise_a_payment(payment, who, request):
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        raise_payment(payment=payment, by=request.getfixturevalue(who))


@pytest.mark.parametrize("who", ["member_user", "assessor_user", "commissioner_user"])
def test_people_who_do_not_run_the_programme_cannot_approve(requested, who, request):
    with pytest.raises(TransitionRefused):
        approve_payment(payment=requested, by=request.getfixturevalue(who))


def test_a_payment_cannot_be_raised_before_the_award_is_accepted(programme, staff_user):
    payment = PaymentFactory(award__programme=programme, award__status="offered")
    with pytest.raises(TransitionRefused, match="The award must be accepted"):
        raise_payment(payment=payment, by=staff_user)


def test_an_approved_payment_is_marked_paid_with_the_date_and_finance_reference(approved, staff_user):
    paid_on = TODAY() - datetime.timedelta(days=1)
    mark_payment_paid(payment=approved, by=staff_user, paid_on=paid_on, payment_reference="BACS-000123")

    approved.refresh_from_db()
    assert approved.status == PaymentStatus.PAID
    assert approved.paid_on == paid_on
    assert approved.payment_reference == "BACS-000123"
    assert latest(approved).history_user == staff_user
    assert "BACS-000123" in latest(approved).history_change_reason


def test_marking_paid_needs_a_finance_reference(approved, staff_user):
    with pytest.raises(FundingError, match="finance system's reference"):
        mark_payment_paid(payment=approved, by=staff_user, paid_on=TODAY(), payment_reference=" ")


def test_a_payment_cannot_be_marked_paid_before_it_is_approved(requested, second_staff_user):
    with pytest.raises(TransitionRefused, match="not possible while this payment is awaiting approval"):
        mark_payment_paid(payment=requested, by=second_staff_user, paid_on=TODAY(), payment_reference="X1")


def test_the_organisation_cannot_mark_its_own_payment_paid(approved, member_user):
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        mark_payment_paid(payment=approved, by=member_user, paid_on=TODAY(), payment_reference="X1")


def test_staff_cancel_a_payment_with_a_reason(requested, staff_user):
    cancel_payment(payment=requested, by=staff_user, reason="Paid by the previous system")

    requested.refresh_from_db()
    assert requested.status == PaymentStatus.CANCELLED
    assert latest(requested).history_change_reason == "Paid by the previous system"


def test_cancelling_needs_a_reason(payment, staff_user):
    with pytest.raises(FundingError, match="Say why"):
        cancel_payment(payment=payment, by=staff_user, reason="")


def test_a_paid_payment_cannot_be_cancelled(approved, staff_user):
    mark_payment_paid(payment=approved, by=staff_user, paid_on=TODAY(), payment_reference="BACS-1")
    with pytest.raises(TransitionRefused, match="not possible while this payment is paid"):
        cancel_payment(payment=approved, by=staff_user, reason="Mistake")


def test_the_organisation_cannot_cancel_a_payment(payment, member_user):
    with pytest.raises(TransitionRefused):
        cancel_payment(payment=payment, by=member_user, reason="We do not want it")


def test_only_the_system_replaces_a_payment_with_a_new_schedule(payment, staff_user):
    with pytest.raises(TransitionRefused, match="only the system"):
        take(payment, "supersede", by=staff_user, reason="")
    take(payment, "supersede", by=None, reason="The award was varied")
    assert payment.status == PaymentStatus.CANCELLED


# The hold on overdue returns


def test_the_daily_task_holds_payments_due_on_an_award_with_an_overdue_return(award, payment, requested):
    later = PaymentFactory(award=award, number=2, due_on=TODAY() + datetime.timedelta(days=90))
    overdue_return(award)

    assert hold_payments_with_overdue_returns() == 1

    payment.refresh_from_db()
    later.refresh_from_db()
    assert payment.status == PaymentStatus.HELD
    assert later.status == PaymentStatus.SCHEDULED  # not due yet: held if still overdue when it falls due
    assert latest(payment).history_user is None
    assert latest(payment).history_change_reason == "A monitoring return on this award is overdue"


def test_the_hold_leaves_other_awards_alone(programme, payment):
    other = AwardFactory(programme=programme, status="accepted")
    overdue_return(other)
    assert hold_payments_with_overdue_returns() == 0
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_a_return_not_yet_due_holds_nothing(award, payment):
    MonitoringReturnFactory(award=award, due_on=TODAY())
    assert hold_payments_with_overdue_returns() == 0


def test_approving_is_refused_while_a_return_is_overdue_even_before_the_task_runs(award, requested, second_staff_user):
    overdue_return(award)
    with pytest.raises(TransitionRefused, match="overdue, so its payments are held"):
        approve_payment(payment=requested, by=second_staff_user)


def test_marking_paid_is_refused_while_a_return_is_overdue_even_before_the_task_runs(award, approved, staff_user):
    overdue_return(award)
    with pytest.raises(TransitionRefused, match="overdue, so its payments are held"):
        mark_payment_paid(payment=approved, by=staff_user, paid_on=TODAY(), payment_reference="BACS-1")


def test_raising_is_refused_while_a_return_is_overdue(award, payment, staff_user):
    overdue_return(award)
    with pytest.raises(TransitionRefused, match="overdue"):
        raise_payment(payment=payment, by=staff_user)


def test_held_payments_are_released_when_the_overdue_return_is_accepted(award, payment, member_user, second_staff_user):
    late = overdue_return(award)
    hold_payments_with_overdue_returns()
    submit_return(monitoring_return=late, by=member_user, outputs="Events", outcomes="Groups heard", spend=100)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.HELD  # sent in, but not yet accepted

    accept_return(monitoring_return=late, by=second_staff_user)

    payment.refresh_from_db()
    assert late.status == ReturnStatus.ACCEPTED
    assert payment.status == PaymentStatus.SCHEDULED
    assert payment.raised_by is None


def test_held_payments_stay_held_while_another_return_is_still_overdue(award, payment, member_user, staff_user):
    first, second = overdue_return(award), overdue_return(award, due_on=TODAY() - datetime.timedelta(days=5))
    hold_payments_with_overdue_returns()
    submit_return(monitoring_return=first, by=member_user, outputs="a", outcomes="b", spend=1)
    accept_return(monitoring_return=first, by=staff_user)

    payment.refresh_from_db()
    assert second.status == ReturnStatus.DUE
    assert payment.status == PaymentStatus.HELD


def test_the_daily_release_puts_back_payments_whose_returns_are_no_longer_overdue(award, payment):
    late = overdue_return(award)
    hold_payments_with_overdue_returns()
    # Staff extended the deadline.
    type(late).objects.filter(pk=late.pk).update(due_on=TODAY() + datetime.timedelta(days=14))

    assert release_held_payments() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED
    assert latest(payment).history_user is None


def test_staff_cannot_release_a_payment_while_the_return_is_overdue(award, payment, staff_user):
    overdue_return(award)
    hold_payments_with_overdue_returns()
    payment.refresh_from_db()
    with pytest.raises(TransitionRefused, match="A monitoring return on this award is overdue"):
        release_payment(payment=payment, by=staff_user)
    assert release_held_payments() == 0


def test_a_person_cannot_hold_a_payment(award, payment, staff_user):
    overdue_return(award)
    with pytest.raises(TransitionRefused, match="only the system"):
        take(payment, "hold", by=staff_user, reason="")
