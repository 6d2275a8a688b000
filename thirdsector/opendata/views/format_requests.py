"""Accessible formats: the public request form and acknowledgement, the staff queue and a request's page."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thirdsector.accounts.access import public, staff_only
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, available_steps

from ..forms.format_requests import FormatRequestForm, StepForm
from ..models import FormatRequest, FormatRequestStatus
from ..selectors.format_requests import format_request_queue
from ..services.format_requests import STEPS, FormatRequestError, advance, page_title, request_format


@public
def request_page(request):
    """Anyone asks for the page they came from (`?page=<path>`) in an accessible format."""
    data = request.POST if request.method == "POST" else None
    path = (data or request.GET).get("page", "")
    form = FormatRequestForm(data, initial={"page": path})
    try:
        title = page_title(request, path)
    except FormatRequestError as error:
        return render(request, "opendata/format_requests/no_page.html", {"problem": str(error)}, status=400)
    if data is not None and form.is_valid():
        fields = {key: value for key, value in form.cleaned_data.items() if key != "page"}
        try:
            made = request_format(page_path=path, page_title=title, **fields)
        except FormatRequestError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "opendata/format_requests/requested.html", {"made": made})
    return render(
        request,
        "opendata/format_requests/request.html",
        {"form": form, "title": title, "path": path, "working_days": settings.OPENDATA_FORMAT_REQUEST_WORKING_DAYS},
    )


@staff_only
def queue(request):
    status = request.GET.get("status", "")
    if status not in FormatRequestStatus.values:
        status = ""
    today = timezone.localdate()
    requests = format_request_queue(today=today, status=status or None)
    page = Paginator(requests, settings.OPENDATA_FORMAT_REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/format_requests/queue.html",
        {"page_obj": page, "status": status, "statuses": FormatRequestStatus.choices, "today": today},
    )


@staff_only
def detail(request, pk: int):
    format_request = get_object_or_404(FormatRequest, pk=pk)
    available = available_steps(format_request, request.user)
    steps = [(step, StepForm(step=step.name, prefix=step.name)) for step in available]
    return render(
        request,
        "opendata/format_requests/detail.html",
        {
            "format_request": format_request,
            "overdue": format_request.is_overdue_on(timezone.localdate()),
            "steps": steps,
            "history": history_of(format_request),
        },
    )


@staff_only
def step(request, pk: int, step: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if step not in STEPS:
        raise Http404
    format_request = get_object_or_404(FormatRequest, pk=pk)
    form = StepForm(request.POST, step=step, prefix=step)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("opendata:format-request", pk=pk)
    try:
        advance(format_request=format_request, step=step, by=request.user, reason=form.cleaned_data["reason"])
    except TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{format_request.reference} {format_request.get_status_display().lower()}")
    return redirect("opendata:format-request", pk=pk)
