"""Reporting a breach: due dates in working days, anonymous reports, emails, and the reminder task."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError

from thirdsector.accounts.tests.factories import UserFactory

from ..models import BreachCase, BreachReminder, BreachStatus, Commitment
from ..services.breaches import BreachError, due_dates, report_breach, send_breach_reminders, take_breach_step
from .factories import BreachCaseFactory

pytestmark = pytest.mark.django_db

# 1 April 2026 is a Wednesday; Good Friday (3 April) and Easter Monday (6 April) are bank holidays.
REPORTED = datetime.date(2026, 4, 1)


def _report(department, **kwargs):
    arguments = {
        "body": department,
        "commitments": [Commitment.objects.order_by("id").first()],
        "what_happened": "Funding cut with two weeks' notice",
        "happened_on": datetime.date(2026, 3, 2),
        "today": REPORTED,
    }
    arguments.update(kwargs)
    return report_breach(**arguments)


def test_due_dates_count_working_days_and_skip_bank_holidays():
    assert due_dates(REPORTED) == (datetime.date(2026, 4, 10), datetime.date(2026, 5, 1))


def test_due_dates_follow_the_settings(settings):
    settings.COMPACT_BREACH_ACKNOWLEDGE_WORKING_DAYS = 1
    settings.COMPACT_BREACH_RESPONSE_WORKING_DAYS = 2
    assert due_dates(REPORTED) == (datetime.date(2026, 4, 2), datetime.date(2026, 4, 7))


def test_a_report_keeps_its_due_dates_and_gets_a_reference_and_a_secret_link(department):
    case = _report(department, name="Sam", email="sam@charity.example")
    assert case.status == BreachStatus.REPORTED
    assert (case.acknowledge_due_on, case.response_due_on) == (datetime.date(2026, 4, 10), datetime.date(2026, 5, 1))
    assert case.reference.startswith("BR-") and len(case.reference) == 11
    assert len(case.status_token) >= 40 and case.reference not in case.status_token


def test_the_reporter_is_emailed_the_reference_and_private_link(department):
    case = _report(department, email="sam@charity.example")
    to_reporter = [message for message in mail.outbox if message.to == ["sam@charity.example"]]
    assert len(to_reporter) == 1
    assert case.reference in to_reporter[0].body and case.get_status_url() in to_reporter[0].body


def test_the_compact_lead_hears_of_a_new_report(department):
    _report(department)
    assert any(department.compact_lead.email in message.to for message in mail.outbox)


def test_an_anonymous_report_keeps_no_contact_details_and_names_nobody_in_its_history(department, member_user):
    case = _report(
        department,
        anonymous=True,
        by=member_user,
        organisation=member_user.memberships.first().organisation,
        name="Sam",
        email="sam@charity.example",
        phone="0123",
    )
    case.refresh_from_db()
    assert (case.reporter_name, case.reporter_email, case.reporter_phone) == ("", "", "")
    assert case.reported_by is None and case.reporter_organisation is None
    assert case.history.earliest().history_user is None
    assert not [message for message in mail.outbox if "sam@charity.example" in message.to]


def test_the_database_refuses_contact_details_on_an_anonymous_report(department):
    with pytest.raises(IntegrityError):
        BreachCaseFactory(body=department, anonymous=True, reporter_name="Sam")


def test_a_member_reports_on_behalf_of_their_organisation(department, member_user, organisation):
    case = _report(department, by=member_user, organisation=organisation, name="Mo")
    assert case.reporter_organisation == organisation and case.reported_by == member_user


def test_nobody_reports_for_an_organisation_they_do_not_belong_to(department, other_organisation):
    with pytest.raises(BreachError, match="organisation you belong to"):
        _report(department, by=UserFactory(), organisation=other_organisation)


def test_a_report_needs_a_commitment_and_a_past_date(department):
    with pytest.raises(BreachError, match="commitment"):
        _report(department, commitments=[])
    with pytest.raises(BreachError, match="today or in the past"):
        _report(department, happened_on=REPORTED + datetime.timedelta(days=1))


# --- The reminder -------------------------------------------------------------------------------


def _reminders_to(address):
    return [message for message in mail.outbox if address in message.to and "due" in message.subject]


def test_no_reminder_while_the_due_date_is_more_than_a_working_day_away(department):
    _report(department)
    mail.outbox.clear()
    assert send_breach_reminders(today=datetime.date(2026, 4, 8)) == 0
    assert mail.outbox == []


def test_the_reminder_goes_a_working_day_before_and_only_once(department):
    case = _report(department)
    mail.outbox.clear()
    assert send_breach_reminders(today=datetime.date(2026, 4, 9)) == 1
    assert send_breach_reminders(today=datetime.date(2026, 4, 9)) == 0
    assert send_breach_reminders(today=datetime.date(2026, 4, 14)) == 0  # overdue, but already reminded
    assert len(_reminders_to(department.compact_lead.email)) == 1
    reminder = BreachReminder.objects.get()
    assert (reminder.case, reminder.due_on, reminder.what) == (case, datetime.date(2026, 4, 10), "Acknowledgement")


def test_an_overdue_case_is_reminded_even_when_the_day_before_was_missed(department):
    _report(department)
    assert send_breach_reminders(today=datetime.date(2026, 4, 20)) == 1


def test_the_answer_has_its_own_reminder_once_acknowledged(department, staff_user):
    case = _report(department)
    send_breach_reminders(today=datetime.date(2026, 4, 9))
    take_breach_step(case=case, step="acknowledge", by=staff_user)
    assert send_breach_reminders(today=datetime.date(2026, 4, 29)) == 0
    assert send_breach_reminders(today=datetime.date(2026, 4, 30)) == 1
    assert BreachReminder.objects.filter(case=case).count() == 2


def test_answered_and_closed_cases_are_not_reminded(department):
    for status in (BreachStatus.UPHELD, BreachStatus.CLOSED):
        BreachCaseFactory(body=department, status=status, reported_on=REPORTED)
    assert send_breach_reminders(today=datetime.date(2026, 6, 1)) == 0


def test_the_daily_schedule_sends_the_reminders(department, capsys):
    _report(department)
    call_command("run_compact_schedule", "--today", "2026-04-09")
    assert "Breach case reminders sent: 1" in capsys.readouterr().out
    assert BreachCase.objects.get().reminders.count() == 1


def test_the_reminder_task_runs(department):
    from ..tasks import send_breach_reminders as task

    _report(department)
    assert task.call("2026-04-09") == 1


# --- Evidence files: checked by the platform's one upload check (core.uploads) ----------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", b"", "The selected file is empty"),
        ("letter.exe", b"MZ\x90\x00", "The selected file must be a PDF, Word (.docx)"),
        ("letter.pdf", b"<html>not a pdf</html>", "The selected file is called .pdf but is not a PDF file"),
        ("photo.jpg", b"%PDF-1.4 hello", "The selected file is called .jpg but is not a JPEG file"),
    ],
)
def test_an_evidence_file_is_refused_with_the_reason(name, content, message, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(BreachError) as refused:
        _report(department, evidence_file=SimpleUploadedFile(name, content))
    assert str(refused.value).startswith(message)
    assert not BreachCase.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("letter.pdf", b"%PDF-1.4 hello"), ("photo.jpg", b"\xff\xd8\xff\xe0 a photo"), ("notes.txt", b"What was said")],
)
def test_evidence_may_be_a_document_an_image_or_text(name, content, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = _report(department, evidence_file=SimpleUploadedFile(name, content))
    assert case.evidence_file_name == name


def test_the_reporters_private_link_and_the_case_workers_link_start_with_the_site_address(settings, department):
    settings.SITE_URL = "https://thirdsector.example"
    case = _report(department, name="Sam", email="sam@charity.example")
    to_reporter = next(message for message in mail.outbox if message.to == ["sam@charity.example"])
    assert f"Follow your case at https://thirdsector.example{case.get_status_url()}\n" in to_reporter.body
    to_lead = next(message for message in mail.outbox if department.compact_lead.email in message.to)
    assert f"Open the case: https://thirdsector.example{case.get_absolute_url()}" in to_lead.body
    assert case.status_token not in to_lead.body
