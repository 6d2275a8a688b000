"""Board pages: the public list and page of each board (remit, members, published minutes), and the
secretariat's pages to set a board up, add members and record declared interests.

The secretariat (department staff and platform admins) sees the board's flags (below its size, short of a
sector's seats) and the rules applied; the public sees names and organisations only.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import is_staff, public, staff_only

from ..forms.boards import BoardEditForm, BoardForm, DeclarationForm, EndTermForm, MemberForm
from ..models.boards import Board, Membership
from ..selectors.boards import (
    board_flags,
    board_for_page,
    boards_for_list,
    current_memberships,
    may_see_papers,
    meetings_of,
    members_of,
    published_minutes,
    seat_counts,
)
from ..services.boards import BoardError, add_member, create_board, declare_interest, end_term, update_board


def _board(slug: str) -> Board:
    try:
        return board_for_page(slug)
    except Board.DoesNotExist as error:
        raise Http404 from error


@public
def board_list(request):
    return render(request, "partnerships/boards/board_list.html", {"boards": boards_for_list()})


@public
def board_detail(request, slug):
    board = _board(slug)
    staff = is_staff(request.user)
    context = {
        "board": board,
        "members": members_of(board),
        "minutes": published_minutes(board)[:20],
        "staff": staff,
        "sees_meetings": may_see_papers(request.user, board),
    }
    if staff:
        context["flags"] = board_flags(board)
        context["seats"] = seat_counts(board)
    if context["sees_meetings"]:
        context["meetings"] = meetings_of(board)[:50]
    return render(request, "partnerships/boards/board_detail.html", context)


@staff_only
def board_create(request):
    form = BoardForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            board = create_board(by=request.user, **form.cleaned_data)
        except BoardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{board.name} set up")
            return redirect("partnerships:board", slug=board.slug)
    return render(request, "partnerships/boards/board_form.html", {"form": form})


EDITABLE_BOARD_FIELDS = (
    "remit",
    "min_members",
    "max_members",
    "min_third_sector_seats",
    "min_local_government_seats",
    "min_department_seats",
)


@staff_only
def board_edit(request, slug):
    board = _board(slug)
    form = BoardEditForm(
        request.POST if request.method == "POST" else None,
        initial={field: getattr(board, field) for field in EDITABLE_BOARD_FIELDS},
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            update_board(board=board, by=request.user, reason=reason, **data)
        except BoardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{board.name} changed")
            return redirect("partnerships:board", slug=board.slug)
        board.refresh_from_db()
    return render(request, "partnerships/boards/board_edit.html", {"form": form, "board": board})


@staff_only
def member_add(request, slug):
    board = _board(slug)
    form = MemberForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = dict(form.cleaned_data)
        email = data.pop("email")
        user = None
        if email:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None:
                form.add_error("email", "No account has this email address")
        if not form.errors:
            try:
                add_member(board=board, user=user, by=request.user, **data)
            except BoardError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{data['name']} added to {board.name}")
                return redirect("partnerships:board", slug=board.slug)
    return render(request, "partnerships/boards/member_form.html", {"form": form, "board": board})


@staff_only
def declaration_add(request, slug, membership_id):
    board = _board(slug)
    membership = get_object_or_404(Membership, pk=membership_id, board=board)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            declare_interest(membership=membership, by=request.user, **form.cleaned_data)
        except BoardError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Interest recorded for {membership.name}")
            return redirect(reverse("partnerships:board", kwargs={"slug": board.slug}))
    return render(
        request, "partnerships/boards/declaration_form.html", {"form": form, "board": board, "membership": membership}
    )


@staff_only
def member_end(request, slug, membership_id):
    """Ends a current member's term on a date (today unless given), with the reason kept in its history."""
    board = _board(slug)
    membership = get_object_or_404(current_memberships().filter(board=board), pk=membership_id)
    form = EndTermForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            end_term(
                membership=membership,
                on=form.cleaned_data["ends_on"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except BoardError as error:
            form.add_error("ends_on", str(error))
        else:
            messages.success(request, f"The term of {membership.name} ends on {membership.term_ends_on:%-d %B %Y}")
            return redirect("partnerships:board", slug=board.slug)
    return render(
        request, "partnerships/boards/member_end.html", {"form": form, "board": board, "membership": membership}
    )
