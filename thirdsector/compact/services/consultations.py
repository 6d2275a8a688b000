"""Consultations: drafting, the 12-week rule, publishing, responses, analysis, outcome, other formats.

Staff (department staff and platform admins) draft and run consultations; anyone responds while one is
open. A response is a draft until it is submitted: a signed-in person's draft is theirs alone, and an
anonymous one is reached only through its private link (an unguessable token). Every status change
goes through `thirdsector.core.workflow.take`, which checks the step and keeps the audit record.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import Membership
from thirdsector.core.audit import attribute
from thirdsector.core.numbering import delete_numbered, move_numbered
from thirdsector.core.uploads import DOCUMENTS, UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, take

from ..models import (
    AlternativeFormat,
    AlternativeFormatRequest,
    Answer,
    Consultation,
    ConsultationDocument,
    ConsultationResponse,
    ConsultationStatus,
    EarlyEngagement,
    Question,
    QuestionKind,
    RespondingAs,
    ResponseChannel,
    ResponseStatus,
    Theme,
)
from ..models.consultations import CHOICE_KINDS, consultation_staff


class ConsultationError(Exception):
    """A consultation change that may not be made, with the reason in plain English.

    `field` names the form field it is about (`options_text`, ...), if one, so the page shows it there.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


# The parts of a consultation staff write while it is a draft.
DRAFT_FIELDS = ("policy_area", "title", "summary", "who_is_consulted", "how_to_respond", "opens_on", "closes_on")


def _require_staff(user) -> None:
    if not consultation_staff(None, user):
        raise ConsultationError("Only department staff can change a consultation.")


def _require_draft(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationError("This consultation has been published, so this can no longer change.")


def _check_dates(opens_on: date | None, closes_on: date | None) -> None:
    if opens_on and closes_on and closes_on <= opens_on:
        raise ConsultationError("The closing date must be after the opening date.")


@transaction.atomic
def create_consultation(*, body, by, **fields) -> Consultation:
    """A draft consultation of `body`, with the fields in DRAFT_FIELDS."""
    _require_staff(by)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a consultation draft: {', '.join(sorted(unknown))}")
    _check_dates(fields.get("opens_on"), fields.get("closes_on"))
    consultation = Consultation(body=body, created_by=by, **fields)
    attribute(consultation, by=by, reason="Consultation drafted")
    consultation.save()
    return consultation


@transaction.atomic
def update_consultation(*, consultation: Consultation, by, **fields) -> Consultation:
    _require_staff(by)
    _require_draft(consultation)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a consultation draft: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(consultation, name, value)
    _check_dates(consultation.opens_on, consultation.closes_on)
    attribute(consultation, by=by, reason="Consultation draft changed")
    consultation.save()
    return consultation


@transaction.atomic
def record_short_period_approval(
    *, consultation: Consultation, by, reason: str, approved_by_name: str, approved_by_role: str, approved_on: date
) -> Consultation:
    """The reason a consultation is shorter than the minimum, and the senior official who approved it."""
    _require_staff(by)
    _require_draft(consultation)
    if not (reason.strip() and approved_by_name.strip() and approved_by_role.strip() and approved_on):
        raise ConsultationError("Give the reason and the name, role and date of the senior official who approved it.")
    consultation.short_period_reason = reason.strip()
    consultation.short_period_approved_by_name = approved_by_name.strip()
    consultation.short_period_approved_by_role = approved_by_role.strip()
    consultation.short_period_approved_on = approved_on
    attribute(consultation, by=by, reason="Shorter period approved")
    consultation.save()
    return consultation


# ---- Questions: written, changed, deleted and reordered while the consultation is a draft ----------
#
# Once published, a consultation's questions stay as they are: responses (online, or recorded from post
# and email) are answers to the questions as published, and changing one under them would change what
# people appear to have said.

QUESTIONS_FIXED = "its questions can no longer change: people answer the questions as they were published"


def require_questions_editable(consultation: Consultation) -> None:
    """Refuses a change to the questions of a published consultation."""
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationError(f"This consultation has been published, so {QUESTIONS_FIXED}.")


def _locked_draft(consultation: Consultation) -> Consultation:
    """The consultation re-read under a row lock, so changes to its questions wait for each other (their
    numbers stay 1 to n) and one published meanwhile is refused."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require_questions_editable(consultation)
    return consultation


def _locked_question(question: Question) -> Question:
    """The question as it is now, its draft consultation locked (see `_locked_draft`)."""
    consultation = _locked_draft(question.consultation)
    try:
        return consultation.questions.get(pk=question.pk)
    except Question.DoesNotExist as gone:
        raise ConsultationError("This question has been deleted.") from gone


def _question_options(kind: str, options: list[str] | None) -> list[str]:
    """The options a question is saved with: one set of rules for adding a question and for changing one."""
    options = [option.strip() for option in (options or []) if option.strip()]
    if kind in CHOICE_KINDS and len(options) < 2:
        raise ConsultationError("A choice question needs at least two options, one per line.", field="options_text")
    if kind not in CHOICE_KINDS:
        return []
    if len(set(options)) != len(options):
        raise ConsultationError("Each option must be different.", field="options_text")
    return options


@transaction.atomic
def add_question(
    *, consultation: Consultation, by, text: str, kind: str, options: list[str] | None = None, hint: str = "",
    required: bool = False,
) -> Question:  # fmt: skip
    """A question of a draft consultation, numbered after the last."""
    _require_staff(by)
    consultation = _locked_draft(consultation)
    options = _question_options(kind, options)
    last = consultation.questions.order_by("-number").values_list("number", flat=True).first() or 0
    question = Question(
        consultation=consultation, number=last + 1, text=text, kind=kind, options=options, hint=hint, required=required
    )
    attribute(question, by=by, reason="Question added")
    question.save()
    return question


@transaction.atomic
def update_question(
    *, question: Question, by, text: str, kind: str, options: list[str] | None = None, hint: str = "",
    required: bool = False,
) -> Question:  # fmt: skip
    """Changes a draft consultation's question, by the rules of adding one; its number stays."""
    _require_staff(by)
    question = _locked_question(question)
    question.options = _question_options(kind, options)
    question.text, question.hint, question.kind, question.required = text, hint, kind, required
    attribute(question, by=by, reason="Question changed")
    question.save()
    return question


@transaction.atomic
def delete_question(*, question: Question, by) -> None:
    """Deletes a draft consultation's question; the later ones move up a number, so the numbers stay 1 to n."""
    _require_staff(by)
    question = _locked_question(question)
    delete_numbered(question, siblings=question.consultation.questions, by=by)


@transaction.atomic
def move_question(*, question: Question, by, direction: str) -> Question:
    """Swaps a draft consultation's question with the one before or after it."""
    _require_staff(by)
    question = _locked_question(question)
    problem = move_numbered(question, siblings=question.consultation.questions, by=by, direction=direction)
    if problem:
        raise ConsultationError(problem)
    return question


@transaction.atomic
def add_document(
    *, consultation: Consultation, by, title: str, uploaded_file=None, link: str = ""
) -> ConsultationDocument:
    """A file (checked as applications' documents are, by `core.uploads`) or a link; exactly one."""
    _require_staff(by)
    if consultation.status == ConsultationStatus.OUTCOME_PUBLISHED:
        raise ConsultationError("The outcome has been published: the documents can no longer change.")
    if bool(uploaded_file) == bool(link):
        raise ConsultationError("Upload a file or give a link to the document, not both.")
    if uploaded_file:
        try:
            # The same kinds of file, and the same size limit, as applications' documents.
            check_upload(uploaded_file, max_bytes=settings.FUNDING_MAX_DOCUMENT_BYTES, allowed=DOCUMENTS)
        except UploadRefused as error:
            raise ConsultationError(str(error)) from error
    document = ConsultationDocument(consultation=consultation, title=title, file=uploaded_file or "", link=link)
    attribute(document, by=by, reason="Document added")
    document.save()
    return document


@transaction.atomic
def record_early_engagement(
    *, consultation: Consultation, by, held_on: date, who: str, how: str, result: str
) -> EarlyEngagement:
    """Engagement with the sector before launch, while options were still open."""
    _require_staff(by)
    if consultation.opens_on and held_on > consultation.opens_on:
        raise ConsultationError("Early engagement happens before the consultation opens.")
    if held_on > timezone.localdate():
        raise ConsultationError("Record engagement that has happened: the date cannot be in the future.")
    engagement = EarlyEngagement(consultation=consultation, held_on=held_on, who=who, how=how, result=result)
    attribute(engagement, by=by, reason="Early engagement recorded")
    engagement.save()
    return engagement


def publish_consultation(*, consultation: Consultation, by, reason: str = "Published") -> Consultation:
    return take(consultation, "publish", by=by, reason=reason)


def close_consultation(*, consultation: Consultation, by, reason: str = "Closed") -> Consultation:
    return take(consultation, "close", by=by, reason=reason)


def close_finished_consultations(*, today: date | None = None) -> int:
    """The daily schedule's step: close every published consultation whose closing date has passed."""
    today = today or timezone.localdate()
    closed = 0
    for consultation in Consultation.objects.filter(status=ConsultationStatus.PUBLISHED, closes_on__lt=today):
        take(consultation, "close", by=None, reason="Closing date passed")
        closed += 1
    return closed


def _require_closed(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.CLOSED:
        raise ConsultationError("Analysis and the outcome are written once the consultation has closed.")


@transaction.atomic
def save_analysis(*, consultation: Consultation, by, analysis_notes: str) -> Consultation:
    _require_staff(by)
    _require_closed(consultation)
    consultation.analysis_notes = analysis_notes
    attribute(consultation, by=by, reason="Analysis notes saved")
    consultation.save()
    return consultation


@transaction.atomic
def add_theme(*, consultation: Consultation, by, name: str, count: int, quotes: str = "") -> Theme:
    _require_staff(by)
    _require_closed(consultation)
    submitted = consultation.responses.filter(status=ResponseStatus.SUBMITTED).count()
    if count > submitted:
        raise ConsultationError(f"A theme cannot be raised by more responses than were received ({submitted}).")
    theme = Theme(consultation=consultation, name=name, count=count, quotes=quotes)
    attribute(theme, by=by, reason="Theme added")
    theme.save()
    return theme


@transaction.atomic
def write_outcome(*, consultation: Consultation, by, we_asked: str, you_said: str, we_did: str) -> Consultation:
    _require_staff(by)
    _require_closed(consultation)
    consultation.we_asked, consultation.you_said, consultation.we_did = we_asked, you_said, we_did
    attribute(consultation, by=by, reason="Outcome written")
    consultation.save()
    return consultation


def publish_outcome(*, consultation: Consultation, by, reason: str = "Outcome published") -> Consultation:
    return take(consultation, "publish_outcome", by=by, reason=reason)


# ---- Responses ---------------------------------------------------------------------------------


def may_open_response(response: ConsultationResponse, user) -> bool:
    """A signed-in person's draft is theirs alone; an anonymous one belongs to whoever holds its link."""
    if response.channel != ResponseChannel.ONLINE:
        return False
    if response.respondent_id is None:
        return True
    return user is not None and user.is_authenticated and user.pk == response.respondent_id


def organisations_responding_for(user):
    """The organisations a signed-in person may respond for: any they belong to."""
    from thirdsector.register.models import Organisation

    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=Membership.objects.filter(user=user).values("organisation_id"))


@transaction.atomic
def start_response(
    *, consultation: Consultation, by, responding_as: str = RespondingAs.INDIVIDUAL, organisation=None,
    organisation_name: str = "", name: str = "", email: str = "",
) -> ConsultationResponse:  # fmt: skip
    """A draft response to an open consultation, by a signed-in person (theirs) or anyone (private link)."""
    if not consultation.is_open:
        raise ConsultationError("This consultation is not open for responses.")
    user = by if by is not None and by.is_authenticated else None
    if responding_as == RespondingAs.ORGANISATION:
        if organisation is not None:
            if user is None or not organisations_responding_for(user).filter(pk=organisation.pk).exists():
                raise ConsultationError("You can only respond on behalf of an organisation you belong to.")
            organisation_name = organisation.name
        elif not organisation_name.strip():
            raise ConsultationError("Enter the name of the organisation you are responding for.")
    else:
        organisation, organisation_name = None, ""
    response = ConsultationResponse(
        consultation=consultation,
        respondent=user,
        responding_as=responding_as,
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        name=name or (user.full_name if user else ""),
        email=email or (user.email if user else ""),
    )
    attribute(response, by=user, reason="Response started")
    response.save()
    return response


def clean_answer(question: Question, value) -> tuple[str, list[str]]:
    """An answer checked against its question's kind: (text, choices). Raises ConsultationError."""
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        values = [value] if isinstance(value, str) else list(value or [])
        values = [item for item in values if item]
        unknown = [item for item in values if item not in question.choices]
        if unknown:
            raise ConsultationError(f"Question {question.number}: choose from the options given.")
        # Kept in the order the options are listed.
        return "", [option for option in question.choices if option in values]
    if not isinstance(value, str) and value is not None:
        raise ConsultationError(f"Question {question.number}: give one answer.")
    text = (value or "").strip()
    choosing_one = question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREE_SCALE)
    if choosing_one and text and text not in question.choices:
        raise ConsultationError(f"Question {question.number}: choose one of the options given.")
    if question.kind == QuestionKind.FREE_TEXT and len(text) > 20000:
        raise ConsultationError(f"Question {question.number}: the answer must be 20,000 characters or fewer.")
    return text, []


def _require_editable(response: ConsultationResponse, by) -> None:
    if response.status != ResponseStatus.DRAFT:
        raise ConsultationError("This response has been submitted, so it can no longer change.")
    if not may_open_response(response, by):
        raise ConsultationError("This is not your response.")


@transaction.atomic
def save_response(
    *, response: ConsultationResponse, by, answers: dict[int, object], publish_name: bool | None = None,
    publish_organisation: bool | None = None, confidential: bool | None = None,
) -> ConsultationResponse:  # fmt: skip
    """Saves answers (keyed by question id) to a draft, so the respondent can stop and come back."""
    _require_editable(response, by if by is not None and by.is_authenticated else None)
    if not response.consultation.is_open:
        raise ConsultationError("This consultation has closed, so responses can no longer be saved.")
    _write_answers(response, answers)
    for name, value in (
        ("publish_name", publish_name),
        ("publish_organisation", publish_organisation),
        ("confidential", confidential),
    ):
        if value is not None:
            setattr(response, name, value)
    attribute(response, by=by if by is not None and by.is_authenticated else None, reason="Response saved")
    response.save()
    return response


def _write_answers(response: ConsultationResponse, answers: dict[int, object]) -> None:
    questions = {question.pk: question for question in response.consultation.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ConsultationError("An answer was given to a question this consultation does not ask.")
    existing = {answer.question_id: answer for answer in response.answers.all()}
    for question_id, value in answers.items():
        text, choices = clean_answer(questions[question_id], value)
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        answer.text, answer.choices = text, choices
        answer.save()


def unanswered_required(response: ConsultationResponse) -> list[Question]:
    answered = {answer.question_id for answer in response.answers.all() if answer.text or answer.choices}
    return [q for q in response.consultation.questions.all() if q.required and q.pk not in answered]


def submit_response(*, response: ConsultationResponse, by, reason: str = "Response submitted") -> ConsultationResponse:
    user = by if by is not None and by.is_authenticated else None
    missing = unanswered_required(response)
    if missing:
        numbers = ", ".join(str(question.number) for question in missing)
        raise ConsultationError(f"Answer the questions that need an answer before submitting: {numbers}.")
    try:
        return take(response, "submit", by=user, reason=reason)
    except TransitionRefused as error:
        raise ConsultationError(str(error)) from error


@transaction.atomic
def record_response(
    *, consultation: Consultation, by, channel: str, name: str, email: str = "", organisation_name: str = "",
    answers: dict[int, object], publish_name: bool = False, publish_organisation: bool = False,
    confidential: bool = False,
) -> ConsultationResponse:  # fmt: skip
    """Staff record a response that came by post or email, as it was sent."""
    _require_staff(by)
    if channel == ResponseChannel.ONLINE:
        raise ConsultationError("Record responses that came by post or by email; online ones record themselves.")
    response = ConsultationResponse(
        consultation=consultation,
        channel=channel,
        responding_as=RespondingAs.ORGANISATION if organisation_name.strip() else RespondingAs.INDIVIDUAL,
        organisation_name=organisation_name.strip(),
        name=name,
        email=email,
        publish_name=publish_name,
        publish_organisation=publish_organisation,
        confidential=confidential,
        recorded_by=by,
    )
    attribute(response, by=by, reason=f"Response recorded ({response.get_channel_display().lower()})")
    response.save()
    _write_answers(response, answers)
    try:
        take(response, "submit", by=by, reason="Recorded by staff")
    except TransitionRefused as error:
        raise ConsultationError(str(error)) from error
    return response


def send_resume_link(*, response: ConsultationResponse, email: str, link: str) -> None:
    """Emails the private link to a saved draft, so the respondent can finish it later."""
    send_mail(
        subject=f"Your draft response: {response.consultation.title}",
        message=(
            "You saved a draft response to a consultation. Use this private link to finish it before "
            f"{response.consultation.closes_on:%-d %B %Y}:\n\n{link}\n\n"
            "Anyone with the link can open your draft, so do not share it."
        ),
        from_email=None,
        recipient_list=[email],
    )


# ---- Alternative formats -----------------------------------------------------------------------


@transaction.atomic
def request_alternative_format(
    *, consultation: Consultation, format: str, name: str, email: str = "", phone: str = "",
    postal_address: str = "", notes: str = "",
) -> AlternativeFormatRequest:  # fmt: skip
    """Anyone asks for the consultation in another format; staff then track it to fulfilment."""
    if consultation.status == ConsultationStatus.DRAFT:
        raise ConsultationError("This consultation has not been published.")
    if format in (AlternativeFormat.POST, AlternativeFormat.BRAILLE, AlternativeFormat.LARGE_PRINT) and not (
        postal_address.strip()
    ):
        raise ConsultationError("Enter the postal address we should send it to.")
    if not (email.strip() or phone.strip() or postal_address.strip()):
        raise ConsultationError("Enter an email address, telephone number or postal address so we can reach you.")
    request = AlternativeFormatRequest(
        consultation=consultation,
        format=format,
        name=name,
        email=email,
        phone=phone,
        postal_address=postal_address,
        notes=notes,
    )
    attribute(request, by=None, reason="Alternative format requested")
    request.save()
    return request


def advance_format_request(*, request: AlternativeFormatRequest, step: str, by) -> AlternativeFormatRequest:
    if step not in ("start", "mark_sent"):
        raise ValueError(step)
    return take(request, step, by=by, reason="Alternative format " + ("in progress" if step == "start" else "sent"))
