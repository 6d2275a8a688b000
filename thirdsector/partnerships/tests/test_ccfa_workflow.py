"""Community Call for Action: raising a call, each step by the council's officer, time limits, overdue flags."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.workflow import TransitionRefused
from thirdsector.core.working_days import add_working_days, working_days_between
from thirdsector.partnerships.models import CallStatus, CommunityCall, CommunityCallReminder
from thirdsector.partnerships.services.ccfa import (
    CommunityCallError,
    add_months,
    executive_response_due,
    flag_overdue_calls,
    raise_call,
    take_call_step,
)
from thirdsector.partnerships.tasks import run_daily_schedule

from .ccfa_support import STEP_RECORDS, call_at

pytestmark = pytest.mark.django_db


def test_a_resident_raises_a_call_and_is_emailed_the_reference_and_private_link(leeds_council):
    call = raise_call(
        council=leeds_council,
        ward="Headingley",
        issue="Speeding traffic",
        tried="A petition",
        name="Amina Begum",
        email="amina@example.org",
        councillor_name="Jane Smith",
    )
    assert call.status == CallStatus.RAISED
    assert call.reference.startswith("CCFA-")
    assert len(call.status_token) >= 40
    assert mail.outbox[0].to == ["amina@example.org"]
    assert call.reference in mail.outbox[0].body
    assert call.get_status_url() in mail.outbox[0].body
    assert call.history.first().history_change_reason == "Community Call for Action raised"


def test_a_call_can_only_be_raised_with_a_council(organisation):
    with pytest.raises(CommunityCallError, match="council"):
        raise_call(
            council=organisation, ward="W", issue="I", tried="T", name="N", email="n@example.org", councillor_name="C"
        )


def test_a_call_needs_what_has_been_tried(leeds_council):
    with pytest.raises(CommunityCallError, match="tried"):
        raise_call(
            council=leeds_council, ward="W", issue="I", tried=" ", name="N", email="n@example.org", councillor_name="C"
        )


@pytest.mark.parametrize(
    ("status", "steps_after"),
    [
        ("raised", ["pass_to_councillor"]),
        ("with_councillor", ["resolve", "refer"]),
        ("referred", ["decline", "accept"]),
        ("accepted", ["report"]),
        ("reported", ["respond"]),
        ("responded", ["close"]),
    ],
)
def test_each_step_is_taken_by_an_officer_of_the_council_with_an_audit_record(
    leeds_council, leeds_officer, status, steps_after
):
    for step in steps_after:
        call = call_at(status, by=leeds_officer, council=leeds_council)
        mail.outbox.clear()
        take_call_step(call=call, step=step, by=leeds_officer, reason="Recorded", **STEP_RECORDS.get(step, {}))
        call.refresh_from_db()
        assert call.status != status
        record = call.history.first()
        assert record.history_user == leeds_officer
        assert record.history_change_reason == "Recorded"
        # The raiser hears of every step.
        assert mail.outbox[-1].to == [call.raiser_email]
        assert call.get_status_url() in mail.outbox[-1].body


@pytest.mark.parametrize("step", ["pass_to_councillor", "refer", "accept", "report", "respond"])
def test_another_councils_officer_staff_and_the_public_cannot_take_a_step(
    leeds_council, other_council, leeds_officer, step
):
    before = {
        "pass_to_councillor": "raised",
        "refer": "with_councillor",
        "accept": "referred",
        "report": "accepted",
        "respond": "reported",
    }[step]
    call = call_at(before, by=leeds_officer, council=leeds_council)
    bradford_officer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=bradford_officer, organisation=other_council, role=MembershipRole.ADMINISTRATOR)
    not_an_officer = MembershipFactory(organisation=leeds_council, role=MembershipRole.ADMINISTRATOR).user
    for person in (
        bradford_officer,
        UserFactory(roles=[Role.DEPARTMENT_STAFF]),
        UserFactory(roles=[Role.PLATFORM_ADMIN]),
        not_an_officer,
        None,
    ):
        with pytest.raises(TransitionRefused, match="only an officer of the council"):
            take_call_step(call=call, step=step, by=person, reason="No", **STEP_RECORDS.get(step, {}))
    call.refresh_from_db()
    assert call.status == before


def test_declining_a_call_requires_the_committees_reasons(leeds_council, leeds_officer):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    with pytest.raises(TransitionRefused, match="reasons"):
        take_call_step(call=call, step="decline", by=leeds_officer, reason="Declined", decline_reasons="  ")
    take_call_step(call=call, step="decline", by=leeds_officer, reason="Declined", decline_reasons="Sub judice")
    call.refresh_from_db()
    assert call.status == CallStatus.DECLINED
    assert call.decline_reasons == "Sub judice"
    assert not call.is_open


def test_the_committee_reports_with_recommendations_only(leeds_council, leeds_officer):
    call = call_at("accepted", by=leeds_officer, council=leeds_council)
    with pytest.raises(TransitionRefused, match="recommendations"):
        take_call_step(call=call, step="report", by=leeds_officer, reason="R", committee_report="Report only")


def test_steps_out_of_order_are_refused(leeds_council, leeds_officer):
    call = call_at("raised", by=leeds_officer, council=leeds_council)
    with pytest.raises(TransitionRefused, match="not possible while"):
        take_call_step(call=call, step="accept", by=leeds_officer, reason="Too soon")


def test_a_step_cannot_be_dated_in_the_future(leeds_council, leeds_officer):
    call = call_at("raised", by=leeds_officer, council=leeds_council)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(CommunityCallError, match="today or in the past"):
        take_call_step(call=call, step="pass_to_councillor", by=leeds_officer, reason="R", on=tomorrow)


def test_the_councillor_has_20_working_days(leeds_council, leeds_officer):
    monday = datetime.date(2026, 3, 30)  # Good Friday and Easter Monday fall in the next fortnight
    call = call_at("with_councillor", by=leeds_officer, council=leeds_council, on=monday)
    assert call.councillor_due_on == add_working_days(monday, 20)
    assert working_days_between(monday, call.councillor_due_on) == 20
    assert (call.councillor_due_on - monday).days > 28  # the bank holidays are skipped


def test_the_executive_must_respond_within_2_months_of_the_report(leeds_council, leeds_officer):
    reported = datetime.date(2026, 3, 10)
    call = call_at("reported", by=leeds_officer, council=leeds_council, on=reported)
    assert call.response_due_on == datetime.date(2026, 5, 10)
    assert call.next_due == ("The executive's response", datetime.date(2026, 5, 10))


def test_two_months_from_the_end_of_a_month_is_the_end_of_the_shorter_month():
    assert add_months(datetime.date(2025, 12, 31), 2) == datetime.date(2026, 2, 28)
    assert executive_response_due(datetime.date(2026, 11, 15)) == datetime.date(2027, 1, 15)


def test_a_later_change_to_the_time_limit_does_not_move_a_due_date(leeds_council, leeds_officer, settings):
    call = call_at("reported", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 3, 10))
    settings.PARTNERSHIP_CCFA_EXECUTIVE_RESPONSE_MONTHS = 3
    call.refresh_from_db()
    assert call.response_due_on == datetime.date(2026, 5, 10)


def test_the_response_is_on_time_or_late_against_its_due_date(leeds_council, leeds_officer):
    call = call_at("responded", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 1, 5))
    assert call.responded_on_time is True
    late = call_at("reported", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 1, 5))
    take_call_step(
        call=late, step="respond", by=leeds_officer, reason="R", on=datetime.date(2026, 3, 6), executive_response="OK"
    )
    assert late.responded_on_time is False


def test_the_overdue_flag_emails_the_councils_officers_once_per_due_date(leeds_council, leeds_officer):
    long_ago = datetime.date(2026, 1, 5)
    overdue = call_at("reported", by=leeds_officer, council=leeds_council, on=long_ago)
    call_at("closed", by=leeds_officer, council=leeds_council, on=long_ago)
    call_at("with_councillor", by=leeds_officer, council=leeds_council)  # due in 20 working days: not overdue
    mail.outbox.clear()
    today = datetime.date(2026, 4, 1)
    assert flag_overdue_calls(today=today) == 1
    assert mail.outbox[0].to == [leeds_officer.email]
    assert overdue.reference in mail.outbox[0].subject
    assert CommunityCallReminder.objects.get().what == "The executive's response"
    assert flag_overdue_calls(today=today) == 0
    assert len(mail.outbox) == 1


def test_the_daily_task_flags_overdue_calls(leeds_council, leeds_officer, capsys):
    call_at("referred", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 1, 5))
    outcomes = dict(run_daily_schedule(today=datetime.date(2026, 4, 1)))
    assert outcomes == {"Overdue Community Call for Action steps flagged": "1"}
    call_command("run_partnerships_schedule", "--today", "2026-04-01")
    assert "Overdue Community Call for Action steps flagged: 0" in capsys.readouterr().out


def test_status_only_changes_through_steps(leeds_council, leeds_officer):
    call_at("closed", by=leeds_officer, council=leeds_council)
    call = CommunityCall.objects.get()
    assert [record.status for record in call.history.order_by("history_id")] == [
        "raised",
        "with_councillor",
        "referred",
        "accepted",
        "reported",
        "responded",
        "closed",
    ]


def test_a_step_cannot_be_dated_before_the_step_before_it(leeds_council, leeds_officer):
    call = call_at(
        "with_councillor",
        by=leeds_officer,
        council=leeds_council,
        on=datetime.date(2026, 3, 10),
        raised_on=datetime.date(2026, 3, 1),
    )
    with pytest.raises(CommunityCallError, match="before the last step"):
        take_call_step(call=call, step="refer", by=leeds_officer, reason="R", on=datetime.date(2026, 3, 9))


def test_a_refused_step_keeps_nothing_it_would_have_recorded(leeds_council, leeds_officer, other_council):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    with pytest.raises(TransitionRefused):
        take_call_step(call=call, step="decline", by=None, reason="R", decline_reasons="Not ours")
    assert call.decline_reasons == "" and call.decided_on is None
