"""Breach pages: the public report form and its confirmation, the reporter's private status page, and the
staff case list and case page with its steps, updates and notes.

Who sees what: anyone may report. The reporter follows the case through a private link (a secret token,
no account needed) that shows that case only, and never internal notes. Department staff and platform
admins work every case, a body's Compact lead works that body's cases, and the Commissioner sees every
case and records reviews of escalated ones. Anyone else asking for a case page gets 404: a case's
existence is private.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from thirdsector.accounts.access import public, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused

from ..forms.breaches import BreachFilterForm, BreachReportForm, BreachStepForm, BreachUpdateForm
from ..models import BreachCase
from ..models.breaches import is_case_worker
from ..selectors.breaches import (
    CaseFilters,
    breach_case_list,
    case_for_page,
    case_for_status_link,
    sees_breach_cases,
    sees_case,
    years_reported,
)
from ..services.breaches import (
    STEP_ORDER,
    BreachError,
    acknowledge_working_days,
    add_breach_update,
    report_breach,
    response_working_days,
    step_label,
    steps_open_to,
    take_breach_step,
)


def _time_limits() -> dict:
    return {"acknowledge_days": acknowledge_working_days(), "response_days": response_working_days()}


def _member_organisations(user):
    if not user.is_authenticated:
        return None
    from thirdsector.register.models import Organisation

    organisations = Organisation.objects.filter(memberships__user=user).order_by("name").distinct()
    return organisations if organisations.exists() else None


# --- Reporting -----------------------------------------------------------------------------------


@public
def breach_report(request):
    """The report form: anyone, signed in or not; a member may report for their organisation."""
    form = BreachReportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=_member_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = report_breach(
                body=data["body"],
                commitments=data["commitments"],
                what_happened=data["what_happened"],
                happened_on=data["happened_on"],
                evidence=data["evidence"],
                evidence_file=data.get("evidence_file"),
                anonymous=data["anonymous"],
                by=request.user,
                organisation=data.get("organisation"),
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
            )
        except BreachError as error:
            form.add_error(None, str(error))
        else:
            return redirect("compact:breach-reported", token=case.status_token)
    return render(request, "compact/breaches/report.html", {"form": form, **_time_limits()})


@public
def breach_reported(request, token: str):
    """The confirmation: the reference and the private status link to keep."""
    case = case_for_status_link(token)
    return render(
        request,
        "compact/breaches/reported.html",
        {"case": case, "status_url": request.build_absolute_uri(case.get_status_url()), **_time_limits()},
    )


@public
def breach_status(request, token: str):
    """The reporter's private view of one case: status, due dates, public updates and the outcome."""
    case = case_for_status_link(token)
    return render(
        request,
        "compact/breaches/status.html",
        {"case": case, "updates": case.updates.all(), "today": timezone.localdate(), **_time_limits()},
    )


# --- Staff pages ---------------------------------------------------------------------------------


@signed_in
def breach_list(request):
    """The case list for staff, the Commissioner and Compact leads, with filters and the overdue view."""
    if not sees_breach_cases(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = BreachFilterForm(request.GET or None, years=years_reported())
    filters = CaseFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CaseFilters(
            body=data["body"].pk if data["body"] else None,
            status=data["status"],
            overdue=data["overdue"],
            year=data["year"],
        )
    cases = breach_case_list(request.user, filters, today=today)
    page = Paginator(cases, getattr(settings, "COMPACT_BREACH_LIST_PAGE_SIZE", 25)).get_page(request.GET.get("page"))
    return render(
        request,
        "compact/breaches/list.html",
        {"form": form, "page_obj": page, "today": today, "filters": filters, **_time_limits()},
    )


def _visible_case(request, reference: str) -> BreachCase:
    case = case_for_page(reference)
    if not sees_case(request.user, case):
        raise Http404
    return case


def _case_page(request, case: BreachCase, *, update_form=None, status=200):
    user = request.user
    worker = is_case_worker(user, case)
    steps = [(step, step_label(step)) for step in steps_open_to(case, user)]
    updates = list(case.updates.all())
    return render(
        request,
        "compact/breaches/detail.html",
        {
            "case": case,
            "is_case_worker": worker,
            "steps": steps,
            "public_updates": [update for update in updates if update.public],
            "notes": [update for update in updates if not update.public],
            "update_form": update_form or BreachUpdateForm(),
            "history": history_of(case),
            "today": timezone.localdate(),
            **_time_limits(),
        },
        status=status,
    )


@signed_in
def breach_detail(request, reference: str):
    """The case for those who work or oversee it; 404 for everyone else."""
    return _case_page(request, _visible_case(request, reference))


@signed_in
def breach_step(request, reference: str, step: str):
    """One step on a case: a short form with what the step records, then the step is taken."""
    case = _visible_case(request, reference)
    if step not in STEP_ORDER:
        raise Http404
    form = BreachStepForm(request.POST if request.method == "POST" else None, step=step)
    if request.method == "POST":
        if form.is_valid():
            try:
                take_breach_step(
                    case=case, step=step, by=request.user, reason=form.cleaned_data["reason"], **form.step_fields()
                )
            except (TransitionRefused, BreachError) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Case {case.reference}: {case.get_status_display().lower()}")
                return redirect(case)
    elif step not in steps_open_to(case, request.user):
        raise PermissionDenied
    label = {"not_uphold": "Do not uphold"}.get(step) or step_label(step).capitalize()
    return render(request, "compact/breaches/step.html", {"case": case, "form": form, "step": step, "label": label})


@signed_in
def breach_update(request, reference: str):
    """Adds a public update or an internal note (POST only)."""
    case = _visible_case(request, reference)
    if not is_case_worker(request.user, case):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(case)
    form = BreachUpdateForm(request.POST)
    if form.is_valid():
        try:
            add_breach_update(
                case=case, by=request.user, text=form.cleaned_data["text"], public=form.cleaned_data["public"]
            )
        except BreachError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Update added" if form.cleaned_data["public"] else "Note added")
            return redirect(f"{case.get_absolute_url()}#updates")
    return _case_page(request, case, update_form=form)


@signed_in
def breach_evidence(request, reference: str):
    """The reporter's evidence file, for those who see the case."""
    case = _visible_case(request, reference)
    if not case.evidence_file:
        raise Http404
    return FileResponse(
        case.evidence_file.open("rb"), as_attachment=True, filename=case.evidence_file_name or "evidence"
    )
