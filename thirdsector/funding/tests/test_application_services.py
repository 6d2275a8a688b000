"""Applications, as services: eligibility at start and at submission, answers, documents, declaring,
submitting, withdrawing and messages."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.core.workflow import TransitionRefused
from thirdsector.register.models import Area, OrganisationKind

from ..errors import FundingError, NotEligible
from ..models import Application, ApplicationDocument, ApplicationMessage
from ..services.applications import (
    add_document,
    declare,
    remove_document,
    save_answers,
    send_message,
    start_application,
    submit_application,
    withdraw_application,
)
from .factories import ApplicationFactory, ApplicationMessageFactory, StrategicPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rules(programme):
    return programme.eligibility


@pytest.fixture
def draft(open_round, organisation, member_user):
    return ApplicationFactory(round=open_round, organisation=organisation, created_by=member_user)


def today():
    return timezone.localdate()


def package(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
ODS = package({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"})
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
CSV = b"Item,Year 1,Year 2\nSalaries,40000,41000\n"


# --- Eligibility: each rule at start and at submission, with its plain-English reason -----------------


def _kinds(rules, organisation, round_):
    rules.organisation_kinds = [OrganisationKind.CIO]
    rules.save()


def _public_body(rules, organisation, round_):
    organisation.kind = OrganisationKind.LOCAL_AUTHORITY
    organisation.save()


def _income_too_low(rules, organisation, round_):
    rules.minimum_income = Decimal("100000")
    rules.save()


def _income_too_high(rules, organisation, round_):
    rules.maximum_income = Decimal("20000")
    rules.save()


def _income_unknown(rules, organisation, round_):
    rules.minimum_income = Decimal("1000")
    rules.save()
    organisation.latest_income = None
    organisation.save()


def _areas(rules, organisation, round_):
    leeds = organisation.local_authority
    elsewhere = Area.objects.exclude(pk=leeds.pk).exclude(pk=leeds.parent_id).exclude(parent_id=leeds.parent_id)
    rules.areas.add(elsewhere.filter(name="Cornwall").first() or elsewhere.first())


def _partner_status(rules, organisation, round_):
    rules.requires_strategic_partner_status = True
    rules.save()


def _round_closed(rules, organisation, round_):
    round_.opens_on = today() - datetime.timedelta(days=60)
    round_.closes_on = today() - datetime.timedelta(days=1)
    round_.save()


RULES = {
    "kinds": (
        _kinds,
        "This programme is open to: charitable incorporated organisation (cio). "
        "Your organisation is a registered charity.",
    ),
    "public body": (_public_body, "This programme is for third sector organisations, not public bodies."),
    "income below": (
        _income_too_low,
        "Your annual income of £25,000 is below this programme's minimum of £100,000.",
    ),
    "income above": (
        _income_too_high,
        "Your annual income of £25,000 is not under this programme's limit of £20,000.",
    ),
    "income unknown": (
        _income_unknown,
        "We do not know your organisation's annual income: add it to your organisation's record.",
    ),
    "areas": (_areas, "This programme funds work in "),
    "partner status": (
        _partner_status,
        "Only organisations with current strategic partner status may apply. Register your interest first.",
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_eligibility_rule_refuses_a_start_with_its_reason(rule, rules, organisation, open_round, member_user):
    make_ineligible, reason = RULES[rule]
    make_ineligible(rules, organisation, open_round)

    with pytest.raises(NotEligible) as refused:
        start_application(round_=open_round, organisation=organisation, by=member_user)

    assert any(message.startswith(reason) for message in refused.value.reasons)
    assert not Application.objects.exists()


@pytest.mark.parametrize("rule", RULES)
def test_each_eligibility_rule_is_checked_again_at_submission(rule, rules, organisation, draft, member_user):
    make_ineligible, reason = RULES[rule]
    declare(application=draft, by=member_user)
    make_ineligible(rules, organisation, draft.round)

    with pytest.raises(NotEligible) as refused:
        submit_application(application=draft, by=member_user)

    assert any(message.startswith(reason) for message in refused.value.reasons)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_closed_round_refuses_a_start(open_round, rules, organisation, member_user):
    _round_closed(rules, organisation, open_round)
    with pytest.raises(NotEligible, match="is not open for applications"):
        start_application(round_=open_round, organisation=organisation, by=member_user)


def test_a_closed_round_refuses_a_submission(draft, rules, organisation, member_user):
    declare(application=draft, by=member_user)
    _round_closed(rules, organisation, draft.round)
    with pytest.raises(NotEligible, match="is not open for applications"):
        submit_application(application=draft, by=member_user)


def test_current_strategic_partner_status_lets_an_organisation_apply(rules, organisation, open_round, member_user):
    _partner_status(rules, organisation, open_round)
    StrategicPartnerFactory(
        organisation=organisation,
        status="granted",
        granted_from=today() - datetime.timedelta(days=30),
        review_on=today() + datetime.timedelta(days=300),
    )
    application = start_application(round_=open_round, organisation=organisation, by=member_user)
    assert application.status == "draft"


def test_lapsed_strategic_partner_status_does_not(rules, organisation, open_round, member_user):
    _partner_status(rules, organisation, open_round)
    StrategicPartnerFactory(
        organisation=organisation,
        status="granted",
        granted_from=today() - datetime.timedelta(days=400),
        review_on=today() - datetime.timedelta(days=1),
    )
    with pytest.raises(NotEligible, match="current strategic partner status"):
        start_application(round_=open_round, organisation=organisation, by=member_user)


def test_one_live_application_per_organisation_per_round(draft, organisation, member_user):
    with pytest.raises(NotEligible) as refused:
        start_application(round_=draft.round, organisation=organisation, by=member_user)
    assert refused.value.reasons == [
        "Your organisation already has an application in this round: continue that one instead."
    ]


def test_a_withdrawn_application_frees_the_place(draft, organisation, member_user):
    withdraw_application(application=draft, by=member_user, reason="Started by mistake")
    assert start_application(round_=draft.round, organisation=organisation, by=member_user).status == "draft"


@pytest.mark.parametrize(
    ("rule", "answers", "reason"),
    [
        ({"minimum_amount": Decimal("200000")}, {}, "Ask for at least £200,000."),
        ({"maximum_amount": Decimal("100000")}, {}, "Ask for no more than £100,000."),
        ({"minimum_months": 48}, {}, "The work must last at least 48 months."),
        ({"maximum_months": 24}, {}, "The work can last no more than 24 months."),
    ],
    ids=["amount below", "amount above", "too short", "too long"],
)
def test_amount_and_length_ranges_are_checked_at_submission(rule, answers, reason, rules, draft, member_user):
    for name, value in rule.items():
        setattr(rules, name, value)
    rules.save()
    declare(application=draft, by=member_user)

    with pytest.raises(NotEligible) as refused:
        submit_application(application=draft, by=member_user)

    assert refused.value.reasons == [reason]


def test_a_start_makes_a_draft_with_the_programme_code_in_its_reference(open_round, organisation, member_user):
    application = start_application(round_=open_round, organisation=organisation, by=member_user)

    assert application.reference.startswith("SPG-")
    assert application.created_by == member_user
    assert application.history.latest().history_user == member_user


def test_a_viewer_cannot_start_an_application(open_round, organisation, viewer_user):
    with pytest.raises(FundingError, match="can edit its record"):
        start_application(round_=open_round, organisation=organisation, by=viewer_user)


# --- Answers ------------------------------------------------------------------------------------------


def test_answers_are_saved_as_they_are_given(open_round, organisation, member_user):
    application = start_application(round_=open_round, organisation=organisation, by=member_user)

    save_answers(application=application, by=member_user, project_title="Policy network")

    application.refresh_from_db()
    assert application.project_title == "Policy network"
    assert application.history.latest().history_change_reason == "Answers saved"


def test_answers_only_change_while_a_draft(draft, member_user):
    declare(application=draft, by=member_user)
    submit_application(application=draft, by=member_user)

    with pytest.raises(FundingError, match="submitted, so it can no longer be changed"):
        save_answers(application=draft, by=member_user, project_title="Changed")


def test_only_members_who_edit_the_organisation_save_answers(draft, viewer_user, staff_user):
    for person in (viewer_user, staff_user):
        with pytest.raises(FundingError):
            save_answers(application=draft, by=person, project_title="Changed")


def test_overheads_cannot_be_more_than_the_amount(draft, member_user):
    with pytest.raises(FundingError, match="Overheads cannot be more"):
        save_answers(application=draft, by=member_user, amount_requested=Decimal("1000"), overheads=Decimal("2000"))


def test_changing_an_answer_clears_the_declaration(draft, member_user):
    declare(application=draft, by=member_user)
    save_answers(application=draft, by=member_user, summary="New summary")
    draft.refresh_from_db()
    assert draft.declared_at is None


# --- Documents -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("budget.pdf", PDF, "application/pdf"),
        ("budget.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("budget.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("budget.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("budget.csv", CSV, "text/csv"),
    ],
)
def test_accepted_document_types_are_attached(name, content, content_type, draft, member_user):
    document = add_document(
        application=draft,
        by=member_user,
        kind="budget",
        uploaded_file=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    )
    assert document.original_name == name
    assert document.size == len(content)
    assert document.content_type == content_type
    assert document.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("accounts.pdf", b"", "The selected file is empty"),
        ("accounts.exe", b"MZ\x90\x00", "The selected file must be a PDF, Word (.docx), Excel (.xlsx), OpenDocument"),
        ("accounts.doc", b"\xd0\xcf\x11\xe0", "The selected file must be a PDF, Word (.docx)"),
        ("accounts", PDF, "The selected file must be a PDF"),
        ("accounts.pdf", b"<html>not a pdf</html>", "The selected file is called .pdf but is not a PDF file"),
        ("accounts.docx", PDF, "The selected file is called .docx but is not a Word file"),
        ("accounts.xlsx", DOCX, "The selected file is called .xlsx but is not a Excel file"),
        ("accounts.odt", ODS, "The selected file is called .odt but is not a OpenDocument text file"),
        ("accounts.docx", b"PK\x03\x04broken", "The selected file is called .docx but is not a Word file"),
        ("accounts.csv", b"a,b\x00\x01\x02", "The selected file is called .csv but is not a CSV file"),
    ],
)
def test_documents_of_the_wrong_type_are_refused_with_the_reason(name, content, message, draft, member_user):
    with pytest.raises(FundingError) as refused:
        add_document(
            application=draft, by=member_user, kind="accounts", uploaded_file=SimpleUploadedFile(name, content)
        )
    assert str(refused.value).startswith(message)
    assert not ApplicationDocument.objects.exists()


def test_documents_over_the_size_limit_are_refused(settings, draft, member_user):
    settings.FUNDING_MAX_DOCUMENT_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(FundingError, match="The selected file must be smaller than 1 MB"):
        add_document(application=draft, by=member_user, kind="budget", uploaded_file=SimpleUploadedFile("b.pdf", big))


def test_the_default_size_limit_is_ten_megabytes(draft, member_user):
    big = PDF + b"0" * (10 * 1024 * 1024)
    with pytest.raises(FundingError, match="smaller than 10 MB"):
        add_document(application=draft, by=member_user, kind="budget", uploaded_file=SimpleUploadedFile("b.pdf", big))


def test_a_viewer_cannot_attach_documents(draft, viewer_user):
    with pytest.raises(FundingError):
        add_document(application=draft, by=viewer_user, kind="budget", uploaded_file=SimpleUploadedFile("b.pdf", PDF))


def test_a_document_is_removed_from_a_draft(draft, member_user, django_capture_on_commit_callbacks):
    document = add_document(
        application=draft, by=member_user, kind="budget", uploaded_file=SimpleUploadedFile("b.pdf", PDF)
    )
    stored = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        remove_document(application=draft, document=document, by=member_user)
    assert not draft.documents.exists()
    assert not document.file.storage.exists(stored)


# --- Declaring and submitting -------------------------------------------------------------------------


def test_declaration_is_required_before_submitting(draft, member_user):
    with pytest.raises(TransitionRefused, match="Confirm the declaration before submitting."):
        submit_application(application=draft, by=member_user)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_every_question_must_be_answered_before_submitting(draft, member_user):
    save_answers(application=draft, by=member_user, need="")
    declare(application=draft, by=member_user)
    with pytest.raises(TransitionRefused, match="Answer every question before submitting."):
        submit_application(application=draft, by=member_user)


def test_a_declared_complete_application_is_submitted_with_the_eligibility_record(draft, member_user):
    declare(application=draft, by=member_user)
    submit_application(application=draft, by=member_user)

    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.submitted_at is not None
    assert draft.declared_by == member_user
    rules_checked = {rule["rule"] for rule in draft.eligibility_at_submission["rules"]}
    assert {"round open", "organisation kind", "one application per round"} <= rules_checked
    assert all(rule["passed"] for rule in draft.eligibility_at_submission["rules"])
    record = draft.history.latest()
    assert record.history_user == member_user
    assert record.history_change_reason == "Submitted by the applicant"


def test_a_viewer_cannot_submit(draft, member_user, viewer_user):
    declare(application=draft, by=member_user)
    with pytest.raises(TransitionRefused, match="only a member of the organisation who can edit its record"):
        submit_application(application=draft, by=viewer_user)


def test_staff_cannot_submit_for_the_applicant(draft, member_user, staff_user):
    declare(application=draft, by=member_user)
    with pytest.raises(TransitionRefused, match="Submit: only a member of the organisation"):
        submit_application(application=draft, by=staff_user)


def test_a_viewer_cannot_declare(draft, viewer_user):
    with pytest.raises(FundingError):
        declare(application=draft, by=viewer_user)


# --- Withdrawing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "submitted", "in_assessment"])
def test_the_applicant_withdraws_with_a_reason(status, draft, member_user):
    Application.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()

    withdraw_application(application=draft, by=member_user, reason="We have found other funding")

    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    record = draft.history.latest()
    assert (record.history_user, record.history_change_reason) == (member_user, "We have found other funding")


def test_withdrawing_needs_a_reason(draft, member_user):
    with pytest.raises(FundingError, match="Say why"):
        withdraw_application(application=draft, by=member_user, reason="  ")


@pytest.mark.parametrize("person", ["viewer_user", "staff_user", "assessor_user"])
def test_only_the_applicant_withdraws(person, draft, request):
    with pytest.raises(TransitionRefused, match="Withdraw: only a member of the organisation"):
        withdraw_application(application=draft, by=request.getfixturevalue(person), reason="No")


def test_a_decided_application_cannot_be_withdrawn(draft, member_user):
    Application.objects.filter(pk=draft.pk).update(status="approved")
    draft.refresh_from_db()
    with pytest.raises(TransitionRefused, match="not possible while this application is approved"):
        withdraw_application(application=draft, by=member_user, reason="Too late")


# --- Messages -------------------------------------------------------------------------------------------


def test_an_applicants_message_emails_the_funding_team(
    settings, draft, member_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(application=draft, by=member_user, body="When will we hear?")

    assert message.from_staff is False
    assert [mail.to for mail in mailoutbox] == [[settings.FUNDING_TEAM_EMAIL]]
    assert draft.reference in mailoutbox[0].subject


def test_a_staff_message_emails_the_applicants_editors(
    draft, staff_user, member_user, viewer_user, mailoutbox, django_capture_on_commit_callbacks
):
    administrator = MembershipFactory(organisation=draft.organisation, role=MembershipRole.ADMINISTRATOR).user
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(application=draft, by=staff_user, body="Please send your latest accounts.")

    assert message.from_staff is True
    assert sorted(mailoutbox[0].to) == sorted([member_user.email, administrator.email])


def test_a_reply_goes_to_the_staff_who_wrote(
    draft, staff_user, member_user, mailoutbox, django_capture_on_commit_callbacks
):
    ApplicationMessageFactory(application=draft, author=staff_user, from_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        send_message(application=draft, by=member_user, body="Attached now.")
    assert mailoutbox[0].to == [staff_user.email]


def test_an_empty_message_is_refused(draft, member_user):
    with pytest.raises(FundingError, match="Enter your message"):
        send_message(application=draft, by=member_user, body="   ")


@pytest.mark.parametrize("person", ["viewer_user", "assessor_user", "commissioner_user"])
def test_others_cannot_send_messages(person, draft, request):
    with pytest.raises(FundingError, match="Only the staff who run the programme"):
        send_message(application=draft, by=request.getfixturevalue(person), body="Hello")
    assert not ApplicationMessage.objects.exists()
