"""Strategy progress: the plan, a workstream's page, its updates, and progress reports (HTML and PDF).

Who: department staff and platform admins change the plan and generate reports; board members and
the Compact Commissioner read it; everyone else is refused (the public is asked to sign in).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thirdsector.accounts.access import STAFF_ROLES, is_staff, roles_required, staff_only
from thirdsector.accounts.roles import Role
from thirdsector.core.workflow import TransitionRefused

from ..forms.progress import CloseRiskForm, CompleteMilestoneForm, MilestoneForm, ReportForm, RiskForm, StatusForm
from ..models import Milestone, ProgressReport, RiskOrIssue, RiskStatus, Workstream
from ..reports import render_progress_report_pdf, report_for_display
from ..selectors.progress import plan_by_area, progress_reports, workstream_for_page
from ..services.progress import (
    ProgressError,
    add_milestone,
    add_risk,
    close_risk,
    complete_milestone,
    generate_progress_report,
    record_status,
)

PROGRESS_READERS = (*STAFF_ROLES, Role.COMMISSIONER, Role.BOARD_MEMBER)


@roles_required(*PROGRESS_READERS)
def plan(request):
    today = timezone.localdate()
    return render(
        request,
        "partnerships/progress/plan.html",
        {"areas": plan_by_area(today), "today": today, "can_edit": is_staff(request.user)},
    )


@roles_required(*PROGRESS_READERS)
def workstream_detail(request, pk: int):
    try:
        workstream = workstream_for_page(pk)
    except Workstream.DoesNotExist as error:
        raise Http404 from error
    updates = list(workstream.status_updates.all())
    risks = list(workstream.risks.all())
    return render(
        request,
        "partnerships/progress/workstream.html",
        {
            "workstream": workstream,
            "current": updates[0] if updates else None,
            "updates": updates,
            "milestones": workstream.milestones.all(),
            "open_risks": [r for r in risks if r.status == RiskStatus.OPEN],
            "closed_risks": [r for r in risks if r.status == RiskStatus.CLOSED],
            "today": timezone.localdate(),
            "can_edit": is_staff(request.user),
        },
    )


def _form_page(request, template: str, form, **context):
    return render(request, f"partnerships/progress/{template}", {"form": form, **context})


@staff_only
def update_status(request, pk: int):
    workstream = get_object_or_404(Workstream.objects.select_related("area"), pk=pk)
    form = StatusForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            record_status(
                workstream=workstream, rag=form.cleaned_data["rag"], reason=form.cleaned_data["reason"],
                by=request.user,
            )  # fmt: skip
        except ProgressError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, "RAG status updated")
            return redirect(workstream)
    return _form_page(request, "status_form.html", form, workstream=workstream)


@staff_only
def new_milestone(request, pk: int):
    workstream = get_object_or_404(Workstream.objects.select_related("area"), pk=pk)
    form = MilestoneForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            add_milestone(workstream=workstream, **form.cleaned_data)
        except ProgressError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Milestone added")
            return redirect(workstream)
    return _form_page(request, "milestone_form.html", form, workstream=workstream)


@staff_only
def milestone_done(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("workstream__area"), pk=pk)
    form = CompleteMilestoneForm(
        request.POST if request.method == "POST" else None, initial={"done_on": timezone.localdate()}
    )
    if form.is_valid():
        try:
            complete_milestone(milestone=milestone, done_on=form.cleaned_data["done_on"])
        except ProgressError as error:
            form.add_error("done_on", str(error))
        else:
            messages.success(request, "Milestone marked as done")
            return redirect(milestone.workstream)
    return _form_page(request, "complete_form.html", form, milestone=milestone, workstream=milestone.workstream)


@staff_only
def new_risk(request, pk: int):
    workstream = get_object_or_404(Workstream.objects.select_related("area"), pk=pk)
    form = RiskForm(request.POST if request.method == "POST" else None, initial={"kind": "risk"})
    if form.is_valid():
        try:
            add_risk(workstream=workstream, **form.cleaned_data)
        except ProgressError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Risk or issue added")
            return redirect(workstream)
    return _form_page(request, "risk_form.html", form, workstream=workstream)


@staff_only
def risk_close(request, pk: int):
    risk = get_object_or_404(RiskOrIssue.objects.select_related("workstream__area"), pk=pk)
    form = CloseRiskForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            close_risk(risk=risk, by=request.user, reason=form.cleaned_data["reason"])
        except (ProgressError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Risk or issue closed")
            return redirect(risk.workstream)
    return _form_page(request, "close_risk_form.html", form, risk=risk, workstream=risk.workstream)


@roles_required(*PROGRESS_READERS)
def report_list(request):
    page = Paginator(progress_reports(), settings.PARTNERSHIP_PROGRESS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/progress/reports.html",
        {"page_obj": page, "can_edit": is_staff(request.user)},
    )


@staff_only
def new_report(request):
    form = ReportForm(request.POST if request.method == "POST" else None, initial={"as_of": timezone.localdate()})
    if form.is_valid():
        try:
            report = generate_progress_report(
                as_of=form.cleaned_data["as_of"], meeting=form.cleaned_data["meeting"], by=request.user
            )
        except ProgressError as error:
            form.add_error("as_of", str(error))
        else:
            messages.success(request, "Progress report saved")
            return redirect(report)
    return _form_page(request, "report_form.html", form)


@roles_required(*PROGRESS_READERS)
def report_detail(request, pk: int):
    report = get_object_or_404(ProgressReport.objects.select_related("meeting__board", "created_by"), pk=pk)
    return render(
        request,
        "partnerships/progress/report.html",
        {"report": report, "content": report_for_display(report.content)},
    )


@roles_required(*PROGRESS_READERS)
def report_pdf(request, pk: int):
    report = get_object_or_404(ProgressReport, pk=pk)
    response = HttpResponse(render_progress_report_pdf(report.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-report-{report.as_of:%Y-%m-%d}.pdf"'
    return response
