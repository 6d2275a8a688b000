"""Consultation pages for department staff: drafting, publishing, responses and their export, the outcome,
alternative format requests and overdue outcomes.

The Compact Commissioner reads the list, a consultation's page and the export (the dashboard links to
them) but sees none of the buttons and links that change a consultation; every change stays staff-only."""

import csv
import tempfile

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import is_staff, oversight_only, staff_only
from thirdsector.core.numbering_views import delete_and_report, move_and_report
from thirdsector.core.spreadsheets import safe_cell
from thirdsector.core.workflow import TransitionRefused, available_steps, take

from ..forms.consultations import (
    AnalysisForm,
    ConsultationForm,
    DocumentForm,
    EngagementForm,
    OutcomeForm,
    QuestionForm,
    RecordResponseForm,
    ShortPeriodForm,
    StepForm,
    ThemeForm,
)
from ..models import AlternativeFormatRequest, Consultation, ConsultationStatus, Question
from ..models.consultations import minimum_weeks, outcome_due_weeks
from ..selectors.consultations import (
    export_rows,
    format_requests,
    overdue_outcomes,
    staff_consultation,
    staff_consultations,
)
from ..services.consultations import (
    DRAFT_FIELDS,
    ConsultationError,
    add_document,
    add_question,
    add_theme,
    advance_format_request,
    create_consultation,
    delete_question,
    move_question,
    record_early_engagement,
    record_response,
    record_short_period_approval,
    require_questions_editable,
    save_analysis,
    update_consultation,
    update_question,
    write_outcome,
)

PAGE_SIZE = 25
CONSULTATION_STEPS = ("publish", "close", "publish_outcome")


def _consultation(pk: int) -> Consultation:
    try:
        return staff_consultation(pk)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


@oversight_only
def manage_list(request):
    page = Paginator(staff_consultations().order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "compact/consultations/manage_list.html",
        {
            "page_obj": page,
            "consultations": page.object_list,
            "minimum_weeks": minimum_weeks(),
            "shorter_count": Consultation.objects.shorter_than_minimum().count(),
            "can_change": is_staff(request.user),
        },
    )


@oversight_only
def manage_detail(request, pk: int):
    """A consultation for staff; the Commissioner reads it without the steps and links that change it."""
    consultation = _consultation(pk)
    today = timezone.localdate()
    can_change = is_staff(request.user)
    return render(
        request,
        "compact/consultations/manage_detail.html",
        {
            "consultation": consultation,
            "steps": available_steps(consultation, request.user) if can_change else [],
            "can_change": can_change,
            "can_change_questions": can_change and consultation.status == ConsultationStatus.DRAFT,
            "step_form": StepForm(),
            "format_requests": format_requests(consultation),
            "minimum_weeks": minimum_weeks(),
            "outcome_due_weeks": outcome_due_weeks(),
            "outcome_overdue": consultation.outcome_is_overdue_on(today),
        },
    )


@staff_only
def manage_create(request):
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = create_consultation(
                body=data["body"], by=request.user, **{name: data[name] for name in DRAFT_FIELDS}
            )
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Consultation drafted")
            return redirect("compact:consultation-manage", pk=consultation.pk)
    return render(
        request,
        "compact/consultations/manage_form.html",
        {"form": form, "heading": "Draft a consultation", "minimum_weeks": minimum_weeks()},
    )


@staff_only
def manage_edit(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = ConsultationForm(request.POST if request.method == "POST" else None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        fresh = Consultation.objects.get(pk=pk)
        try:
            update_consultation(
                consultation=fresh, by=request.user, **{name: form.cleaned_data[name] for name in DRAFT_FIELDS}
            )
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("compact:consultation-manage", pk=pk)
    return render(
        request,
        "compact/consultations/manage_form.html",
        {"form": form, "heading": "Change the draft", "consultation": consultation, "minimum_weeks": minimum_weeks()},
    )


def _simple_form_page(request, consultation, form, heading: str, action, success: str):
    """A staff form page: on a valid POST run `action(cleaned_data)`; domain errors go to the summary."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except (ConsultationError, TransitionRefused) as error:
            _show_error(form, error)
        else:
            messages.success(request, success)
            return redirect("compact:consultation-manage", pk=consultation.pk)
    return render(
        request,
        "compact/consultations/manage_simple_form.html",
        {"form": form, "heading": heading, "consultation": consultation, "multipart": "file" in form.fields},
    )


def _show_error(form, error: Exception) -> None:
    """A domain error by the field it is about, if the form has it; otherwise at the top of the summary."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


@staff_only
def manage_short_period(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = ShortPeriodForm(request.POST if request.method == "POST" else None)
    return _simple_form_page(
        request,
        consultation,
        form,
        f"Approve a period shorter than {minimum_weeks()} weeks",
        lambda data: record_short_period_approval(consultation=consultation, by=request.user, **data),
        "Shorter period approval recorded",
    )


@staff_only
def manage_question_add(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = QuestionForm(request.POST if request.method == "POST" else None)

    def action(data):
        add_question(
            consultation=consultation,
            by=request.user,
            text=data["text"],
            hint=data["hint"],
            kind=data["kind"],
            required=data["required"],
            options=form.options(),
        )

    return _simple_form_page(request, consultation, form, "Add a question", action, "Question added")


def _question(consultation_pk: int, pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("consultation"), pk=pk, consultation_id=consultation_pk)


def _refused_unless_draft(request, consultation: Consultation):
    """Back to the consultation's page, saying why, once it is published: its questions are fixed then."""
    try:
        require_questions_editable(consultation)
    except ConsultationError as error:
        messages.error(request, str(error))
        return redirect("compact:consultation-manage", pk=consultation.pk)
    return None


@staff_only
def manage_question_edit(request, pk: int, question_pk: int):
    question = _question(pk, question_pk)
    consultation = question.consultation
    if refused := _refused_unless_draft(request, consultation):
        return refused
    # The form changes its own copy of the question as it validates; the service re-reads it under a lock.
    copy = Question.objects.get(pk=question.pk)
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=copy)

    def action(data):
        update_question(
            question=question,
            by=request.user,
            text=data["text"],
            hint=data["hint"],
            kind=data["kind"],
            required=data["required"],
            options=form.options(),
        )

    return _simple_form_page(
        request, consultation, form, f"Change question {question.number}", action, f"Question {question.number} saved"
    )


@staff_only
def manage_question_delete(request, pk: int, question_pk: int):
    """Asks first; only the confirming POST deletes."""
    question = _question(pk, question_pk)
    consultation = question.consultation
    if refused := _refused_unless_draft(request, consultation):
        return refused
    if request.method == "POST":
        delete_and_report(request, question, delete=delete_question, refused=ConsultationError)
        return redirect("compact:consultation-manage", pk=consultation.pk)
    return render(
        request,
        "compact/consultations/question_delete.html",
        {"consultation": consultation, "question": question},
    )


@staff_only
@require_POST
def manage_question_move(request, pk: int, question_pk: int, direction: str):
    question = _question(pk, question_pk)
    move_and_report(request, question, direction=direction, move=move_question, refused=ConsultationError)
    return redirect("compact:consultation-manage", pk=pk)


@staff_only
def manage_document_add(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = DocumentForm(request.POST if request.method == "POST" else None, request.FILES or None)

    def action(data):
        add_document(
            consultation=consultation,
            by=request.user,
            title=data["title"],
            uploaded_file=data.get("file"),
            link=data.get("link", ""),
        )

    return _simple_form_page(request, consultation, form, "Add a document", action, "Document added")


@staff_only
def manage_engagement_add(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = EngagementForm(request.POST if request.method == "POST" else None)
    return _simple_form_page(
        request,
        consultation,
        form,
        "Record early engagement with the sector",
        lambda data: record_early_engagement(consultation=consultation, by=request.user, **data),
        "Early engagement recorded",
    )


@staff_only
def manage_analysis(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = AnalysisForm(
        request.POST if request.method == "POST" else None, initial={"analysis_notes": consultation.analysis_notes}
    )
    return _simple_form_page(
        request,
        consultation,
        form,
        "Analysis notes",
        lambda data: save_analysis(consultation=consultation, by=request.user, **data),
        "Analysis notes saved",
    )


@staff_only
def manage_theme_add(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = ThemeForm(request.POST if request.method == "POST" else None)
    return _simple_form_page(
        request,
        consultation,
        form,
        "Add a theme",
        lambda data: add_theme(consultation=consultation, by=request.user, **data),
        "Theme added",
    )


@staff_only
def manage_outcome(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    initial = {name: getattr(consultation, name) for name in ("we_asked", "you_said", "we_did")}
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    return _simple_form_page(
        request,
        consultation,
        form,
        "We asked, you said, we did",
        lambda data: write_outcome(consultation=consultation, by=request.user, **data),
        "Outcome saved: publish it from the consultation's page",
    )


@staff_only
def manage_step(request, pk: int, step: str):
    """Publish, close or publish the outcome; a refusal is shown on the consultation's page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if step not in CONSULTATION_STEPS:
        raise Http404
    consultation = get_object_or_404(Consultation, pk=pk)
    form = StepForm(request.POST)
    reason = (form.cleaned_data["reason"] if form.is_valid() else "") or step.replace("_", " ").capitalize()
    try:
        take(consultation, step, by=request.user, reason=reason)
    except TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Consultation {consultation.get_status_display().lower()}")
    return redirect("compact:consultation-manage", pk=pk)


@staff_only
def manage_record_response(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = RecordResponseForm(data, questions=consultation.questions.all())

    def action(data):
        record_response(
            consultation=consultation,
            by=request.user,
            channel=data["channel"],
            name=data["name"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            answers=form.answers(),
            publish_name=data["publish_name"],
            publish_organisation=data["publish_organisation"],
            confidential=data["confidential"],
        )

    return _simple_form_page(
        request, consultation, form, "Record a response sent by post or email", action, "Response recorded"
    )


class _Echo:
    """A file-like object whose write returns the line, for csv.writer inside a streamed response."""

    def write(self, value: str) -> str:
        return value


@oversight_only
def manage_export(request, pk: int, file_format: str):
    """Every submitted response, one row each, a column per question; streamed, formula-safe."""
    consultation = get_object_or_404(Consultation, pk=pk)
    filename = f"consultation-{consultation.pk}-responses.{file_format}"
    if file_format == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow([safe_cell(value) for value in row]) for row in export_rows(consultation))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if file_format == "xlsx":
        from openpyxl import Workbook

        # Write-only mode keeps one row in memory at a time; the file is built on disk, then streamed.
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Responses")
        for row in export_rows(consultation):
            sheet.append([safe_cell(value) for value in row])
        spool = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by FileResponse
        workbook.save(spool)
        spool.seek(0)
        return FileResponse(
            spool,
            as_attachment=True,
            filename=filename,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    raise Http404


@staff_only
def manage_format_requests(request, pk: int):
    consultation = get_object_or_404(Consultation.objects.select_related("body__organisation"), pk=pk)
    rows = list(format_requests(consultation))
    return render(
        request,
        "compact/consultations/manage_formats.html",
        {
            "consultation": consultation,
            "rows": [(row, available_steps(row, request.user)) for row in rows],
        },
    )


@staff_only
def manage_format_step(request, pk: int, step: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    format_request = get_object_or_404(AlternativeFormatRequest, pk=pk)
    if step not in ("start", "mark_sent"):
        raise Http404
    try:
        advance_format_request(request=format_request, step=step, by=request.user)
    except TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Request {format_request.get_status_display().lower()}")
    return redirect("compact:consultation-format-requests", pk=format_request.consultation_id)


@staff_only
def manage_overdue_outcomes(request):
    page = Paginator(overdue_outcomes(timezone.localdate()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "compact/consultations/manage_overdue.html",
        {"page_obj": page, "consultations": page.object_list, "outcome_due_weeks": outcome_due_weeks()},
    )
