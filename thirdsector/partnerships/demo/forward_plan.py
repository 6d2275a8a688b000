"""Demo forward plan of the Third Sector Partnership Board: items for its next meetings and for quarters
with no meeting yet, one kept as a draft, one taken at its last meeting, one deferred with the reason and
one withdrawn.

Made through the services (so each item has its history), after the demo boards; it schedules the
meeting after next, so an item can be deferred to it. Loads once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User

from ..models.boards import Board, BoardKind
from ..models.forward_plan import ForwardPlanItem, ItemKind, quarter_end, quarter_start
from ..selectors.forward_plan import meetings_taken_place, meetings_to_come
from ..services import forward_plan as service
from ..services import meetings as meeting_service

NEXT_MEETING_ITEMS = [
    # topic, description, lead, kind
    (
        "Annual review of the Compact",
        "How public bodies kept to the Compact this year: consultations, proofing and the breaches raised.",
        "Bernard Lowe (Chair)",
        ItemKind.DECISION,
    ),
    (
        "Small grants through local funders: the first year",
        "What local funders gave, to whom, and what the groups said about applying.",
        "Sarah Green",
        ItemKind.DISCUSSION,
    ),
    (
        "Strategy indicators: the quarter's figures",
        "The national indicators the strategy is measured by, for information before the annual report.",
        "Dana Okafor",
        ItemKind.INFORMATION,
    ),
]


@transaction.atomic
def load_forward_plan() -> None:
    board = Board.objects.filter(kind=BoardKind.PARTNERSHIP).order_by("pk").first()
    if board is None or ForwardPlanItem.objects.filter(board=board).exists():
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    today = timezone.localdate()
    coming = list(meetings_to_come(board))
    if not coming:
        return
    next_meeting = coming[0]
    if len(coming) < 2:
        day = next_meeting.meeting_date + datetime.timedelta(days=91)
        coming.append(
            meeting_service.schedule_meeting(
                board=board,
                starts_at=timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10)),
                location="2 Marsham Street, London SW1P 4DF",
                by=staff,
            )
        )
    meeting_after = coming[1]

    for title, description, lead, kind in NEXT_MEETING_ITEMS:
        service.plan_item(
            board=board,
            title=title,
            description=description,
            lead=lead,
            kind=kind,
            meeting=next_meeting,
            published=True,
            by=staff,
        )
    service.plan_item(
        board=board,
        title="Membership: appointments when terms end",
        description="Draft: the secretariat is still agreeing the timetable with the Chair.",
        lead="The secretariat",
        kind=ItemKind.DECISION,
        meeting=next_meeting,
        published=False,
        by=staff,
    )

    # Two quarters beyond the meeting after next, where no meeting is in the diary yet.
    later_quarter = quarter_end(quarter_start(meeting_after.meeting_date)) + datetime.timedelta(days=1)
    service.plan_item(
        board=board,
        title="Response to the volunteering strategy consultation",
        description="The board's joint response, agreed with local government members.",
        lead="Amina Yusuf (Vice-chair)",
        kind=ItemKind.DECISION,
        quarter_starts_on=later_quarter,
        published=True,
        by=staff,
    )
    service.plan_item(
        board=board,
        title="Review of the board's effectiveness",
        description="An independent review of how the board works, one year on.",
        lead="Anthony Reid",
        kind=ItemKind.DISCUSSION,
        quarter_starts_on=quarter_end(later_quarter) + datetime.timedelta(days=1),
        published=True,
        by=staff,
    )

    deferred = service.plan_item(
        board=board,
        title="Community assets: the transfer fund's pipeline",
        description="Which transfers are likely in the coming year and what support groups need.",
        lead="Helen Barker",
        kind=ItemKind.DISCUSSION,
        meeting=next_meeting,
        published=True,
        by=staff,
    )
    service.defer_item(
        item=deferred,
        to_meeting=meeting_after,
        reason="The fund's annual figures are not ready until after the next meeting.",
        by=staff,
    )

    withdrawn = service.plan_item(
        board=board,
        title="Regional infrastructure review",
        lead="Tom Hughes",
        kind=ItemKind.INFORMATION,
        meeting=next_meeting,
        published=True,
        by=staff,
    )
    service.withdraw_item(item=withdrawn, reason="Taken into the Compact annual review instead.", by=staff)

    held = meetings_taken_place(board).first()
    if held is not None:
        taken = service.plan_item(
            board=board,
            title="Progress against the strategy",
            description="The Programme Board's quarterly progress report.",
            lead="Mark Ellison",
            kind=ItemKind.DISCUSSION,
            quarter_starts_on=today,
            published=True,
            by=staff,
        )
        service.take_item(item=taken, at_meeting=held, by=staff)
