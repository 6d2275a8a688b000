"""The stakeholder survey: building it, opening and closing it, sending it by group, and responses.

Staff (department staff and platform admins) build a survey while it is a draft (its details and its
questions: added, changed, deleted, moved) and open it once it has exactly one headline agree-scale
question; from then on what organisations were sent stays as sent. Sending invites each organisation of
the chosen groups once (one private link each); the emails go in the background. An invited organisation
responds through its link without signing in, once, while the survey is open; the whole response, answers and
evidence, is saved in one transaction or not at all.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from thirdsector.accounts.models import Membership
from thirdsector.compact.models.consultations import CHOICE_KINDS, QuestionKind
from thirdsector.compact.services.consultations import ConsultationError, clean_answer
from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.numbering import delete_numbered, move_numbered
from thirdsector.core.uploads import EVIDENCE, UploadRefused, check_upload
from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.register.models import Organisation, OrganisationStatus

from ..models import (
    Survey,
    SurveyAnswer,
    SurveyGroup,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from ..models.surveys import GROUP_CHARACTERISTICS, GROUP_KINDS, survey_staff

MAX_EVIDENCE_TEXT = 5000


class SurveyError(Exception):
    """A survey change or response that may not be made, in words a person can act on.

    `field` names the form field it is about (`question_<id>`, `evidence_link_<id>`, ...), if one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _require_staff(user) -> None:
    if not survey_staff(None, user):
        raise SurveyError("Only department staff can change a survey.")


def require_draft(survey: Survey, *, part: str = "its questions") -> None:
    """Refuses a change to an opened survey: organisations answer the survey as it was sent."""
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError(f"This survey has been opened, so {part} can no longer change.")


def _locked_draft(survey: Survey, *, part: str = "its questions") -> Survey:
    """The survey re-read under a row lock, so changes to one survey's questions wait for each other (their
    numbers stay 1 to n) and a survey opened meanwhile is refused."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    require_draft(survey, part=part)
    return survey


def _locked_question(question: SurveyQuestion) -> SurveyQuestion:
    """The question as it is now, its draft survey locked (see `_locked_draft`)."""
    survey = _locked_draft(question.survey)
    try:
        return survey.questions.get(pk=question.pk)
    except SurveyQuestion.DoesNotExist as gone:
        raise SurveyError("This question has been deleted.") from gone


def _check_dates(opens_on: datetime.date, closes_on: datetime.date) -> None:
    if closes_on <= opens_on:
        raise SurveyError("The closing date must be after the opening date.", field="closes_on")


@transaction.atomic
def create_survey(
    *, by, title: str, year: int, opens_on: datetime.date, closes_on: datetime.date, intro: str
) -> Survey:
    _require_staff(by)
    _check_dates(opens_on, closes_on)
    survey = Survey(title=title, year=year, opens_on=opens_on, closes_on=closes_on, intro=intro, created_by=by)
    attribute(survey, by=by, reason="Survey drafted")
    survey.save()
    return survey


@transaction.atomic
def update_survey(
    *, survey: Survey, by, title: str, year: int, opens_on: datetime.date, closes_on: datetime.date, intro: str
) -> Survey:
    """Changes a draft survey's details, by the rules of drafting one."""
    _require_staff(by)
    survey = _locked_draft(survey, part="its details")
    _check_dates(opens_on, closes_on)
    survey.title, survey.year, survey.opens_on, survey.closes_on, survey.intro = title, year, opens_on, closes_on, intro
    attribute(survey, by=by, reason="Survey details changed")
    survey.save()
    return survey


def _question_rules(
    *, survey: Survey, kind: str, options: list[str] | None, required: bool, is_headline: bool,
    question: SurveyQuestion | None = None,
) -> tuple[list[str], bool]:  # fmt: skip
    """The options and `required` a question is saved with, or a SurveyError: one set of rules for adding a
    question and for changing `question`. The headline question is agree-scale and needs an answer."""
    options = [option.strip() for option in (options or []) if option.strip()]
    if kind in CHOICE_KINDS and len(options) < 2:
        raise SurveyError("A choice question needs at least two options, one per line.", field="options_text")
    if kind not in CHOICE_KINDS:
        options = []
    if len(set(options)) != len(options):
        raise SurveyError("Each option must be different.", field="options_text")
    if is_headline:
        if kind != QuestionKind.AGREE_SCALE:
            raise SurveyError("The headline question must be an agree-or-disagree question.", field="kind")
        other_headlines = survey.questions.filter(is_headline=True)
        if question is not None:
            other_headlines = other_headlines.exclude(pk=question.pk)
        if other_headlines.exists():
            raise SurveyError("This survey already has its headline question.", field="is_headline")
        required = True
    return options, required


@transaction.atomic
def add_question(
    *, survey: Survey, by, text: str, kind: str, options: list[str] | None = None, hint: str = "",
    required: bool = False, is_headline: bool = False,
) -> SurveyQuestion:  # fmt: skip
    """A question of a draft survey, numbered after the last."""
    _require_staff(by)
    survey = _locked_draft(survey)
    options, required = _question_rules(
        survey=survey, kind=kind, options=options, required=required, is_headline=is_headline
    )
    last = survey.questions.order_by("-number").values_list("number", flat=True).first() or 0
    question = SurveyQuestion(
        survey=survey, number=last + 1, text=text, kind=kind, options=options, hint=hint, required=required,
        is_headline=is_headline,
    )  # fmt: skip
    attribute(question, by=by, reason="Question added")
    question.save()
    return question


@transaction.atomic
def update_question(
    *, question: SurveyQuestion, by, text: str, kind: str, options: list[str] | None = None, hint: str = "",
    required: bool = False, is_headline: bool = False,
) -> SurveyQuestion:  # fmt: skip
    """Changes a draft survey's question, by the rules of adding one; its number stays."""
    _require_staff(by)
    question = _locked_question(question)
    options, required = _question_rules(
        survey=question.survey, kind=kind, options=options, required=required, is_headline=is_headline,
        question=question,
    )  # fmt: skip
    question.text, question.hint, question.kind, question.options = text, hint, kind, options
    question.required, question.is_headline = required, is_headline
    attribute(question, by=by, reason="Question changed")
    question.save()
    return question


@transaction.atomic
def delete_question(*, question: SurveyQuestion, by) -> None:
    """Deletes a draft survey's question; the later ones move up a number, so the numbers stay 1 to n."""
    _require_staff(by)
    question = _locked_question(question)
    delete_numbered(question, siblings=question.survey.questions, by=by)


@transaction.atomic
def move_question(*, question: SurveyQuestion, by, direction: str) -> SurveyQuestion:
    """Swaps a draft survey's question with the one before or after it."""
    _require_staff(by)
    question = _locked_question(question)
    problem = move_numbered(question, siblings=question.survey.questions, by=by, direction=direction)
    if problem:
        raise SurveyError(problem)
    return question


def open_survey(*, survey: Survey, by, reason: str) -> Survey:
    return take(survey, "open", by=by, reason=reason)


def close_survey(*, survey: Survey, by, reason: str) -> Survey:
    return take(survey, "close", by=by, reason=reason)


SURVEY_STEPS = {"open": open_survey, "close": close_survey}


def take_survey_step(*, survey: Survey, step: str, by, reason: str) -> Survey:
    """Opens or closes the survey; a refusal is a SurveyError saying why."""
    if not reason.strip():
        raise SurveyError("Say why, for the survey's record.", field="reason")
    try:
        return SURVEY_STEPS[step](survey=survey, by=by, reason=reason.strip())
    except TransitionRefused as error:
        raise SurveyError(str(error)) from error


# ---- Sending ---------------------------------------------------------------------------------------


def organisations_in_group(group: str) -> QuerySet[Organisation]:
    """The register's active organisations in a group, by kind or by characteristic."""
    active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
    if group in GROUP_CHARACTERISTICS:
        return active.filter(characteristics__slug=GROUP_CHARACTERISTICS[group])
    return active.filter(kind__in=GROUP_KINDS[SurveyGroup(group)])


def contact_emails(organisation: Organisation) -> list[str]:
    """The organisation's email on the register; without one, its members' (read from prefetched memberships)."""
    if organisation.email:
        return [organisation.email]
    return sorted({membership.user.email for membership in organisation.memberships.all() if membership.user.email})


@dataclass(frozen=True)
class Sending:
    invited: int  # new invitations, emailed in the background
    already_invited: int
    without_contact: int  # no email on the register and no members: nobody to send to


@transaction.atomic
def send_survey(*, survey: Survey, groups: list[str], by) -> Sending:
    """Invites every organisation of `groups` not yet invited, then emails the new invitations in the background.

    An organisation in several of the groups is invited once, under the first of them in `SurveyGroup`'s
    order; sending again invites only organisations new to the groups.
    """
    from ..tasks.surveys import email_invitations_later

    _require_staff(by)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Open the survey before sending it.")
    chosen = [group for group in SurveyGroup.values if group in groups]
    if not chosen:
        raise SurveyError("Choose at least one group to send the survey to.", field="groups")
    invited_before = set(survey.invitations.values_list("organisation_id", flat=True))
    members = Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    new, already, without_contact, seen = [], 0, 0, set()
    for group in chosen:
        for organisation in organisations_in_group(group).prefetch_related(members).order_by("pk").distinct():
            if organisation.pk in seen:
                continue
            seen.add(organisation.pk)
            if organisation.pk in invited_before:
                already += 1
                continue
            emails = contact_emails(organisation)
            if not emails:
                without_contact += 1
                continue
            new.append(SurveyInvitation(survey=survey, organisation=organisation, group=group, emails=emails))
    bulk_create_with_history(new, SurveyInvitation, default_user=by, default_change_reason="Survey sent")
    if new:
        transaction.on_commit(lambda: email_invitations_later(survey.pk))
    return Sending(len(new), already, without_contact)


def email_invitations(*, survey_id: int) -> int:
    """Emails each invitation of the survey not yet emailed its private link; returns how many were sent."""
    survey = Survey.objects.get(pk=survey_id)
    sent = 0
    for invitation in survey.invitations.filter(emailed_at__isnull=True).select_related("organisation"):
        send_mail(
            subject=f"Please respond: {survey.title}",
            message=(
                f"{invitation.organisation.name} is invited to respond to {survey.title}.\n\n"
                f"{survey.intro}\n\n"
                f"Respond by {survey.closes_on:%-d %B %Y} using this private link:\n\n"
                f"{absolute_url(invitation.get_absolute_url())}\n\n"
                "One response is taken from each organisation; anyone with the link can respond for it, "
                "so share it only within your organisation."
            ),
            from_email=None,
            recipient_list=invitation.emails,
        )
        SurveyInvitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


# ---- Responding ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    text: str = ""
    file: object = None  # an uploaded file
    link: str = ""

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.file or self.link.strip())


def check_evidence_file(uploaded_file, *, field: str | None = None) -> None:
    """Refuses a document that is empty, too large, of a kind we do not take, or not what its name says."""
    try:
        check_upload(uploaded_file, max_bytes=settings.SURVEY_MAX_EVIDENCE_BYTES, allowed=EVIDENCE)
    except UploadRefused as refused:
        raise SurveyError(str(refused), field=field) from refused


def check_evidence_link(link: str, *, field: str | None = None) -> None:
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError as error:
        raise SurveyError(
            "Enter the link as a full web address, like https://www.example.org/report", field=field
        ) from error


def invitation_for(token: str) -> SurveyInvitation:
    """The invitation a private link opens; SurveyInvitation.DoesNotExist for any other token."""
    return SurveyInvitation.objects.select_related("survey", "organisation").get(token=token)


def has_responded(invitation: SurveyInvitation) -> bool:
    return SurveyResponse.objects.filter(invitation=invitation).exists()


def submit_response(
    *, invitation: SurveyInvitation, answers: dict[int, object], evidence: dict[int, Evidence] | None = None,
    respondent_name: str = "", today: datetime.date | None = None,
) -> SurveyResponse:  # fmt: skip
    """The invited organisation's one response: every answer and its evidence saved together, or none."""
    survey = invitation.survey
    if not survey.is_accepting_on(today or timezone.localdate()):
        raise SurveyError("This survey has closed, so it no longer takes responses.")
    if has_responded(invitation):
        raise SurveyError("Your organisation has already responded to this survey.")
    evidence = evidence or {}
    questions = {question.pk: question for question in survey.questions.all()}
    if set(answers) - set(questions) or set(evidence) - set(questions):
        raise SurveyError("An answer was given to a question this survey does not ask.")
    rows = []
    for question in questions.values():
        try:
            text, choices = clean_answer(question, answers.get(question.pk))
        except ConsultationError as error:
            raise SurveyError(str(error), field=f"question_{question.pk}") from error
        given = evidence.get(question.pk, Evidence())
        answered = bool(text or choices)
        if question.required and not answered:
            raise SurveyError(f"Answer question {question.number}", field=f"question_{question.pk}")
        if given and not answered:
            raise SurveyError(
                f"Answer question {question.number} to give evidence for it", field=f"question_{question.pk}"
            )
        if not answered:
            continue
        if len(given.text) > MAX_EVIDENCE_TEXT:
            raise SurveyError(
                f"Question {question.number}: the evidence must be {MAX_EVIDENCE_TEXT:,} characters or fewer",
                field=f"evidence_text_{question.pk}",
            )
        if given.file:
            check_evidence_file(given.file, field=f"evidence_file_{question.pk}")
        if given.link.strip():
            check_evidence_link(given.link.strip(), field=f"evidence_link_{question.pk}")
        rows.append(
            SurveyAnswer(
                question=question,
                text=text,
                choices=choices,
                evidence_text=given.text.strip(),
                evidence_file=given.file or "",
                evidence_file_name=getattr(given.file, "name", "") or "",
                evidence_link=given.link.strip(),
            )  # fmt: skip
        )
    try:
        with transaction.atomic():
            response = SurveyResponse(
                invitation=invitation, respondent_name=respondent_name.strip(), submitted_at=timezone.now()
            )
            attribute(response, by=None, reason="Response submitted")
            response.save()
            for row in rows:
                row.response = response
                attribute(row, by=None, reason="Response submitted")
                row.save()
    except IntegrityError as error:
        # Two submissions at once through the same link: the second finds the first.
        raise SurveyError("Your organisation has already responded to this survey.") from error
    return response
