"""The application journey (GOV.UK question pages) and the application's own page.

Who sees what: members of the applying organisation (viewers too) and the staff who run the programme
see an application; everyone else gets 404, because its existence is private. Only members who can
edit the organisation's record answer questions, upload, submit, withdraw or write messages; others
who can see the application get 403 on those pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import signed_in
from thirdsector.core.workflow import TransitionRefused, refusal

from ..errors import FundingError, NotEligible
from ..forms.applications import (
    DeclarationForm,
    DocumentForm,
    MessageForm,
    OrganisationChoiceForm,
    WithdrawForm,
    answers_from,
    initial_from,
    question_for,
    questions_for,
)
from ..models import Application, ApplicationDocument, ApplicationStatus, DocumentKind, Round
from ..permissions import acts_for, runs_programme, sees_organisation_funding
from ..selectors.applications import application_for_page, organisations_edited_by
from ..services.applications import (
    add_document,
    declare,
    eligible_to_start,
    max_document_bytes,
    remove_document,
    save_answers,
    send_message,
    start_application,
    submit_application,
    withdraw_application,
)

DECIDED_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED)


def _add_errors(form, error: Exception, field: str | None = None) -> None:
    """Puts a domain refusal in the form so the GOV.UK error summary shows it; one line per reason."""
    if isinstance(error, NotEligible):
        for reason in error.reasons:
            form.add_error(field, reason)
    else:
        form.add_error(field, str(error))


def _visible_application(request, reference: str, *, full: bool = True) -> Application:
    """The application if this person may see it, else 404: its existence is private."""
    try:
        if full:
            application = application_for_page(reference)
        else:
            application = Application.objects.select_related("round__programme", "organisation").get(
                reference=reference
            )
    except Application.DoesNotExist as error:
        raise Http404 from error
    user = request.user
    member = sees_organisation_funding(user, application.organisation_id)
    if not (member or runs_programme(user, application.programme)):
        raise Http404
    return application


def _editable_application(request, reference: str) -> tuple[Application, object]:
    """The draft if this person may change it; else 403, or a redirect to its page once submitted."""
    application = _visible_application(request, reference, full=False)
    if not acts_for(request.user, application.organisation_id):
        raise PermissionDenied
    if application.status != ApplicationStatus.DRAFT:
        messages.info(
            request,
            f"This application is {application.get_status_display().lower()}, so its answers can no longer change",
        )
        return application, redirect(application)
    return application, None


def _tasks_url(application: Application) -> str:
    return reverse("funding:application-tasks", args=[application.reference])


def _check_url(application: Application) -> str:
    return reverse("funding:application-check", args=[application.reference])


# --- Starting ---------------------------------------------------------------------------------


@signed_in
def apply_start(request, pk: int):
    """The start page for a round: eligibility for the chosen organisation, then "Start now"."""
    round_ = get_object_or_404(Round.objects.select_related("programme"), pk=pk)
    if not round_.is_published and not runs_programme(request.user, round_.programme):
        raise Http404
    organisations_query = organisations_edited_by(request.user)
    organisations = list(organisations_query)
    data = request.POST if request.method == "POST" else (request.GET if "organisation" in request.GET else None)
    if len(organisations) == 1 and data is None:
        data = {"organisation": organisations[0].pk}
    form = OrganisationChoiceForm(data, organisations=organisations_query)
    chosen = form.cleaned_data["organisation"] if data is not None and form.is_valid() else None
    reasons, existing = [], None
    if chosen is not None:
        reasons = eligible_to_start(round_, chosen)
        existing = (
            Application.objects.filter(round=round_, organisation=chosen, status=ApplicationStatus.DRAFT)
            .only("reference")
            .first()
        )
    if request.method == "POST" and chosen is not None:
        try:
            application = start_application(round_=round_, organisation=chosen, by=request.user)
        except FundingError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Your application has been started. Its reference is {application.reference}")
            return redirect(_tasks_url(application))
    return render(
        request,
        "funding/applications/start.html",
        {
            "round": round_,
            "programme": round_.programme,
            "organisations": organisations,
            "form": form,
            "chosen": chosen,
            "reasons": reasons,
            "existing": existing,
        },
    )


# --- The task list and the questions ----------------------------------------------------------


def _tasks(application: Application, documents: list[ApplicationDocument]) -> list[dict]:
    tasks = []
    for question in questions_for(application.programme):
        required = [name for name in question.fields if name != "overheads"]
        done = all(getattr(application, name) not in (None, "") for name in required)
        tasks.append(
            {
                "name": question.heading,
                "url": reverse("funding:application-question", args=[application.reference, question.slug]),
                "status": "Completed" if done else "Incomplete",
                "id": question.slug,
            }
        )
    if application.programme.asks_short_form:
        # The short form asks for no documents: eligibility comes from the register's record.
        return tasks
    kinds = {document.kind for document in documents}
    both = {DocumentKind.BUDGET, DocumentKind.ACCOUNTS} <= kinds
    tasks.append(
        {
            "name": "Budget and accounts",
            "url": reverse("funding:application-documents", args=[application.reference]),
            "status": "Completed" if both else ("In progress" if kinds else "Not yet started"),
            "id": "documents",
        }
    )
    return tasks


@signed_in
def application_tasks(request, reference: str):
    """The overview: each question with whether it is answered; the way back in after a break."""
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    documents = list(application.documents.all())
    tasks = _tasks(application, documents)
    unanswered = application.unanswered_questions()
    return render(
        request,
        "funding/applications/tasks.html",
        {
            "application": application,
            "tasks": tasks,
            "completed": sum(1 for task in tasks if task["status"] == "Completed"),
            "ready": not unanswered,
        },
    )


def _slugs(application: Application) -> list[str]:
    return [question.slug for question in questions_for(application.programme)]


def _next_url(application: Application, slug: str) -> str:
    slugs = _slugs(application)
    position = slugs.index(slug)
    if position + 1 < len(slugs):
        return reverse("funding:application-question", args=[application.reference, slugs[position + 1]])
    if application.programme.asks_short_form:
        return _check_url(application)
    return reverse("funding:application-documents", args=[application.reference])


def _previous_url(application: Application, slug: str) -> str:
    slugs = _slugs(application)
    position = slugs.index(slug)
    if position == 0:
        return _tasks_url(application)
    return reverse("funding:application-question", args=[application.reference, slugs[position - 1]])


@signed_in
def application_question(request, reference: str, slug: str):
    """One question; its answer is saved as soon as it is given (save and return)."""
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    question = question_for(application.programme, slug)
    if question is None:
        raise Http404
    returning_to_check = (request.POST if request.method == "POST" else request.GET).get("return") == "check"
    form = question.form(
        request.POST if request.method == "POST" else None, initial=initial_from(question, application)
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_answers(application=application, by=request.user, **answers_from(question, form))
        except FundingError as error:
            _add_errors(form, error)
        else:
            if returning_to_check:
                return redirect(_check_url(application))
            if "later" in request.POST:
                messages.success(request, "Your answers have been saved. You can come back to them at any time")
                return redirect(_tasks_url(application))
            return redirect(_next_url(application, slug))
    rules = getattr(application.programme, "eligibility", None)
    return render(
        request,
        question.template,
        {
            "application": application,
            "question": question,
            "form": form,
            "returning_to_check": returning_to_check,
            "back_url": _check_url(application) if returning_to_check else _previous_url(application, slug),
            "rules": rules,
            "default_months": application.programme.default_grant_months,
        },
    )


# --- Documents ----------------------------------------------------------------------------------


@signed_in
def application_documents(request, reference: str):
    """Upload the budget and accounts (and anything else), and see or remove what is uploaded."""
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    limit = max_document_bytes()
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        max_bytes=limit,
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = add_document(
                application=application,
                by=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            )
        except FundingError as error:
            _add_errors(form, error, "file")
        else:
            messages.success(request, f"{document.original_name} has been uploaded")
            return redirect("funding:application-documents", reference=application.reference)
    return render(
        request,
        "funding/applications/documents.html",
        {"application": application, "form": form, "documents": application.documents.all(), "limit": limit},
    )


@signed_in
def application_document_remove(request, reference: str, pk: int):
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    document = get_object_or_404(ApplicationDocument, pk=pk, application=application)
    if request.method == "POST":
        name = document.original_name
        try:
            remove_document(application=application, document=document, by=request.user)
        except FundingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{name} has been removed")
    return redirect("funding:application-documents", reference=application.reference)


@signed_in
def application_document(request, reference: str, pk: int):
    """Downloads a document, for the same people who may see the application."""
    application = _visible_application(request, reference, full=False)
    document = get_object_or_404(ApplicationDocument, pk=pk, application=application)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=document.content_type)


# --- Check, declare, submit --------------------------------------------------------------------


@signed_in
def application_check(request, reference: str):
    """Check your answers: every answer with a Change link that comes back here."""
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    return render(
        request,
        "funding/applications/check.html",
        {
            "application": application,
            "documents": application.documents.all(),
            "unanswered": application.unanswered_questions(),
        },
    )


@signed_in
def application_submit(request, reference: str):
    """The declaration and the submit button; every refusal shows in the error summary."""
    application, gone = _editable_application(request, reference)
    if gone:
        return gone
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                declare(application=application, by=request.user)
                submit_application(application=application, by=request.user)
        except (FundingError, TransitionRefused) as error:
            application.refresh_from_db()
            _add_errors(form, error)
        else:
            return redirect("funding:application-submitted", reference=application.reference)
    return render(request, "funding/applications/submit.html", {"application": application, "form": form})


@signed_in
def application_submitted(request, reference: str):
    application = _visible_application(request, reference, full=False)
    if application.submitted_at is None:
        return redirect(application)
    return render(request, "funding/applications/submitted.html", {"application": application})


# --- The application's page -----------------------------------------------------------------------


def _detail(request, application: Application, message_form=None):
    user = request.user
    is_programme_staff = runs_programme(user, application.programme)
    is_editor = acts_for(user, application.organisation_id)
    return render(
        request,
        "funding/applications/detail.html",
        {
            "application": application,
            "is_programme_staff": is_programme_staff,
            "is_editor": is_editor,
            "is_draft": application.status == ApplicationStatus.DRAFT,
            "decided": application.status in DECIDED_STATUSES,
            "can_withdraw": is_editor and refusal(application, "withdraw", user) is None,
            "can_message": is_editor or is_programme_staff,
            "form": message_form if message_form is not None else MessageForm(),
            "documents": application.documents.all(),
            "thread": application.messages.all(),
        },
    )


@signed_in
def application_detail(request, reference: str):
    """The application for its organisation's members and the staff who run the programme."""
    return _detail(request, _visible_application(request, reference))


@signed_in
def application_message(request, reference: str):
    """Sends a message on the application's thread (POST); the other side is emailed."""
    application = _visible_application(request, reference)
    if request.method != "POST":
        return redirect(application)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            send_message(application=application, by=request.user, body=form.cleaned_data["body"])
        except FundingError as error:
            _add_errors(form, error, "body")
        else:
            messages.success(request, "Your message has been sent")
            return redirect(f"{application.get_absolute_url()}#messages")
    return _detail(request, application, message_form=form)


@signed_in
def application_withdraw(request, reference: str):
    application = _visible_application(request, reference, full=False)
    if not acts_for(request.user, application.organisation_id):
        raise PermissionDenied
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_application(application=application, by=request.user, reason=form.cleaned_data["reason"])
        except (FundingError, TransitionRefused) as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Application {application.reference} has been withdrawn")
            return redirect(application)
    return render(
        request,
        "funding/applications/withdraw.html",
        {"application": application, "form": form, "problem": refusal(application, "withdraw", request.user)},
    )
