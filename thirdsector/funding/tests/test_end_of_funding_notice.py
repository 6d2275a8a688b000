"""The end-of-funding notice (the Compact: at least three months before funding ends) and the daily schedule."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from ..services.awards import add_months
from ..services.notices import notice_status, send_end_of_funding_notices
from .factories import AwardFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 10)
# Three months' notice plus the 14 lead days: the last end date inside the window.
EDGE = add_months(TODAY, 3) + datetime.timedelta(days=14)


def ending_on(ends_on, *, programme, organisation, status="accepted", **fields):
    return AwardFactory(
        programme=programme,
        organisation=organisation,
        status=status,
        starts_on=datetime.date(2024, 4, 1),
        ends_on=ends_on,
        **fields,
    )


def test_the_notice_is_sent_once_to_the_organisations_administrators(
    programme, organisation, applicant_admin, member_user
):
    award = ending_on(EDGE, programme=programme, organisation=organisation)

    assert send_end_of_funding_notices(today=TODAY) == 1

    award.refresh_from_db()
    assert award.end_notice_sent_on == TODAY
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant_admin.email]
    assert EDGE.strftime("%-d %B %Y") in message.subject
    assert "at least 3 months' notice" in message.body
    record = award.history.latest()
    assert record.history_user is None
    assert record.history_change_reason.startswith("End-of-funding notice sent")

    assert send_end_of_funding_notices(today=TODAY) == 0
    assert send_end_of_funding_notices(today=TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_no_notice_before_the_window_opens(programme, organisation, applicant_admin):
    award = ending_on(EDGE + datetime.timedelta(days=1), programme=programme, organisation=organisation)
    assert send_end_of_funding_notices(today=TODAY) == 0
    award.refresh_from_db()
    assert award.end_notice_sent_on is None
    assert send_end_of_funding_notices(today=TODAY + datetime.timedelta(days=1)) == 1


@override_settings(FUNDING_NOTICE_LEAD_DAYS=0)
def test_the_lead_days_are_a_setting(programme, organisation):
    ending_on(EDGE, programme=programme, organisation=organisation)
    assert send_end_of_funding_notices(today=TODAY) == 0


def test_a_programme_with_a_longer_notice_period_sends_earlier(programme, organisation):
    programme.notice_months = 6
    programme.save()
    ending_on(add_months(TODAY, 6), programme=programme, organisation=organisation)
    assert send_end_of_funding_notices(today=TODAY) == 1


@pytest.mark.parametrize("status", ["draft", "approved", "offered", "declined", "withdrawn", "closed"])
def test_no_notice_for_awards_that_are_not_running(programme, organisation, status):
    ending_on(TODAY + datetime.timedelta(days=30), programme=programme, organisation=organisation, status=status)
    assert send_end_of_funding_notices(today=TODAY) == 0
    assert mail.outbox == []


def test_no_notice_once_funding_has_ended(programme, organisation):
    ending_on(TODAY - datetime.timedelta(days=1), programme=programme, organisation=organisation)
    assert send_end_of_funding_notices(today=TODAY) == 0


def test_a_late_run_still_sends_and_the_award_is_flagged_as_given_late(programme, organisation):
    award = ending_on(TODAY + datetime.timedelta(days=30), programme=programme, organisation=organisation)
    assert notice_status(award, today=TODAY).is_overdue
    assert send_end_of_funding_notices(today=TODAY) == 1
    award.refresh_from_db()
    status = notice_status(award, today=TODAY)
    assert status.is_late
    assert not status.is_overdue


def test_notice_sent_in_the_window_is_not_late(programme, organisation):
    award = ending_on(EDGE, programme=programme, organisation=organisation)
    send_end_of_funding_notices(today=TODAY)
    award.refresh_from_db()
    status = notice_status(award, today=TODAY)
    assert not status.is_late
    assert status.due_by == add_months(EDGE, -3)


def test_the_award_page_says_notice_was_given_late(staff_client, programme, organisation):
    award = ending_on(
        datetime.date.today() + datetime.timedelta(days=20),
        programme=programme,
        organisation=organisation,
        end_notice_sent_on=datetime.date.today(),
    )
    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert "Notice given late" in page
    assert "less than 3 months before it ends" in page


def test_the_award_page_says_when_notice_was_given(staff_client, programme, organisation):
    ends_on = datetime.date.today() + datetime.timedelta(days=200)
    award = ending_on(ends_on, programme=programme, organisation=organisation, end_notice_sent_on=datetime.date.today())
    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert f"Given on {datetime.date.today():%-d %B %Y}" in page
    assert "Notice given late" not in page


# The daily schedule


def test_the_schedule_command_runs_every_daily_step_and_says_what_each_did(programme, organisation):
    ending_on(EDGE, programme=programme, organisation=organisation)
    out = StringIO()
    call_command("run_funding_schedule", "--today", TODAY.isoformat(), stdout=out)
    lines = out.getvalue().splitlines()
    assert "End-of-funding notices sent: 1" in lines
    assert [line.split(":")[0] for line in lines] == [
        "Strategic partner statuses lapsed",
        "Payments held for overdue returns",
        "Held payments released",
        "End-of-funding notices sent",
    ]


def test_the_schedule_command_refuses_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("run_funding_schedule", "--today", "tomorrow")


def test_the_schedule_runs_as_a_task(programme, organisation):
    from ..tasks import run_funding_schedule

    ending_on(EDGE, programme=programme, organisation=organisation)
    result = run_funding_schedule.enqueue(TODAY.isoformat())
    assert result.return_value["End-of-funding notices sent"] == "1"
