"""Applications: starting one, answering its questions, attaching documents, declaring, submitting,
withdrawing, and the messages between applicant and staff.

Only members of the applying organisation who can edit its record write an application; answers and
documents change only while it is a draft. Eligibility is checked when it starts and again at
submission, and the results at submission are kept on it (see services.eligibility).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from thirdsector.accounts.models import Membership
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT
from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.uploads import DOCUMENTS, FileType, UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, refusal, take

from ..errors import FundingError, NotEligible
from ..models import Application, ApplicationDocument, ApplicationMessage, ApplicationStatus, DocumentKind, Round
from ..permissions import acts_for, runs_programme
from .eligibility import as_record, check_eligibility, failures
from .references import new_reference

# The answers `save_answers` accepts, in the order the journey asks them.
ANSWER_FIELDS = (
    "project_title",
    "summary",
    "need",
    "outcomes",
    "amount_requested",
    "overheads",
    "duration_months",
    "starts_on",
)


def max_document_bytes() -> int:
    return getattr(settings, "FUNDING_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)


def _require_editor(application: Application, by) -> None:
    if not acts_for(by, application.organisation_id):
        raise FundingError("Only a member of the organisation who can edit its record can change its application.")


def _require_draft(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise FundingError(
            f"This application is {application.get_status_display().lower()}, so it can no longer be changed."
        )


@transaction.atomic
def start_application(*, round_: Round, organisation, by) -> Application:
    """Starts a draft for `organisation` in `round_`, or refuses with every eligibility rule it fails.

    On a short form programme the length is the programme's default, since the form does not ask it.
    """
    if not acts_for(by, organisation.pk):
        raise FundingError("Only a member of the organisation who can edit its record can apply for it.")
    reasons = failures(check_eligibility(organisation, round_))
    if reasons:
        raise NotEligible(reasons)
    application = Application(
        round=round_,
        organisation=organisation,
        reference=new_reference(Application, round_.programme.code),
        created_by=by,
    )
    if round_.programme.asks_short_form:
        # The short form does not ask how long the work lasts: a small grant runs for the programme's length.
        application.duration_months = round_.programme.default_grant_months
    attribute(application, by=by, reason="Application started")
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        # Two members pressing "Start now" at the same moment: the constraint keeps one.
        raise NotEligible(
            ["Your organisation already has an application in this round: continue that one instead."]
        ) from error
    return application


@transaction.atomic
def save_answers(*, application: Application, by, **answers) -> Application:
    """Saves some answers to a draft as they are given, so the applicant can stop and come back."""
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"Not questions on an application: {', '.join(sorted(unknown))}")
    _require_editor(application, by)
    _require_draft(application)
    for name, value in answers.items():
        setattr(application, name, value)
    amount: Decimal | None = application.amount_requested
    if application.overheads is not None and amount is not None and application.overheads > amount:
        raise FundingError("Overheads cannot be more than the total amount you are asking for.")
    starts_on: date | None = answers.get("starts_on")
    if starts_on is not None and starts_on < timezone.localdate():
        raise FundingError("The start date must be today or in the future.")
    # A declaration covers the answers as they were when it was made.
    application.declared_by = None
    application.declared_at = None
    attribute(application, by=by, reason="Answers saved")
    application.save()
    return application


def check_document(uploaded_file) -> FileType:
    """The type of an upload, or FundingError saying what is wrong with it (size, name or contents)."""
    try:
        return check_upload(uploaded_file, max_bytes=max_document_bytes(), allowed=DOCUMENTS)
    except UploadRefused as refused:
        raise FundingError(str(refused)) from refused


@transaction.atomic
def add_document(*, application: Application, by, kind: str, uploaded_file) -> ApplicationDocument:
    """Attaches a budget, accounts or other document to a draft, after checking its size and type."""
    _require_editor(application, by)
    _require_draft(application)
    if kind not in DocumentKind.values:
        raise FundingError("Select what the document is")
    document_type = check_document(uploaded_file)
    document = ApplicationDocument(
        application=application,
        kind=kind,
        original_name=uploaded_file.name[:255],
        size=uploaded_file.size,
        content_type=document_type.content_type,
        uploaded_by=by,
    )
    document.file.save(uploaded_file.name, uploaded_file, save=False)
    attribute(document, by=by, reason="Document uploaded")
    document.save()
    return document


@transaction.atomic
def remove_document(*, application: Application, document: ApplicationDocument, by) -> None:
    if document.application_id != application.pk:
        raise FundingError("That document is not part of this application.")
    _require_editor(application, by)
    _require_draft(application)
    stored = document.file.name
    storage = document.file.storage
    attribute(document, by=by, reason="Document removed")
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def declare(*, application: Application, by) -> Application:
    """Records that `by` confirmed the declaration for the organisation."""
    _require_editor(application, by)
    _require_draft(application)
    application.declared_by = by
    application.declared_at = timezone.now()
    attribute(application, by=by, reason="Declaration confirmed")
    application.save(update_fields=["declared_by", "declared_at", "updated_at"])
    return application


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Submits a declared, complete draft, re-checking every eligibility rule and keeping the results."""
    # Who and when first (the step's own message), then eligibility, then the step's guards.
    if application.status != ApplicationStatus.DRAFT or not acts_for(by, application.organisation_id):
        raise TransitionRefused(refusal(application, "submit", by))
    results = check_eligibility(application.organisation, application.round, application=application)
    reasons = failures(results)
    if reasons:
        raise NotEligible(reasons)
    take(application, "submit", by=by, reason="Submitted by the applicant", eligibility=as_record(results))
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by, reason: str) -> Application:
    if not (reason or "").strip():
        raise FundingError("Say why you are withdrawing the application")
    take(application, "withdraw", by=by, reason=reason.strip())
    return application


def _staff_recipients(application: Application) -> list[str]:
    """Staff who have written on this application, else the funding team's mailbox."""
    emails = set(
        application.messages.filter(from_staff=True).values_list("author__email", flat=True).exclude(author__email="")
    )
    return sorted(emails) or [settings.FUNDING_TEAM_EMAIL]


def _applicant_recipients(application: Application) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(organisation_id=application.organisation_id, role__in=MEMBERSHIP_ROLES_THAT_EDIT)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


@transaction.atomic
def send_message(*, application: Application, by, body: str) -> ApplicationMessage:
    """Adds a message to the application's thread and emails the other side that it is there."""
    body = (body or "").strip()
    if not body:
        raise FundingError("Enter your message")
    from_staff = runs_programme(by, application.programme)
    if not from_staff and not acts_for(by, application.organisation_id):
        raise FundingError(
            "Only the staff who run the programme, or members of the organisation who can edit its record, "
            "can send messages about this application."
        )
    recipients = _applicant_recipients(application) if from_staff else _staff_recipients(application)
    message = ApplicationMessage.objects.create(application=application, author=by, from_staff=from_staff, body=body)
    subject = f"New message about application {application.reference}"
    sender = "the funding team" if from_staff else str(application.organisation)
    text = (
        f"You have a new message from {sender} about application {application.reference} "
        f"({application.project_title or 'untitled'}).\n\n"
        f"Sign in to read it and reply: {absolute_url(application.get_absolute_url())}\n"
    )
    recipients = [email for email in recipients if email != by.email]
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, text, None, recipients))
    return message


def eligible_to_start(round_: Round, organisation) -> list[str]:
    """The reasons `organisation` may not start an application in `round_` (empty if it may)."""
    return failures(check_eligibility(organisation, round_))
