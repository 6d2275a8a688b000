"""Reads for boards and meetings, shaped for pages and the API, with who may see what.

The secretariat (department staff and platform admins) sees and changes everything. A board member (a
person with a seat on a board) sees that board's meetings and papers, and no other board's. The public
sees a board's remit, its members' names and organisations, and published (approved) minutes.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from thirdsector.accounts.access import is_staff

from ..models.boards import (
    Action,
    ActionStatus,
    AgendaItem,
    Board,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Sector,
)
from ..services.boards import counted_seats
from ..services.meetings import quorum_of


def current_memberships(on=None) -> QuerySet[Membership]:
    on = on or timezone.localdate()
    return Membership.objects.filter(term_starts_on__lte=on).filter(
        Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=on)
    )


def is_member_of(user, board: Board) -> bool:
    if not user.is_authenticated:
        return False
    return current_memberships().filter(board=board, user=user).exists()


def may_see_papers(user, board: Board) -> bool:
    return is_staff(user) or is_member_of(user, board)


def boards_of(user) -> QuerySet[Board]:
    if not user.is_authenticated:
        return Board.objects.none()
    return Board.objects.filter(pk__in=current_memberships().filter(user=user).values("board_id"))


def boards_for_list() -> QuerySet[Board]:
    today = timezone.localdate()
    current = Q(memberships__term_starts_on__lte=today) & (
        Q(memberships__term_ends_on__isnull=True) | Q(memberships__term_ends_on__gte=today)
    )
    return Board.objects.annotate(
        member_count=Count("memberships", filter=current & ~Q(memberships__role=MemberRole.OBSERVER), distinct=True)
    ).order_by("name")


def board_for_page(slug: str) -> Board:
    return Board.objects.get(slug=slug)


def members_of(board: Board) -> QuerySet[Membership]:
    return current_memberships().filter(board=board).prefetch_related("declarations").order_by("role", "name")


@dataclass(frozen=True)
class BoardFlag:
    text: str


def seat_counts(board: Board) -> dict[str, int]:
    counts = dict.fromkeys(Sector.values, 0)
    for row in counted_seats(board).values("sector").annotate(n=Count("id")):
        counts[row["sector"]] = row["n"]
    return counts


def board_flags(board: Board) -> list[BoardFlag]:
    """What is wrong with the board's make-up today: too few members, too few seats for a sector."""
    flags = []
    size = counted_seats(board).count()
    if size < board.min_members:
        flags.append(BoardFlag(f"The board has {size} members, below its minimum of {board.min_members}"))
    counts = seat_counts(board)
    for sector, minimum in board.minimum_seats().items():
        if counts.get(sector, 0) < minimum:
            flags.append(
                BoardFlag(
                    f"The board is unbalanced: {counts.get(sector, 0)} {Sector(sector).label.lower()} seats, "
                    f"below the minimum of {minimum}"
                )
            )
    return flags


def meetings_of(board: Board) -> QuerySet[Meeting]:
    return board.meetings.select_related("board").order_by("-starts_at")


def published_minutes(board: Board | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(status=MeetingStatus.MINUTES_APPROVED).select_related(
        "board", "minutes_approved_at"
    )
    if board is not None:
        meetings = meetings.filter(board=board)
    return meetings.order_by("-starts_at")


def meeting_for_page(pk: int) -> Meeting:
    return Meeting.objects.select_related("board", "minutes_approved_at").get(pk=pk)


def agenda_of(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda_items.prefetch_related("papers")


def attendance_of(meeting: Meeting) -> list[tuple[Membership, str]]:
    recorded = {record.membership_id: record.attendance for record in meeting.attendance.all()}
    members = current_memberships(meeting.meeting_date).filter(board=meeting.board).order_by("role", "name")
    return [(member, recorded.get(member.pk, "")) for member in members]


def quorum_for(meeting: Meeting) -> dict:
    present = meeting.attendance.filter(attendance="present").exclude(membership__role=MemberRole.OBSERVER).count()
    needed = quorum_of(meeting.board)
    return {"present": present, "needed": needed, "quorate": present >= needed}


def actions_of(board: Board) -> QuerySet[Action]:
    return Action.objects.filter(meeting__board=board).select_related("meeting", "meeting__board")


def overdue_actions(today=None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return (
        Action.objects.filter(status=ActionStatus.OPEN, due_on__lt=today)
        .select_related("meeting", "meeting__board")
        .order_by("due_on", "id")
    )


def board_with_members_for_api() -> QuerySet[Board]:
    return Board.objects.prefetch_related(
        Prefetch("memberships", queryset=current_memberships().order_by("role", "name"), to_attr="current_members")
    )
