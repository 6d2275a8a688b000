"""Monitoring returns: when they fall due, light touch for small grants, sending and reviewing them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused, available_steps

from ..errors import FundingError
from ..models import ReturnKind, ReturnStatus
from ..services.monitoring import (
    accept_return,
    reporting_periods,
    request_follow_up,
    schedule_returns,
    submit_return,
)
from .factories import AwardFactory, MonitoringReturnFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"outputs": "Twelve regional events.", "outcomes": "Sixty groups responded.", "spend": Decimal("24000.50")}


def award_of(amount, programme, **fields):
    return AwardFactory(
        programme=programme,
        amount=Decimal(amount),
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2029, 3, 31),
        status="accepted",
        **fields,
    )


@pytest.fixture
def monitoring_return(programme, organisation):
    return MonitoringReturnFactory(award__programme=programme, award__organisation=organisation)


# Scheduling


def test_a_three_year_award_reports_every_six_months_and_at_the_end(programme):
    returns = schedule_returns(award=award_of("150000.00", programme))

    progress = [r for r in returns if r.kind == ReturnKind.PROGRESS]
    final = [r for r in returns if r.kind == ReturnKind.FINAL]
    assert [(r.period_starts_on, r.period_ends_on, r.due_on) for r in progress[:2]] == [
        (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30), datetime.date(2026, 10, 30)),
        (datetime.date(2026, 10, 1), datetime.date(2027, 3, 31), datetime.date(2027, 4, 30)),
    ]
    # The last six months are reported on by the final return, not a progress return as well.
    assert len(progress) == 5
    assert progress[-1].period_ends_on == datetime.date(2028, 9, 30)
    assert [(r.period_starts_on, r.period_ends_on, r.due_on) for r in final] == [
        (datetime.date(2026, 4, 1), datetime.date(2029, 3, 31), datetime.date(2029, 4, 30))
    ]
    assert all(r.status == ReturnStatus.DUE for r in returns)


def test_the_programme_sets_the_interval_and_the_days_allowed(programme):
    programme.return_interval_months = 12
    programme.return_due_days = 60
    programme.save()

    returns = schedule_returns(award=award_of("150000.00", programme))

    assert [(r.kind, r.period_ends_on, r.due_on) for r in returns] == [
        ("progress", datetime.date(2027, 3, 31), datetime.date(2027, 5, 30)),
        ("progress", datetime.date(2028, 3, 31), datetime.date(2028, 5, 30)),
        ("final", datetime.date(2029, 3, 31), datetime.date(2029, 5, 30)),
    ]


def test_a_period_cut_short_by_the_end_of_the_grant_is_left_to_the_final_return():
    periods = reporting_periods(
        starts_on=datetime.date(2026, 4, 1), ends_on=datetime.date(2027, 1, 31), interval_months=6
    )
    assert periods == [(datetime.date(2026, 4, 1), datetime.date(2026, 9, 30))]


@pytest.mark.parametrize("amount", ["250.00", "5000.00", "10000.00"])
def test_a_grant_of_10000_pounds_or_less_sends_only_the_end_of_grant_return(programme, amount):
    returns = schedule_returns(award=award_of(amount, programme))
    assert [r.kind for r in returns] == [ReturnKind.FINAL]


def test_a_grant_just_over_the_light_touch_limit_reports_on_each_period(programme):
    returns = schedule_returns(award=award_of("10000.01", programme))
    assert [r.kind for r in returns].count(ReturnKind.PROGRESS) == 5


def test_the_light_touch_limit_is_a_setting(programme, settings):
    settings.FUNDING_LIGHT_TOUCH_MAXIMUM = 200_000
    returns = schedule_returns(award=award_of("150000.00", programme))
    assert [r.kind for r in returns] == [ReturnKind.FINAL]


def test_returns_are_not_scheduled_twice(programme):
    award = award_of("150000.00", programme)
    schedule_returns(award=award)
    with pytest.raises(FundingError, match="already has its monitoring returns"):
        schedule_returns(award=award)


# Sending a return


def test_a_member_of_the_organisation_sends_the_return_and_it_is_audited(monitoring_return, member_user):
    submit_return(monitoring_return=monitoring_return, by=member_user, **ANSWERS)

    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.SUBMITTED
    assert monitoring_return.submitted_by == member_user
    assert monitoring_return.spend == Decimal("24000.50")
    record = monitoring_return.history.latest()
    assert record.history_user == member_user
    assert record.history_change_reason == "Submitted"


@pytest.mark.parametrize("who", ["viewer_user", "staff_user", "assessor_user"])
def test_others_cannot_send_the_organisations_return(monitoring_return, who, request):
    with pytest.raises(TransitionRefused, match="a member of the organisation who can edit its record"):
        submit_return(monitoring_return=monitoring_return, by=request.getfixturevalue(who), **ANSWERS)
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == ReturnStatus.DUE
    assert monitoring_return.outputs == ""


def test_a_member_of_another_organisation_cannot_send_it(monitoring_return, other_organisation):
    from thirdsector.accounts.tests.factories import MembershipFactory

    elsewhere = MembershipFactory(organisation=other_organisation).user
    with pytest.raises(TransitionRefused):
        submit_return(monitoring_return=monitoring_return, by=elsewhere, **ANSWERS)


def test_a_return_needs_every_answer(monitoring_return, member_user):
    with pytest.raises(TransitionRefused, match="Describe the outputs and outcomes"):
        submit_return(monitoring_return=monitoring_return, by=member_user, outputs=" ", outcomes="x", spend=1)


def test_spend_cannot_be_negative(monitoring_return, member_user):
    with pytest.raises(FundingError, match="cannot be less than"):
        submit_return(monitoring_return=monitoring_return, by=member_user, outputs="a", outcomes="b", spend=-1)


def test_a_return_cannot_be_sent_twice(monitoring_return, member_user):
    submit_return(monitoring_return=monitoring_return, by=member_user, **ANSWERS)
    with pytest.raises(TransitionRefused, match="not possible while this monitoring return is submitted"):
        submit_return(monitoring_return=monitoring_return, by=member_user, **ANSWERS)


# Reviewing a return


@pytest.fixture
def submitted(monitoring_return, member_user):
    return submit_return(monitoring_return=monitoring_return, by=member_user, **ANSWERS)


def test_staff_accept_a_return_and_it_is_audited(submitted, staff_user):
    accept_return(monitoring_return=submitted, by=staff_user, notes="Clear and complete")

    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.ACCEPTED
    assert submitted.reviewed_by == staff_user
    assert submitted.review_notes == "Clear and complete"
    assert submitted.history.latest().history_user == staff_user


def test_staff_ask_for_more_information_with_notes(submitted, staff_user):
    request_follow_up(monitoring_return=submitted, by=staff_user, notes="Please split spend by quarter.")

    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.FOLLOW_UP
    assert submitted.review_notes == "Please split spend by quarter."
    assert submitted.history.latest().history_change_reason == "Please split spend by quarter."


def test_asking_for_more_information_needs_notes(submitted, staff_user):
    with pytest.raises(TransitionRefused, match="Say what more information is needed"):
        request_follow_up(monitoring_return=submitted, by=staff_user, notes="  ")


def test_the_organisation_answers_a_request_for_more_information(submitted, staff_user, member_user):
    request_follow_up(monitoring_return=submitted, by=staff_user, notes="Split spend by quarter.")
    submit_return(monitoring_return=submitted, by=member_user, **{**ANSWERS, "spend": Decimal("24000.00")})

    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.SUBMITTED
    assert submitted.history.latest().history_change_reason == "Submitted with the information asked for"


@pytest.mark.parametrize("who", ["member_user", "assessor_user", "commissioner_user", "viewer_user"])
def test_only_programme_staff_review_returns(submitted, who, request):
    person = request.getfixturevalue(who)
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        accept_return(monitoring_return=submitted, by=person)
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        request_follow_up(monitoring_return=submitted, by=person, notes="More")


def test_a_return_not_yet_sent_cannot_be_accepted(monitoring_return, staff_user):
    with pytest.raises(TransitionRefused, match="not possible while this monitoring return is due"):
        accept_return(monitoring_return=monitoring_return, by=staff_user)


def test_the_steps_offered_follow_the_role(submitted, staff_user, member_user):
    # Asking for more information is offered once the notes say what is needed (the review form's job).
    assert [step.name for step in available_steps(submitted, staff_user)] == ["accept"]
    assert available_steps(submitted, member_user) == []


def test_a_return_past_its_due_date_is_overdue_until_it_is_sent(monitoring_return, member_user):
    monitoring_return.due_on = timezone.localdate() - datetime.timedelta(days=1)
    monitoring_return.save()
    assert monitoring_return.is_overdue
    submit_return(monitoring_return=monitoring_return, by=member_user, **ANSWERS)
    assert not monitoring_return.is_overdue
