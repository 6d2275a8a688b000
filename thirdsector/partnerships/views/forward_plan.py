"""Forward plan pages: the published plan of each board (and its CSV) for anyone; the staff list, the
item's page with its history, adding and changing items, and the steps (taken, deferred, withdrawn) for
the secretariat.

Board members, council officers and everyone else signed in get 403 on the staff pages; the public is
asked to sign in. Drafts and items no longer to be taken never appear on the public page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from thirdsector.accounts.access import is_staff, public, staff_only
from thirdsector.core.audit import history_of
from thirdsector.core.tables import streamed_csv
from thirdsector.core.workflow import TransitionRefused, available_steps

from ..forms.forward_plan import (
    DeferItemForm,
    ForwardPlanFilterForm,
    ForwardPlanItemEditForm,
    ForwardPlanItemForm,
    TakeItemForm,
    WithdrawItemForm,
)
from ..models.boards import Board, Meeting
from ..models.forward_plan import ForwardPlanItem
from ..selectors.boards import board_for_page
from ..selectors.forward_plan import (
    ForwardPlanFilters,
    forward_plan_for_staff,
    forward_plan_item_for_page,
    grouped_by_meeting_or_quarter,
    meetings_taken_place,
    meetings_to_come,
    published_forward_plan,
)
from ..services import forward_plan as service
from ..services.boards import BoardError

STEP_URLS = {
    "take": "partnerships:forward-plan-take",
    "defer": "partnerships:forward-plan-defer",
    "withdraw": "partnerships:forward-plan-withdraw",
}


def _board(slug: str) -> Board:
    try:
        return board_for_page(slug)
    except Board.DoesNotExist as error:
        raise Http404 from error


def _item(pk: int) -> ForwardPlanItem:
    try:
        return forward_plan_item_for_page(pk)
    except ForwardPlanItem.DoesNotExist as error:
        raise Http404 from error


def _data(request):
    return request.POST if request.method == "POST" else None


# --- The public's plan ------------------------------------------------------------------------------


@public
def board_forward_plan(request, slug):
    board = _board(slug)
    groups = grouped_by_meeting_or_quarter(published_forward_plan(board))
    return render(
        request,
        "partnerships/forward_plan/board_plan.html",
        {"board": board, "groups": groups, "staff": is_staff(request.user)},
    )


CSV_HEADER = ["Meeting or quarter", "Date", "Topic", "Description", "Kind", "Lead", "Status", "Why deferred"]


@public
def board_forward_plan_csv(request, slug):
    """Exactly the published plan, in its order, streamed."""
    board = _board(slug)
    rows = (
        (
            item.planned_for,
            item.planned_on.isoformat(),
            item.title,
            item.description,
            item.get_kind_display(),
            item.lead,
            item.get_status_display(),
            item.deferral_reason,
        )
        for item in published_forward_plan(board).iterator(chunk_size=500)
    )
    return streamed_csv(f"forward-plan-{board.slug}", CSV_HEADER, rows)


# --- The secretariat's pages ------------------------------------------------------------------------


@staff_only
def forward_plan_list(request):
    form = ForwardPlanFilterForm(request.GET or None)
    filters = ForwardPlanFilters()
    if form.is_bound and form.is_valid():
        filters = ForwardPlanFilters(board=form.cleaned_data["board"], status=form.cleaned_data["status"])
    page_size = settings.PARTNERSHIP_FORWARD_PLAN_PAGE_SIZE
    page = Paginator(forward_plan_for_staff(filters), page_size).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/forward_plan/staff_list.html",
        {"form": form, "page_obj": page, "filters": filters, "boards": Board.objects.order_by("name")},
    )


def _item_form_page(request, form, *, board, heading, item=None):
    return render(
        request,
        "partnerships/forward_plan/item_form.html",
        {"form": form, "board": board, "heading": heading, "item": item},
    )


@staff_only
def item_add(request, slug):
    board = _board(slug)
    today = timezone.localdate()
    form = ForwardPlanItemForm(_data(request), meetings=meetings_to_come(board), today=today)
    if form.is_valid():
        try:
            item = service.plan_item(board=board, by=request.user, today=today, **form.cleaned_data)
        except BoardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Item added to the forward plan")
            return redirect("partnerships:forward-plan-item", pk=item.pk)
    return _item_form_page(request, form, board=board, heading="Add an item to the forward plan")


@staff_only
def item_edit(request, pk):
    item = _item(pk)
    today = timezone.localdate()
    meetings = meetings_to_come(item.board) | Meeting.objects.filter(pk=item.meeting_id)
    initial = {
        "title": item.title,
        "description": item.description,
        "meeting": item.meeting_id,
        "quarter_starts_on": "" if item.meeting_id else item.planned_on.isoformat(),
        "lead": item.lead,
        "kind": item.kind,
        "published": item.published,
    }
    form = ForwardPlanItemEditForm(
        _data(request),
        initial=initial,
        meetings=meetings.order_by("starts_at"),
        today=today,
        current_quarter=None if item.meeting_id else item.planned_on,
    )
    if form.is_valid():
        try:
            service.change_item(item=item, by=request.user, today=today, **form.cleaned_data)
        except BoardError as error:
            form.add_error(None, str(error))
            item.refresh_from_db()
        else:
            messages.success(request, "Item changed")
            return redirect("partnerships:forward-plan-item", pk=item.pk)
    return _item_form_page(request, form, board=item.board, heading="Change the item", item=item)


@staff_only
def item_detail(request, pk):
    item = _item(pk)
    steps = [(step, STEP_URLS[step.name]) for step in available_steps(item, request.user)]
    return render(
        request,
        "partnerships/forward_plan/item_detail.html",
        {"item": item, "steps": steps, "entries": history_of(item)},
    )


def _step_page(request, item, form, *, title: str, save, success: str):
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except (BoardError, TransitionRefused) as error:
            form.add_error(None, str(error))
            item.refresh_from_db()
        else:
            messages.success(request, success)
            return redirect("partnerships:forward-plan-item", pk=item.pk)
    return render(request, "partnerships/forward_plan/step.html", {"item": item, "form": form, "title": title})


@staff_only
def item_take(request, pk):
    item = _item(pk)
    form = TakeItemForm(_data(request), meetings=meetings_taken_place(item.board))
    return _step_page(
        request,
        item,
        form,
        title="Record the item as taken",
        save=lambda data: service.take_item(item=item, by=request.user, **data),
        success="Item recorded as taken",
    )


@staff_only
def item_defer(request, pk):
    item = _item(pk)
    form = DeferItemForm(_data(request), meetings=meetings_to_come(item.board))
    return _step_page(
        request,
        item,
        form,
        title="Defer the item to a later meeting",
        save=lambda data: service.defer_item(item=item, by=request.user, **data),
        success="Item deferred",
    )


@staff_only
def item_withdraw(request, pk):
    item = _item(pk)
    form = WithdrawItemForm(_data(request))
    return _step_page(
        request,
        item,
        form,
        title="Withdraw the item",
        save=lambda data: service.withdraw_item(item=item, by=request.user, **data),
        success="Item withdrawn",
    )
