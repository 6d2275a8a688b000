"""Staff awareness pages: training sessions and attendance, teams, and the share of in-scope staff trained.

Who: department staff and platform admins record; the Compact Commissioner reads; others get 403.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from thirdsector.accounts.access import oversight_only, staff_only

from ..forms.awareness import AttendanceForm, LeaveForm, MemberForm, SessionForm, TeamForm
from ..models import Team, TeamMembership, TrainingSession
from ..models.proofing import edits_proofing
from ..selectors.awareness import (
    former_team_members,
    membership_for_leaving,
    session_for_page,
    sessions_for_list,
    team_for_page,
    team_members_with_training,
    training_completion_by_team,
    training_completion_overall,
    training_counts_from,
)
from ..services.awareness import (
    AwarenessError,
    add_team_member,
    create_team,
    record_attendance,
    remove_team_member,
    schedule_session,
)

PAGE_SIZE = 25


def _on(request) -> datetime.date | None:
    """The day training is counted on (`?on=2025-12-31`, as the training-coverage indicator links); None: today."""
    try:
        return datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return None


@oversight_only
def session_list(request):
    page_obj = Paginator(sessions_for_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "compact/awareness/session_list.html",
        {"page_obj": page_obj, "sessions": list(page_obj), "can_edit": edits_proofing(request.user)},
    )


@staff_only
def session_new(request):
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = schedule_session(by=request.user, **form.cleaned_data)
        except AwarenessError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{session.title} has been added")
            return redirect(session)
    return render(request, "compact/awareness/form.html", {"form": form, "heading": "Add a training session"})


@oversight_only
def session_detail(request, pk: int):
    """A session and who attended; staff record attendance on the same page."""
    try:
        session = session_for_page(pk)
    except TrainingSession.DoesNotExist as error:
        raise Http404 from error
    can_edit = edits_proofing(request.user)
    form = AttendanceForm(request.POST if request.method == "POST" else None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                record_attendance(session=session, by=request.user, **form.cleaned_data)
            except AwarenessError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Attendance recorded for {form.cleaned_data['person']}")
                return redirect(session)
    return render(
        request,
        "compact/awareness/session_detail.html",
        {"session": session, "attendances": list(session.attendances.all()), "form": form},
    )


@oversight_only
def completion(request):
    """The share of in-scope staff per team who completed Compact training that still counts."""
    on = _on(request)
    return render(
        request,
        "compact/awareness/completion.html",
        {
            "rows": training_completion_by_team(today=on),
            "overall": training_completion_overall(today=on),
            "valid_years": settings.COMPACT_TRAINING_VALID_YEARS,
            "counts_from": training_counts_from(on),
            "on": on,
            "can_edit": edits_proofing(request.user),
        },
    )


@staff_only
def team_new(request):
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            team = create_team(by=request.user, **form.cleaned_data)
        except AwarenessError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"{team.name} has been added")
            return redirect(team)
    return render(request, "compact/awareness/form.html", {"form": form, "heading": "Add a team"})


@oversight_only
def team_detail(request, pk: int):
    """The team's members today (or on `?on=`), those who had left by then below; staff add members here."""
    try:
        team = team_for_page(pk)
    except Team.DoesNotExist as error:
        raise Http404 from error
    can_edit = edits_proofing(request.user)
    form = MemberForm(request.POST if request.method == "POST" else None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                add_team_member(team=team, by=request.user, **form.cleaned_data)
            except AwarenessError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{form.cleaned_data['person']} is recorded in {team.name}")
                return redirect(team)
    on = _on(request)
    members = team_members_with_training(team, today=on)
    if request.GET.get("in_scope") == "yes":
        members = members.filter(in_scope=True)
    return render(
        request,
        "compact/awareness/team_detail.html",
        {
            "team": team,
            "members": list(members),
            "former_members": list(former_team_members(team, today=on)),
            "on": on,
            "form": form,
            "can_edit": can_edit,
            "valid_years": settings.COMPACT_TRAINING_VALID_YEARS,
        },
    )


@staff_only
def team_member_leave(request, pk: int, membership_pk: int):
    """Records the day a current member left the team; they stay in the figures for the days before."""
    try:
        membership = membership_for_leaving(pk, membership_pk)
    except TeamMembership.DoesNotExist as error:
        raise Http404 from error
    form = LeaveForm(request.POST if request.method == "POST" else None, joined_on=membership.joined_on)
    if request.method == "POST" and form.is_valid():
        try:
            remove_team_member(membership=membership, by=request.user, **form.cleaned_data)
        except AwarenessError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{membership.person} has left {membership.team.name}")
            return redirect(membership.team)
    return render(
        request,
        "compact/awareness/form.html",
        {
            "form": form,
            "heading": f"{membership.person} leaving {membership.team.name}",
            "back_url": membership.team.get_absolute_url(),
        },
    )
