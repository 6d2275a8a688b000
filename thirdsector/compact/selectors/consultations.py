"""Reads of consultations shaped for the pages, the API and the exports."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from ..models import (
    AlternativeFormatRequest,
    Answer,
    Consultation,
    ConsultationResponse,
    ConsultationStatus,
    ProofingAssessment,
    Question,
    ResponseStatus,
)

# Rows read from the database at a time while exporting: memory stays flat whatever the total.
EXPORT_CHUNK_SIZE = 2000


def _with_body(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("body__organisation", "policy_area")


def open_consultations(today: date) -> QuerySet:
    return _with_body(Consultation.objects.open_on(today)).order_by("closes_on", "id")


def published_consultations() -> QuerySet:
    return _with_body(Consultation.objects.published()).order_by("-opens_on", "-id")


def published_outcomes() -> QuerySet:
    return _with_body(Consultation.objects.with_outcome()).order_by("-outcome_published_on", "-id")


def public_consultation(pk: int) -> Consultation:
    """A published consultation with everything its public page shows; DoesNotExist for drafts."""
    return _with_body(Consultation.objects.published()).prefetch_related("questions", "documents", "themes").get(pk=pk)


def staff_consultations() -> QuerySet:
    return _with_body(Consultation.objects.all()).annotate(
        responses_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)),
        drafts_count=Count("responses", filter=Q(responses__status=ResponseStatus.DRAFT)),
    )


def staff_consultation(pk: int) -> Consultation:
    """A consultation with everything its staff page shows, the proofing assessments of policies on it too."""
    proofing = ProofingAssessment.objects.select_related("policy").order_by("-created_at", "-id")
    return (
        staff_consultations()
        .prefetch_related(
            "questions", "documents", "themes", "early_engagements", Prefetch("proofing_assessments", queryset=proofing)
        )
        .get(pk=pk)
    )


def overdue_outcomes(today: date) -> QuerySet:
    return _with_body(Consultation.objects.outcome_overdue(today)).order_by("outcome_due_on", "id")


def format_requests(consultation: Consultation) -> QuerySet:
    return AlternativeFormatRequest.objects.filter(consultation=consultation).order_by("requested_at", "id")


def response_for_page(token: str) -> ConsultationResponse:
    return (
        ConsultationResponse.objects.select_related("consultation__body__organisation", "organisation")
        .prefetch_related("answers")
        .get(token=token)
    )


def submitted_responses(consultation: Consultation) -> QuerySet:
    return ConsultationResponse.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)


# ---- Export: one row per submitted response, a column per question ------------------------------

RESPONSE_COLUMNS = (
    "Reference",
    "Submitted",
    "Channel",
    "Responding as",
    "Name",
    "Organisation",
    "Email",
    "Name may be published",
    "Organisation may be published",
    "Confidential",
)


def export_header(questions: list[Question]) -> list[str]:
    return [*RESPONSE_COLUMNS, *(f"Q{question.number}: {question.text}" for question in questions)]


def export_rows(consultation: Consultation) -> Iterator[list]:
    """The header, then one row per submitted response, read in chunks so memory does not grow.

    Values are plain (not yet made formula-safe): the CSV and XLSX writers pass each through
    `core.spreadsheets.safe_cell`.
    """
    questions = list(Question.objects.filter(consultation=consultation).order_by("number"))
    yield export_header(questions)
    answers = Prefetch("answers", queryset=Answer.objects.only("response_id", "question_id", "text", "choices"))
    responses = (
        submitted_responses(consultation)
        .order_by("submitted_at", "id")
        .prefetch_related(answers)
        .iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )
    for response in responses:
        by_question = {answer.question_id: answer.as_text() for answer in response.answers.all()}
        yield [
            response.reference,
            response.submitted_at.strftime("%Y-%m-%d %H:%M") if response.submitted_at else "",
            response.get_channel_display(),
            response.get_responding_as_display(),
            response.name,
            response.organisation_name,
            response.email,
            "Yes" if response.publish_name else "No",
            "Yes" if response.publish_organisation else "No",
            "CONFIDENTIAL" if response.confidential else "No",
            *(by_question.get(question.pk, "") for question in questions),
        ]


def consultation_statuses_for_staff() -> list[tuple[str, str]]:
    return list(ConsultationStatus.choices)
