"""Community Call for Action pages: the public form, confirmation and private status page, the council's
case list and case page with its steps, the documents, and the public statistics.

Who sees what: anyone may raise a call. The raiser follows it through a private link (a secret token, no
account needed) that shows that call only. A council officer sees and works the calls of the councils
whose record they are a member of; department staff and platform admins read every call. Anyone else
asking for a call's page gets 404: a call's existence is private.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from thirdsector.accounts.access import public, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.tables import streamed_csv
from thirdsector.core.workflow import TransitionRefused

from ..forms.ccfa import CallFilterForm, CallRaiseForm, CallStepForm
from ..models.ccfa import CommunityCall, acts_for_council
from ..selectors.ccfa import (
    CallFilters,
    call_for_page,
    call_for_status_link,
    ccfa_statistics,
    community_call_list,
    councils_acted_for,
    sees_call,
    sees_calls,
    years_raised,
)
from ..services.ccfa import (
    STEP_ORDER,
    CommunityCallError,
    raise_call,
    step_label,
    steps_open_to,
    take_call_step,
    time_limits,
)


def _member_organisations(user):
    if not user.is_authenticated:
        return None
    from thirdsector.register.models import Organisation

    organisations = Organisation.objects.filter(memberships__user=user).order_by("name").distinct()
    return organisations if organisations.exists() else None


@public
def call_raise(request):
    """The public form: a resident or a group raises a Community Call for Action."""
    form = CallRaiseForm(
        request.POST if request.method == "POST" else None, organisations=_member_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = raise_call(
                council=data["council"],
                ward=data["ward"],
                issue=data["issue"],
                tried=data["tried"],
                name=data["name"],
                email=data["email"],
                councillor_name=data["councillor_name"],
                councillor_email=data["councillor_email"],
                by=request.user,
                organisation=data.get("organisation"),
            )
        except CommunityCallError as error:
            form.add_error(None, str(error))
        else:
            return redirect("partnerships:ccfa-raised", token=call.status_token)
    return render(request, "partnerships/ccfa/raise.html", {"form": form, **time_limits()})


@public
def call_raised(request, token: str):
    """The confirmation: the reference and the private status link to keep."""
    call = call_for_status_link(token)
    return render(
        request,
        "partnerships/ccfa/raised.html",
        {"call": call, "status_url": request.build_absolute_uri(call.get_status_url()), **time_limits()},
    )


@public
def call_status(request, token: str):
    """The raiser's private view of their call: where it stands, each step's date, decisions and documents."""
    call = call_for_status_link(token)
    return render(
        request, "partnerships/ccfa/status.html", {"call": call, "today": timezone.localdate(), **time_limits()}
    )


@public
def call_status_document(request, token: str, document: str):
    """The committee's report or the executive's response as a file, for the raiser."""
    return _document(call_for_status_link(token), document)


def _document(call: CommunityCall, document: str):
    files = {"report": call.report_file, "response": call.response_file}
    file = files.get(document)
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])


def _call_filters(request) -> tuple[CallFilterForm, CallFilters]:
    """The list's filters from the query string; the page and its CSV read them alike."""
    councils = councils_acted_for(request.user).order_by("name")
    form = CallFilterForm(request.GET or None, councils=councils, years=years_raised())
    filters = CallFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CallFilters(
            council=data["council"].pk if data["council"] else None,
            status=data["status"],
            overdue=data["overdue"],
            year=data["year"],
        )
    return form, filters


@signed_in
def call_list(request):
    """The council's list of calls (every council's for staff), with filters and the overdue view."""
    if not sees_calls(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form, filters = _call_filters(request)
    calls = community_call_list(request.user, filters, today=today)
    page = Paginator(calls, getattr(settings, "PARTNERSHIP_CCFA_LIST_PAGE_SIZE", 25)).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/ccfa/list.html",
        {
            "form": form,
            "page_obj": page,
            "today": today,
            "filters": filters,
            "query": request.GET.urlencode(),
            **time_limits(),
        },
    )


@signed_in
def call_list_csv(request):
    """Every call the list's filters select (not one page), streamed; the raiser's details stay out."""
    if not sees_calls(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    _form, filters = _call_filters(request)
    calls = community_call_list(request.user, filters, today=today)

    def rows():
        for call in calls.iterator(chunk_size=500):
            due = call.next_due
            yield (
                call.reference,
                call.council.name,
                call.ward,
                call.raised_on,
                call.get_status_display(),
                due[0] if due else "",
                due[1] if due else "",
                "Yes" if call.is_overdue(today) else "No",
            )

    header = ["Reference", "Council", "Ward", "Raised", "Status", "Next step", "Next step due", "Overdue"]
    return streamed_csv("community-calls", header, rows())


def _visible_call(request, reference: str) -> CommunityCall:
    call = call_for_page(reference)
    if not sees_call(request.user, call):
        raise Http404
    return call


@signed_in
def call_detail(request, reference: str):
    """A call for its council's officers (who take its steps) and for staff (who read it)."""
    call = _visible_call(request, reference)
    steps = [(step, step_label(step)) for step in steps_open_to(call, request.user)]
    return render(
        request,
        "partnerships/ccfa/detail.html",
        {
            "call": call,
            "steps": steps,
            "acts_for_council": acts_for_council(request.user, call.council_id),
            "history": history_of(call),
            "today": timezone.localdate(),
            **time_limits(),
        },
    )


@signed_in
def call_step(request, reference: str, step: str):
    """One step on a call: a short form with what the step records, then the step is taken."""
    call = _visible_call(request, reference)
    if step not in STEP_ORDER:
        raise Http404
    posted = request.method == "POST"
    form = CallStepForm(request.POST if posted else None, request.FILES if posted else None, step=step)
    if posted:
        if form.is_valid():
            try:
                take_call_step(
                    call=call,
                    step=step,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    on=form.cleaned_data.get("on"),
                    **form.step_fields(),
                )
            except (TransitionRefused, CommunityCallError) as error:
                call.refresh_from_db()
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Call {call.reference}: {call.get_status_display().lower()}")
                return redirect(call)
    elif step not in steps_open_to(call, request.user):
        raise PermissionDenied
    return render(
        request,
        "partnerships/ccfa/step.html",
        {"call": call, "form": form, "step": step, "label": step_label(step), **time_limits()},
    )


@signed_in
def call_document(request, reference: str, document: str):
    return _document(_visible_call(request, reference), document)


@public
def call_statistics(request):
    """Public figures per council: calls raised and what became of them, by year. Aggregates only."""
    years = years_raised()
    year = request.GET.get("year")
    try:
        year = int(year) if year else None
    except ValueError:
        year = None
    if year is not None and not (2000 <= year <= datetime.date.today().year + 1):
        year = None
    rows = ccfa_statistics(year)
    return render(
        request,
        "partnerships/ccfa/statistics.html",
        {"rows": rows, "years": years, "year": year, **time_limits()},
    )
