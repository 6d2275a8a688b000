"""The consultation workflow: the 12-week rule, each step by its role, and the audit record."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.core.workflow import TransitionRefused, take

from ..models import Consultation, ConsultationStatus
from ..services.consultations import (
    ConsultationError,
    close_finished_consultations,
    record_short_period_approval,
    write_outcome,
)
from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _draft(weeks: int = 12, **kwargs) -> Consultation:
    today = timezone.localdate()
    consultation = ConsultationFactory(opens_on=today, closes_on=today + datetime.timedelta(weeks=weeks), **kwargs)
    QuestionFactory(consultation=consultation)
    return consultation


def _approve_short(consultation, staff_user):
    return record_short_period_approval(
        consultation=consultation,
        by=staff_user,
        reason="The regulations must be laid before the summer recess.",
        approved_by_name="Dana Director",
        approved_by_role="Director General, Communities",
        approved_on=timezone.localdate(),
    )


def test_a_twelve_week_consultation_is_published_by_staff(staff_user):
    consultation = _draft(weeks=12)
    take(consultation, "publish", by=staff_user, reason="Launch")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PUBLISHED
    assert not consultation.shorter_than_minimum
    assert consultation.minimum_weeks_applied == 12
    assert not Consultation.objects.shorter_than_minimum().exists()


def test_a_consultation_shorter_than_12_weeks_needs_a_reason_and_approval(staff_user):
    consultation = _draft(weeks=8)
    with pytest.raises(TransitionRefused, match="shorter than the minimum"):
        take(consultation, "publish", by=staff_user, reason="Launch")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT


def test_a_reason_without_the_senior_official_is_not_enough(staff_user):
    consultation = _draft(weeks=8)
    consultation.short_period_reason = "Urgent"
    consultation.save()
    with pytest.raises(TransitionRefused):
        take(consultation, "publish", by=staff_user, reason="Launch")


def test_the_approval_needs_every_part(staff_user):
    consultation = _draft(weeks=8)
    with pytest.raises(ConsultationError):
        record_short_period_approval(
            consultation=consultation,
            by=staff_user,
            reason="Urgent",
            approved_by_name="",
            approved_by_role="Director",
            approved_on=timezone.localdate(),
        )


def test_a_short_consultation_with_approval_is_published_and_flagged_as_a_risk(staff_user):
    consultation = _approve_short(_draft(weeks=8), staff_user)
    take(consultation, "publish", by=staff_user, reason="Launch")
    consultation.refresh_from_db()
    assert consultation.shorter_than_minimum
    assert list(Consultation.objects.shorter_than_minimum()) == [consultation]


def test_the_minimum_follows_the_setting_and_is_kept_as_it_was(staff_user, settings):
    settings.COMPACT_CONSULTATION_MINIMUM_WEEKS = 6
    consultation = _draft(weeks=8)
    take(consultation, "publish", by=staff_user, reason="Launch")
    settings.COMPACT_CONSULTATION_MINIMUM_WEEKS = 12
    consultation.refresh_from_db()
    assert consultation.minimum_weeks_applied == 6
    assert not consultation.is_shorter_than_minimum


def test_a_consultation_without_questions_cannot_be_published(staff_user):
    consultation = ConsultationFactory(
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + datetime.timedelta(weeks=12)
    )
    with pytest.raises(TransitionRefused, match="question"):
        take(consultation, "publish", by=staff_user, reason="Launch")


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.COMMISSIONER, Role.BOARD_MEMBER, Role.FUND_ADMINISTRATOR])
def test_only_department_staff_publish(role):
    consultation = _draft()
    with pytest.raises(TransitionRefused, match="department staff"):
        take(consultation, "publish", by=UserFactory(roles=[role]), reason="Launch")


def test_a_platform_admin_may_publish():
    consultation = _draft()
    take(consultation, "publish", by=UserFactory(roles=[Role.PLATFORM_ADMIN]), reason="Launch")
    assert consultation.status == ConsultationStatus.PUBLISHED


def test_publishing_leaves_an_audit_record(staff_user):
    consultation = _draft()
    take(consultation, "publish", by=staff_user, reason="Launch day")
    record = consultation.history.first()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Launch day"
    assert record.status == ConsultationStatus.PUBLISHED


def test_a_consultation_cannot_close_before_its_closing_date(staff_user):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    with pytest.raises(TransitionRefused, match="closing date"):
        take(consultation, "close", by=staff_user, reason="Close")


def test_closing_sets_the_outcome_due_date_12_weeks_after_the_closing_date(staff_user):
    closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation = ConsultationFactory(
        status=ConsultationStatus.PUBLISHED, opens_on=closes_on - datetime.timedelta(weeks=12), closes_on=closes_on
    )
    take(consultation, "close", by=staff_user, reason="Closed")
    assert consultation.status == ConsultationStatus.CLOSED
    assert consultation.outcome_due_on == closes_on + datetime.timedelta(weeks=12)


def test_the_daily_schedule_closes_finished_consultations(db):
    closes_on = timezone.localdate() - datetime.timedelta(days=1)
    finished = ConsultationFactory(status=ConsultationStatus.PUBLISHED, closes_on=closes_on)
    running = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    assert close_finished_consultations() == 1
    finished.refresh_from_db()
    running.refresh_from_db()
    assert finished.status == ConsultationStatus.CLOSED
    assert running.status == ConsultationStatus.PUBLISHED


def test_a_commissioner_cannot_close(commissioner_user):
    consultation = ConsultationFactory(
        status=ConsultationStatus.PUBLISHED, closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(TransitionRefused):
        take(consultation, "close", by=commissioner_user, reason="Close")


def test_the_outcome_needs_we_asked_you_said_we_did(staff_user):
    consultation = ConsultationFactory(status=ConsultationStatus.CLOSED)
    with pytest.raises(TransitionRefused, match="We asked|what you asked"):
        take(consultation, "publish_outcome", by=staff_user, reason="Outcome")
    write_outcome(consultation=consultation, by=staff_user, we_asked="A", you_said="B", we_did="C")
    take(consultation, "publish_outcome", by=staff_user, reason="Outcome")
    assert consultation.status == ConsultationStatus.OUTCOME_PUBLISHED
    assert consultation.outcome_published_on == timezone.localdate()


def test_overdue_outcomes_are_listed(db):
    today = timezone.localdate()
    overdue = ConsultationFactory(status=ConsultationStatus.CLOSED, outcome_due_on=today - datetime.timedelta(days=1))
    ConsultationFactory(status=ConsultationStatus.CLOSED, outcome_due_on=today + datetime.timedelta(days=1))
    ConsultationFactory(status=ConsultationStatus.OUTCOME_PUBLISHED, outcome_due_on=today - datetime.timedelta(days=9))
    assert list(Consultation.objects.outcome_overdue(today)) == [overdue]


def test_a_published_consultation_cannot_be_changed(staff_user):
    from ..services.consultations import update_consultation

    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    with pytest.raises(ConsultationError):
        update_consultation(consultation=consultation, by=staff_user, title="New")


# --- Documents: checked by the platform's one upload check (core.uploads) ---------------------------


def test_a_consultation_document_is_checked_by_its_contents_not_only_its_name(staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..services.consultations import add_document

    consultation = _draft()
    with pytest.raises(ConsultationError, match="The selected file is called .pdf but is not a PDF file"):
        add_document(
            consultation=consultation,
            by=staff_user,
            title="Impact assessment",
            uploaded_file=SimpleUploadedFile("impact.pdf", b"<html>not a pdf</html>"),
        )
    with pytest.raises(ConsultationError, match="The selected file must be a PDF, Word"):
        add_document(
            consultation=consultation,
            by=staff_user,
            title="Photo",
            uploaded_file=SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0"),
        )
    document = add_document(
        consultation=consultation,
        by=staff_user,
        title="Impact assessment",
        uploaded_file=SimpleUploadedFile("impact.pdf", b"%PDF-1.7\n%%EOF\n"),
    )
    assert document.pk and not consultation.documents.exclude(pk=document.pk).exists()
