"""Meeting pages: a meeting with its agenda, papers, attendance, minutes, decisions and actions; the
secretariat's steps; the overdue actions list; and published minutes for the public.

A meeting's page and papers are for the secretariat and the board's own members: anyone else signed in
gets 404 (another board's business is private), the public is asked to sign in.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thirdsector.accounts.access import is_staff, public, signed_in, staff_only
from thirdsector.core.workflow import TransitionRefused

from ..forms.boards import (
    ActionForm,
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    CirculateForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
)
from ..models.boards import Action, AgendaItem, Board, Meeting, MeetingStatus, Paper
from ..selectors.boards import (
    actions_of,
    agenda_of,
    attendance_of,
    board_for_page,
    may_see_papers,
    meeting_for_page,
    overdue_actions,
    published_minutes,
    quorum_for,
)
from ..services import meetings as service
from ..services.boards import BoardError


def _meeting(request, pk: int) -> Meeting:
    try:
        meeting = meeting_for_page(pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    if not may_see_papers(request.user, meeting.board):
        raise Http404
    return meeting


def _staff_meeting(pk: int) -> Meeting:
    try:
        return meeting_for_page(pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error


@signed_in
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "agenda": agenda_of(meeting),
        "attendance": attendance_of(meeting),
        "quorum": quorum_for(meeting),
        "decisions": meeting.decisions.select_related("agenda_item"),
        "actions": meeting.actions.all(),
        "staff": is_staff(request.user),
        "papers_working_days": settings.PARTNERSHIP_PAPERS_WORKING_DAYS,
        "late_if_sent_today": meeting.status == MeetingStatus.PLANNED
        and service.papers_would_be_late(meeting, timezone.localdate()),
    }
    if context["staff"]:
        context["circulate_form"] = CirculateForm()
    return render(request, "partnerships/meetings/meeting_detail.html", context)


@signed_in
def paper_download(request, pk, paper_id):
    meeting = _meeting(request, pk)
    paper = get_object_or_404(Paper, pk=paper_id, agenda_item__meeting=meeting)
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.file.name.rsplit("/", 1)[-1])


@staff_only
def meeting_create(request, slug):
    try:
        board = board_for_page(slug)
    except Board.DoesNotExist as error:
        raise Http404 from error
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            meeting = service.schedule_meeting(board=board, by=request.user, **form.cleaned_data)
        except BoardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Meeting scheduled")
            return redirect("partnerships:meeting", pk=meeting.pk)
    return render(request, "partnerships/meetings/meeting_form.html", {"form": form, "board": board})


def _simple_form(request, meeting, form, save, template_title: str, success: str):
    if form.is_valid():
        try:
            save(form)
        except (BoardError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("partnerships:meeting", pk=meeting.pk)
    return render(
        request,
        "partnerships/meetings/meeting_step_form.html",
        {"form": form, "meeting": meeting, "title": template_title},
    )


@staff_only
def agenda_item_add(request, pk):
    meeting = _staff_meeting(pk)
    form = AgendaItemForm(request.POST if request.method == "POST" else None)
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.add_agenda_item(meeting=meeting, by=request.user, **f.cleaned_data),
        "Add an agenda item",
        "Agenda item added",
    )


@staff_only
def paper_upload(request, pk, item_id):
    meeting = _staff_meeting(pk)
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    form = PaperForm(request.POST if request.method == "POST" else None, request.FILES or None)
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.upload_paper(agenda_item=item, by=request.user, **f.cleaned_data),
        f"Upload a paper for “{item.title}”",
        "Paper uploaded",
    )


@staff_only
def papers_circulate(request, pk):
    meeting = _staff_meeting(pk)
    form = CirculateForm(request.POST if request.method == "POST" else None)
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.circulate_papers(meeting=meeting, by=request.user, late_reason=f.cleaned_data["late_reason"]),
        "Circulate the papers",
        "Papers circulated",
    )


@staff_only
def meeting_hold(request, pk):
    meeting = _staff_meeting(pk)
    form = CirculateForm(request.POST if request.method == "POST" else None)
    form.fields.pop("late_reason")
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.hold_meeting(meeting=meeting, by=request.user),
        "Record the meeting as held",
        "Meeting recorded as held",
    )


@staff_only
def attendance_record(request, pk):
    meeting = _staff_meeting(pk)
    form = AttendanceForm(request.POST if request.method == "POST" else None, members=attendance_of(meeting))
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.record_attendance(meeting=meeting, attendance=f.attendance(), by=request.user),
        "Record attendance",
        "Attendance recorded",
    )


@staff_only
def minutes_draft(request, pk):
    meeting = _staff_meeting(pk)
    form = MinutesForm(request.POST if request.method == "POST" else None, initial={"minutes": meeting.minutes})
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.draft_minutes(meeting=meeting, by=request.user, **f.cleaned_data),
        "Draft the minutes",
        "Minutes saved",
    )


@staff_only
def minutes_approve(request, pk):
    meeting = _staff_meeting(pk)
    later = meeting.board.meetings.filter(
        starts_at__gt=meeting.starts_at, status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED]
    )
    form = ApproveMinutesForm(request.POST if request.method == "POST" else None, meetings=later)
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.approve_minutes(meeting=meeting, by=request.user, **f.cleaned_data),
        "Approve the minutes",
        "Minutes approved and published",
    )


@staff_only
def decision_add(request, pk):
    meeting = _staff_meeting(pk)
    form = DecisionForm(request.POST if request.method == "POST" else None, agenda_items=meeting.agenda_items.all())
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.record_decision(meeting=meeting, by=request.user, **f.cleaned_data),
        "Record a decision",
        "Decision recorded",
    )


@staff_only
def action_add(request, pk):
    meeting = _staff_meeting(pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.record_action(meeting=meeting, by=request.user, **f.cleaned_data),
        "Record an action",
        "Action recorded",
    )


@staff_only
def action_complete(request, pk, action_id):
    meeting = _staff_meeting(pk)
    action = get_object_or_404(Action, pk=action_id, meeting__board=meeting.board)
    form = CirculateForm(request.POST if request.method == "POST" else None)
    form.fields.pop("late_reason")
    return _simple_form(
        request,
        meeting,
        form,
        lambda f: service.complete_action(action=action, by=request.user),
        f"Mark “{action.description}” as done",
        "Action marked as done",
    )


@staff_only
def actions_overdue(request):
    page = Paginator(overdue_actions(), 25).get_page(request.GET.get("page"))
    return render(
        request, "partnerships/meetings/actions_overdue.html", {"page_obj": page, "actions": page.object_list}
    )


@signed_in
def board_actions(request, slug):
    try:
        board = board_for_page(slug)
    except Board.DoesNotExist as error:
        raise Http404 from error
    if not may_see_papers(request.user, board):
        raise Http404
    page = Paginator(actions_of(board).order_by("status", "due_on", "id"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/meetings/board_actions.html",
        {"board": board, "page_obj": page, "actions": page.object_list},
    )


@public
def minutes_list(request):
    page = Paginator(published_minutes(), 25).get_page(request.GET.get("page"))
    return render(request, "partnerships/meetings/minutes_list.html", {"page_obj": page, "meetings": page.object_list})


@public
def minutes_detail(request, pk):
    meeting = get_object_or_404(published_minutes(), pk=pk)
    return render(
        request,
        "partnerships/meetings/minutes_detail.html",
        {"meeting": meeting, "decisions": meeting.decisions.select_related("agenda_item")},
    )
