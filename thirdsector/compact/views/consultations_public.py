"""Consultation pages anyone may use: open consultations, a consultation, responding, other formats, outcomes.

A draft response is private: a signed-in person's draft opens only for them, and an anonymous one only
through its private link (an unguessable token in the address); anyone else gets 404.
"""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.access import is_staff, public
from thirdsector.core.links import absolute_url

from ..forms.consultations import AnswersForm, FormatRequestForm, ResumeEmailForm, StartResponseForm
from ..models import Consultation, ConsultationDocument, ConsultationResponse, ConsultationStatus, ResponseStatus
from ..models.consultations import minimum_weeks
from ..selectors.consultations import open_consultations, public_consultation, published_outcomes, response_for_page
from ..services.consultations import (
    ConsultationError,
    may_open_response,
    organisations_responding_for,
    request_alternative_format,
    save_response,
    send_resume_link,
    start_response,
    submit_response,
)

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@public
def consultation_list(request):
    """Consultations open today, closing soonest first."""
    page = _page(request, open_consultations(timezone.localdate()))
    return render(request, "compact/consultations/list.html", {"page_obj": page, "consultations": page.object_list})


@public
def outcome_list(request):
    """Consultations whose outcome is published: we asked, you said, we did."""
    page = _page(request, published_outcomes())
    return render(request, "compact/consultations/outcomes.html", {"page_obj": page, "consultations": page.object_list})


def _published(pk: int) -> Consultation:
    try:
        return public_consultation(pk)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


@public
def consultation_detail(request, pk: int):
    consultation = _published(pk)
    return render(
        request,
        "compact/consultations/detail.html",
        {"consultation": consultation, "today": timezone.localdate(), "minimum_weeks": minimum_weeks()},
    )


@public
def consultation_document(request, pk: int, document_pk: int):
    """A consultation's uploaded document; drafts' documents only for staff."""
    document = get_object_or_404(ConsultationDocument.objects.select_related("consultation"), pk=document_pk)
    if document.consultation_id != pk or not document.file:
        raise Http404
    if document.consultation.status == ConsultationStatus.DRAFT and not is_staff(request.user):
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@public
def respond_start(request, pk: int):
    """Who is responding; then a draft is made and the questions follow."""
    consultation = _published(pk)
    if not consultation.is_open:
        return render(request, "compact/consultations/not_open.html", {"consultation": consultation}, status=200)
    organisations = organisations_responding_for(request.user)
    initial = {"name": request.user.full_name} if request.user.is_authenticated else {}
    form = StartResponseForm(
        request.POST if request.method == "POST" else None, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = start_response(
                consultation=consultation,
                by=request.user,
                responding_as=data["responding_as"],
                organisation=data.get("organisation"),
                organisation_name=data.get("organisation_name", ""),
                name=data.get("name", ""),
                email=data.get("email", ""),
            )
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("compact:consultation-response", token=response.token)
    return render(
        request,
        "compact/consultations/respond_start.html",
        {"consultation": consultation, "form": form, "signed_in": request.user.is_authenticated},
    )


def _own_response(request, token: str) -> ConsultationResponse:
    try:
        response = response_for_page(token)
    except ConsultationResponse.DoesNotExist as error:
        raise Http404 from error
    if not may_open_response(response, request.user):
        raise Http404
    return response


def _resume_link(request, response: ConsultationResponse) -> str:
    """The private link to a draft as this page shows it: on the address the person is using (a host
    ALLOWED_HOSTS accepted). Emails use SITE_URL instead, since they are read elsewhere."""
    return request.build_absolute_uri(reverse("compact:consultation-response", args=[response.token]))


@public
def response_edit(request, token: str):
    """The questions, all on one page; "Save and come back later" or "Submit response"."""
    response = _own_response(request, token)
    if response.status == ResponseStatus.SUBMITTED:
        return redirect("compact:consultation-response-submitted", token=token)
    consultation = response.consultation
    questions = list(consultation.questions.all())
    form = AnswersForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        initial=AnswersForm.initial_from(response),
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_response(
                response=response,
                by=request.user,
                answers=form.answers(),
                publish_name=form.cleaned_data["publish_name"],
                publish_organisation=form.cleaned_data["publish_organisation"],
                confidential=form.cleaned_data["confidential"],
            )
            if "submit" in request.POST:
                submit_response(response=response, by=request.user)
                return redirect("compact:consultation-response-submitted", token=token)
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("compact:consultation-response-saved", token=token)
    return render(
        request,
        "compact/consultations/respond.html",
        {"consultation": consultation, "response": response, "form": form},
    )


@public
def response_saved(request, token: str):
    """The draft is saved: its private link, and an offer to email it."""
    response = _own_response(request, token)
    if response.status == ResponseStatus.SUBMITTED:
        return redirect("compact:consultation-response-submitted", token=token)
    link = _resume_link(request, response)
    form = ResumeEmailForm(request.POST if request.method == "POST" else None, initial={"email": response.email})
    sent_to = None
    if request.method == "POST" and form.is_valid():
        # The email's link is on SITE_URL alone, never on an address taken from the request's Host header.
        emailed = absolute_url(reverse("compact:consultation-response", args=[response.token]))
        send_resume_link(response=response, email=form.cleaned_data["email"], link=emailed)
        sent_to = form.cleaned_data["email"]
    return render(
        request,
        "compact/consultations/saved.html",
        {"consultation": response.consultation, "response": response, "link": link, "form": form, "sent_to": sent_to},
    )


@public
def response_submitted(request, token: str):
    response = _own_response(request, token)
    if response.status != ResponseStatus.SUBMITTED:
        return redirect("compact:consultation-response", token=token)
    return render(
        request, "compact/consultations/submitted.html", {"consultation": response.consultation, "response": response}
    )


@public
def format_request(request, pk: int):
    """Anyone asks for the consultation in Easy Read, large print, audio, Braille, Welsh or on paper."""
    consultation = _published(pk)
    form = FormatRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = request_alternative_format(consultation=consultation, **form.cleaned_data)
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request, "compact/consultations/format_requested.html", {"consultation": consultation, "made": made}
            )
    return render(request, "compact/consultations/format_request.html", {"consultation": consultation, "form": form})
