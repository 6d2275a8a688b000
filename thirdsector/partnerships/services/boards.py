"""Writes for boards: setting a board up, seats on it and declared interests.

The size rule (a board's maximum members) is enforced here: a seat beyond the maximum is refused with
the reason. A board below its minimum or short of a sector's seats is allowed but flagged on its page
(`selectors.boards.board_flags`), since boards fall short between appointments.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from thirdsector.core.audit import attribute

from ..models.boards import Board, BoardKind, Declaration, MemberRole, Membership


class BoardError(Exception):
    """A change to a board refused, with the reason in words for the secretariat."""


def counted_seats(board: Board, on: date | None = None):
    """Current seats that count towards size and balance (observers do not)."""
    on = on or timezone.localdate()
    seats = board.memberships.exclude(role=MemberRole.OBSERVER).filter(term_starts_on__lte=on)
    return seats.exclude(term_ends_on__lt=on)


@transaction.atomic
def create_board(*, name: str, kind: str = BoardKind.PARTNERSHIP, remit: str, by=None, **fields) -> Board:
    board = Board(name=name, slug=slugify(name)[:200], kind=kind, remit=remit, **fields)
    if board.min_members > board.max_members:
        raise BoardError("The minimum number of members cannot be more than the maximum")
    attribute(board, by=by, reason="Board set up")
    board.save()
    return board


@transaction.atomic
def update_board(*, board: Board, by, reason: str = "Board changed", **fields) -> Board:
    for field, value in fields.items():
        setattr(board, field, value)
    if board.min_members > board.max_members:
        raise BoardError("The minimum number of members cannot be more than the maximum")
    attribute(board, by=by, reason=reason)
    board.save()
    return board


@transaction.atomic
def add_member(
    *,
    board: Board,
    name: str,
    sector: str,
    term_starts_on: date,
    role: str = MemberRole.MEMBER,
    user=None,
    organisation_name: str = "",
    responsible_for: str = "",
    term_ends_on: date | None = None,
    by=None,
) -> Membership:
    """Gives `name` a seat on `board`; refused when the board already has its maximum members."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if term_ends_on and term_ends_on < term_starts_on:
        raise BoardError("The end of the term must be after its start")
    if role != MemberRole.OBSERVER and counted_seats(board, term_starts_on).count() >= board.max_members:
        raise BoardError(
            f"{board.name} already has its maximum of {board.max_members} members: "
            "end a member's term before adding another"
        )
    if user is not None and board.memberships.filter(user=user).exclude(term_ends_on__lt=term_starts_on).exists():
        raise BoardError(f"{user} already has a seat on {board.name}")
    membership = Membership(
        board=board,
        user=user,
        name=name,
        role=role,
        sector=sector,
        organisation_name=organisation_name,
        responsible_for=responsible_for,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
    )
    attribute(membership, by=by, reason="Member added")
    membership.save()
    return membership


@transaction.atomic
def end_term(*, membership: Membership, on: date, by, reason: str = "Term ended") -> Membership:
    if on < membership.term_starts_on:
        raise BoardError("A term cannot end before it starts")
    membership.term_ends_on = on
    attribute(membership, by=by, reason=reason)
    membership.save()
    return membership


@transaction.atomic
def declare_interest(*, membership: Membership, interest: str, declared_on: date, by=None) -> Declaration:
    if not interest.strip():
        raise BoardError("Describe the interest declared")
    declaration = Declaration(membership=membership, interest=interest.strip(), declared_on=declared_on)
    attribute(declaration, by=by, reason="Interest declared")
    declaration.save()
    return declaration
