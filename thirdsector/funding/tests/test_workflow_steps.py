"""The workflow adapter: steps taken by the right person are audited; refusals say why."""

import pytest

from thirdsector.core.workflow import TransitionRefused, available_steps, refusal, take

from .factories import PaymentFactory


@pytest.fixture
def payment(programme):
    return PaymentFactory(award__programme=programme)


def test_a_step_taken_records_who_and_why(payment, staff_user):
    take(payment, "raise_for_approval", by=staff_user, reason="Quarter 1 in advance")

    payment.refresh_from_db()
    record = payment.history.latest()
    assert payment.status == "requested"
    assert payment.raised_by == staff_user
    assert record.history_user == staff_user
    assert record.history_change_reason == "Quarter 1 in advance"


def test_a_step_from_the_wrong_state_is_refused_with_the_state(payment, staff_user):
    with pytest.raises(TransitionRefused, match="Mark as paid: not possible while this payment is scheduled"):
        take(payment, "mark_paid", by=staff_user, reason="")


def test_a_step_by_the_wrong_person_names_who_may_take_it(payment, member_user):
    assert refusal(payment, "raise_for_approval", member_user) == (
        "Raise for approval: only the staff who run the programme can do this."
    )


def test_system_steps_cannot_be_taken_by_a_person(payment, staff_user):
    assert refusal(payment, "hold", staff_user) == "Hold: only the system can do this."


def test_available_steps_are_those_the_person_may_take(payment, staff_user, member_user):
    assert {step.name for step in available_steps(payment, staff_user)} == {"raise_for_approval", "cancel"}
    assert available_steps(payment, member_user) == []
