"""The stakeholder survey's pages: staff build, open, send and close it; invited organisations respond
through their private link; staff, the Commissioner and the Partnership Board read the results and the
evidence behind them."""

from statistics import NormalDist

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import public, roles_required, staff_only
from thirdsector.core.numbering_views import delete_and_report, move_and_report
from thirdsector.core.tables import Cell, Row, Table, csv_response, link
from thirdsector.core.workflow import available_steps

from ..forms.surveys import AnswersFilterForm, QuestionForm, ResponseForm, ResultsForm, SendForm, StepForm, SurveyForm
from ..models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion
from ..selectors import surveys as selectors
from ..services.surveys import (
    SURVEY_STEPS,
    SurveyError,
    add_question,
    create_survey,
    delete_question,
    has_responded,
    invitation_for,
    move_question,
    require_draft,
    send_survey,
    submit_response,
    take_survey_step,
    update_question,
    update_survey,
)
from .indicators import DASHBOARD_ROLES

ANSWERS_PAGE_SIZE = 25


def _show_error(form, error: SurveyError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


# ---- Staff: building and running a survey ----------------------------------------------------------


@staff_only
def survey_list(request):
    page = Paginator(selectors.surveys_for_staff(), 20).get_page(request.GET.get("page"))
    return render(request, "measures/surveys/list.html", {"page_obj": page, "surveys": page.object_list})


@staff_only
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = create_survey(by=request.user, **form.cleaned_data)
        except SurveyError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Survey drafted: add its questions, then open it.")
            return redirect(survey)
    return render(request, "measures/surveys/form.html", {"form": form, "title": "New stakeholder survey"})


def _survey(pk: int) -> Survey:
    try:
        return selectors.survey_for_page(pk)
    except Survey.DoesNotExist as missing:
        raise Http404("No such survey") from missing


@staff_only
def survey_detail(request, pk: int):
    survey = _survey(pk)
    return render(
        request,
        "measures/surveys/detail.html",
        {
            "survey": survey,
            "questions": survey.questions.all(),
            "steps": available_steps(survey, request.user),
            "step_form": StepForm(),
            "send_form": SendForm(),
        },
    )


@staff_only
def question_add(request, pk: int):
    survey = _survey(pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_question(
                survey=survey, by=request.user, text=data["text"], kind=data["kind"], options=form.options(),
                hint=data["hint"], required=data["required"], is_headline=data["is_headline"],
            )  # fmt: skip
        except SurveyError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Question added")
            return redirect(survey)
    return render(request, "measures/surveys/form.html", {"form": form, "title": "Add a question", "survey": survey})


def _refused_unless_draft(request, survey: Survey, *, part: str = "its questions") -> HttpResponse | None:
    """Back to the survey's page, saying why, if it has been opened: its edit pages are for drafts only."""
    try:
        require_draft(survey, part=part)
    except SurveyError as error:
        messages.error(request, str(error))
        return redirect(survey)
    return None


@staff_only
def survey_edit(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    if refused := _refused_unless_draft(request, survey, part="its details"):
        return refused
    # The form changes its own copy as it validates; the page's caption keeps the saved title.
    form = SurveyForm(request.POST or None, instance=Survey.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            update_survey(survey=survey, by=request.user, **form.cleaned_data)
        except SurveyError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Survey details saved")
            return redirect(survey)
    return render(
        request, "measures/surveys/form.html", {"form": form, "title": "Change the survey's details", "survey": survey}
    )


def _question(survey_pk: int, pk: int) -> SurveyQuestion:
    return get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk, survey_id=survey_pk)


@staff_only
def question_edit(request, pk: int, question_pk: int):
    question = _question(pk, question_pk)
    survey = question.survey
    if refused := _refused_unless_draft(request, survey):
        return refused
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_question(
                question=question, by=request.user, text=data["text"], kind=data["kind"], options=form.options(),
                hint=data["hint"], required=data["required"], is_headline=data["is_headline"],
            )  # fmt: skip
        except SurveyError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"Question {question.number} saved")
            return redirect(survey)
    title = f"Change question {question.number}"
    return render(request, "measures/surveys/form.html", {"form": form, "title": title, "survey": survey})


@staff_only
def question_delete(request, pk: int, question_pk: int):
    """Asks first; only the confirming POST deletes."""
    question = _question(pk, question_pk)
    survey = question.survey
    if refused := _refused_unless_draft(request, survey):
        return refused
    if request.method == "POST":
        delete_and_report(request, question, delete=delete_question, refused=SurveyError)
        return redirect(survey)
    return render(request, "measures/surveys/question_delete.html", {"survey": survey, "question": question})


@staff_only
@require_POST
def question_move(request, pk: int, question_pk: int, direction: str):
    question = _question(pk, question_pk)
    move_and_report(request, question, direction=direction, move=move_question, refused=SurveyError)
    return redirect(question.survey)


@staff_only
@require_POST
def survey_step(request, pk: int, step: str):
    """Opens or closes the survey, with the reason kept in its history; a refusal shows on its page."""
    if step not in SURVEY_STEPS:
        raise Http404
    survey = get_object_or_404(Survey, pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why, for the survey's record.")
        return redirect(survey)
    try:
        take_survey_step(survey=survey, step=step, by=request.user, reason=form.cleaned_data["reason"])
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Survey {survey.get_status_display().lower()}")
    return redirect(survey)


@staff_only
@require_POST
def survey_send(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose at least one group to send the survey to.")
        return redirect(survey)
    try:
        sending = send_survey(survey=survey, groups=form.cleaned_data["groups"], by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        text = f"{sending.invited} new invitation{'' if sending.invited == 1 else 's'}: the emails are being sent."
        if sending.already_invited:
            text += f" {sending.already_invited} already invited, not sent again."
        if sending.without_contact:
            text += f" {sending.without_contact} with no email address on the register or members to send to."
        messages.success(request, text)
    return redirect(survey)


# ---- Responding through the private link ---------------------------------------------------------


@public
def respond(request, token: str):
    """The survey for one invited organisation, without signing in; the token is the whole permission."""
    try:
        invitation = invitation_for(token)
    except SurveyInvitation.DoesNotExist as missing:
        raise Http404("No such invitation") from missing
    survey = invitation.survey
    context = {"survey": survey, "invitation": invitation}
    if has_responded(invitation):
        return render(request, "measures/surveys/responded.html", context)
    if not survey.is_accepting:
        return render(request, "measures/surveys/closed.html", context)
    questions = survey.questions.all()
    form = ResponseForm(request.POST or None, request.FILES or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            submit_response(
                invitation=invitation,
                answers=form.answers(),
                evidence=form.evidence(),
                respondent_name=form.cleaned_data["respondent_name"],
            )
        except SurveyError as error:
            _show_error(form, error)
        else:
            return redirect("measures:survey-respond", token=token)
    return render(request, "measures/surveys/respond.html", {**context, "form": form})


# ---- Results and evidence -------------------------------------------------------------------------


def confidence_label() -> str:
    """ "95%" for the default z of 1.96: the level the setting gives, for column headings."""
    level = 2 * NormalDist().cdf(settings.SURVEY_CONFIDENCE_Z) - 1
    return f"{level * 100:.0f}%"


def _agreement_cells(row: selectors.Agreement, answers_url: str | None, describes: str) -> list[Cell]:
    interval = row.interval
    return [
        Cell(row.answering, answers_url, f"answering, {describes}"),
        Cell(row.agreeing),
        Cell(row.share, None, "", "%"),
        Cell(interval[0] if interval else None, None, "", "%"),
        Cell(interval[1] if interval else None, None, "", "%"),
    ]


def _agreement_columns() -> list[str]:
    level = confidence_label()
    return ["Answering", "Agreeing", "Share agreeing", f"{level} interval, lower", f"{level} interval, upper"]


def _by_year_table() -> Table:
    table = Table(
        "headline-by-year",
        "The department and the sector work well together: share agreeing by year",
        "Year",
        _agreement_columns(),
        note="The headline question of each year's survey. Agreeing is Strongly agree or Agree.",
        empty="No responses to a headline question yet.",
    )
    for year, row in selectors.headline_by_year():
        url = link("measures:survey-answers", year=year, headline=1)
        table.rows.append(Row(str(year), _agreement_cells(row, url, str(year))))
    return table


def _question_table(question: SurveyQuestion, year: int) -> Table:
    rows, total = selectors.question_agreement(question)
    table = Table(
        f"question-{question.pk}",
        f"{question.text}: share agreeing by group",
        "Group",
        _agreement_columns(),
        note=f"Question {question.number} of {question.survey.title}"
        + (" (the headline question)." if question.is_headline else "."),
        empty="Nobody has answered this question yet.",
    )
    for row in [*rows, total]:
        url = link("measures:survey-answers", year=year, question=question.pk, group=row.key)
        describes = f"{row.label}, question {question.number}"
        table.rows.append(Row(row.label, _agreement_cells(row, url, describes), is_total=not row.key))
    if not rows:
        table.rows = []
    return table


def _response_rate_table(year: int) -> Table:
    rows, total = selectors.response_rates(year)
    table = Table(
        "response-rates",
        f"Response rate by group, {year}",
        "Group",
        ["Invited", "Responded", "Response rate"],
        empty="The survey has not been sent yet.",
    )
    for row in [*rows, total]:
        cells = [Cell(row.invited), Cell(row.responded), Cell(row.rate, None, "", "%")]
        table.rows.append(Row(row.label, cells, is_total=not row.key))
    if not rows:
        table.rows = []
    return table


def _results(request) -> tuple[ResultsForm, int | None, list[Table]]:
    years = selectors.survey_years()
    form = ResultsForm(request.GET or None, years=years)
    chosen = form.cleaned_data["year"] if form.is_valid() else None
    year = chosen or (years[0] if years else None)
    tables = [_by_year_table()]
    if year is not None:
        tables += [_question_table(question, year) for question in selectors.agree_scale_questions(year)]
        tables.append(_response_rate_table(year))
    for table in tables:
        table.csv_url = reverse("measures:survey-results-csv", args=[table.slug]) + (f"?year={year}" if year else "")
    return form, year, tables


@roles_required(*DASHBOARD_ROLES)
def results(request):
    form, year, tables = _results(request)
    return render(
        request,
        "measures/surveys/results.html",
        {"form": form, "year": year, "tables": tables, "confidence": confidence_label()},
    )


@roles_required(*DASHBOARD_ROLES)
def results_csv(request, table: str):
    _form, year, tables = _results(request)
    for candidate in tables:
        if candidate.slug == table:
            return csv_response(candidate, "-".join(str(part) for part in ("stakeholder-survey", year, table) if part))
    raise Http404("No such table")


@roles_required(*DASHBOARD_ROLES)
def answers(request):
    """Answers with their evidence, filtered as the results' figures link to them: the rows behind each figure."""
    questions = SurveyQuestion.objects.select_related("survey").order_by("-survey__year", "survey_id", "number")
    form = AnswersFilterForm(request.GET or None, questions=questions)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.answers_for(
        year=filters.get("year"),
        question=filters.get("question"),
        headline=bool(filters.get("headline")),
        group=filters.get("group") or "",
        evidence_only=bool(filters.get("evidence")),
    )
    page = Paginator(found, ANSWERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/surveys/answers.html",
        {"form": form, "page_obj": page, "answers": page.object_list, "count": page.paginator.count},
    )


@roles_required(*DASHBOARD_ROLES)
def evidence_document(request, pk: int):
    answer = get_object_or_404(SurveyAnswer, pk=pk)
    if not answer.evidence_file:
        raise Http404("No document")
    name = answer.evidence_file_name or answer.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(answer.evidence_file.open("rb"), as_attachment=True, filename=name)
