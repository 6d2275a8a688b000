"""A condition before payment (an asset transfer's legal completion) holds every payment until it is met."""

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused

from ..errors import FundingError
from ..models import PaymentStatus
from ..services.awards import meet_payment_condition, set_payment_condition
from ..services.payments import approve_payment, mark_payment_paid, raise_payment
from .factories import AwardFactory, PaymentFactory

pytestmark = pytest.mark.django_db

CONDITION = "Legal completion of the transfer of Holbeck Community Centre"


@pytest.fixture
def award(programme, organisation, staff_user):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    return set_payment_condition(award=award, condition=CONDITION, by=staff_user, reason="Capital grant")


@pytest.fixture
def payment(award):
    return PaymentFactory(award=award, number=1, due_on=timezone.localdate())


def test_no_payment_is_raised_before_the_condition_is_met(payment, staff_user):
    with pytest.raises(TransitionRefused, match="condition before payment has not been met"):
        raise_payment(payment=payment, by=staff_user, reason="First instalment")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


def test_once_met_the_payment_goes_through_and_the_history_says_who_and_why(
    award, payment, staff_user, second_staff_user
):
    meet_payment_condition(award=award, met_on=timezone.localdate(), by=staff_user, reason="Lease signed")
    raise_payment(payment=payment, by=staff_user, reason="First instalment")
    approve_payment(payment=payment, by=second_staff_user, reason="Checked")
    mark_payment_paid(payment=payment, by=staff_user, paid_on=timezone.localdate(), payment_reference="BACS-1")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    entry = award.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Lease signed")


def test_an_award_without_a_condition_has_none_to_meet(programme, organisation, staff_user):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    assert not award.awaits_payment_condition
    with pytest.raises(FundingError, match="no condition before payment"):
        meet_payment_condition(award=award, met_on=timezone.localdate(), by=staff_user, reason="x")
