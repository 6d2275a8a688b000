"""Demo boards: the Third Sector Partnership Board (18 members, balanced) and the Programme Board, each
with a year of quarterly meetings: agendas with papers, papers circulated (one set late), attendance,
minutes approved at the next meeting, decisions, and actions (some done, some overdue); and the
Partnership Board's forward plan (`demo/forward_plan.py`).

Everything is made through the services, so each record has its history; the demo board member
(board@demo.thirdsector.example) sits on the Partnership Board and so sees its papers.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User

from ..models.boards import Board, BoardKind, MemberRole, Sector
from ..services import boards as board_service
from ..services import meetings as meeting_service
from .forward_plan import load_forward_plan

PARTNERSHIP_MEMBERS = [
    # name, role, organisation, sector
    ("Bernard Lowe", MemberRole.CHAIR, "National Council for Voluntary Organisations", Sector.THIRD_SECTOR),
    ("Amina Yusuf", MemberRole.VICE_CHAIR, "Local Government Association", Sector.LOCAL_GOVERNMENT),
    ("Tom Hughes", MemberRole.MEMBER, "NAVCA", Sector.THIRD_SECTOR),
    ("Grace Mensah", MemberRole.MEMBER, "Black Training and Enterprise Group", Sector.THIRD_SECTOR),
    ("Owen Price", MemberRole.MEMBER, "Wales Council for Voluntary Action", Sector.THIRD_SECTOR),
    ("Helen Barker", MemberRole.MEMBER, "Locality", Sector.THIRD_SECTOR),
    ("Ravi Sharma", MemberRole.MEMBER, "Social Enterprise UK", Sector.THIRD_SECTOR),
    ("Joanne Fletcher", MemberRole.MEMBER, "Co-operatives UK", Sector.THIRD_SECTOR),
    ("Sam Okoro", MemberRole.MEMBER, "Volunteering England", Sector.THIRD_SECTOR),
    ("Lucy Chambers", MemberRole.MEMBER, "Community Matters", Sector.THIRD_SECTOR),
    ("Imran Ali", MemberRole.MEMBER, "Faith Based Regeneration Network", Sector.THIRD_SECTOR),
    ("Claire Dawson", MemberRole.MEMBER, "Leeds City Council", Sector.LOCAL_GOVERNMENT),
    ("Peter Walsh", MemberRole.MEMBER, "Birmingham City Council", Sector.LOCAL_GOVERNMENT),
    ("Nia Roberts", MemberRole.MEMBER, "Cornwall Council", Sector.LOCAL_GOVERNMENT),
    ("Dana Okafor", MemberRole.MEMBER, "The department: Third Sector Directorate", Sector.DEPARTMENT),
    ("Mark Ellison", MemberRole.MEMBER, "The department: Communities Directorate", Sector.DEPARTMENT),
    ("Sarah Green", MemberRole.MEMBER, "The department: Finance", Sector.DEPARTMENT),
    ("Anthony Reid", MemberRole.MEMBER, "The department: Strategy", Sector.DEPARTMENT),
]

PROGRAMME_MEMBERS = [
    ("Mark Ellison", MemberRole.CHAIR, "Delivery of the strategy as a whole"),
    ("Dana Okafor", MemberRole.MEMBER, "Strategic Partners Grant Programme"),
    ("Sarah Green", MemberRole.MEMBER, "Small grants fund and local funders"),
    ("Anthony Reid", MemberRole.MEMBER, "Community Asset Transfer Fund"),
    ("Kate Morrison", MemberRole.MEMBER, "The Compact: consultation, proofing and breaches"),
    ("Julian Frost", MemberRole.MEMBER, "Local partnerships and the duty to involve"),
    ("Ama Boateng", MemberRole.MEMBER, "Measuring progress and community anchors"),
]

AGENDA = ["Minutes of the last meeting and matters arising", "Progress against the strategy", "Any other business"]


@transaction.atomic
def load_boards() -> None:
    if Board.objects.filter(kind=BoardKind.PARTNERSHIP).exists():
        load_forward_plan()  # on a demo loaded before the forward plan existed
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    board_member = User.objects.filter(email="board@demo.thirdsector.example").first()
    today = timezone.localdate()
    term_start = today - datetime.timedelta(days=500)

    partnership = board_service.create_board(
        name="Third Sector Partnership Board",
        kind=BoardKind.PARTNERSHIP,
        remit="Brings the third sector, local government and the department together to oversee the delivery "
        "of the strategy, advise on policy and hold all partners to the Compact.",
        min_third_sector_seats=9,
        min_local_government_seats=3,
        min_department_seats=3,
        by=staff,
    )
    for number, (name, role, organisation, sector) in enumerate(PARTNERSHIP_MEMBERS):
        membership = board_service.add_member(
            board=partnership,
            name=name,
            role=role,
            organisation_name=organisation,
            sector=sector,
            term_starts_on=term_start,
            term_ends_on=term_start + datetime.timedelta(days=3 * 365),
            user=board_member if number == 0 else None,
            by=staff,
        )
        if number % 5 == 1:
            board_service.declare_interest(
                membership=membership,
                interest=f"{organisation} receives a grant from the Strategic Partners Grant Programme",
                declared_on=term_start + datetime.timedelta(days=10),
                by=staff,
            )

    programme = board_service.create_board(
        name="Programme Board",
        kind=BoardKind.PROGRAMME,
        remit="The department's internal board: drives delivery of each strategy commitment, watches milestones, "
        "risks and issues, and reports progress to the Partnership Board.",
        min_members=5,
        max_members=10,
        min_department_seats=5,
        by=staff,
    )
    for name, role, responsible_for in PROGRAMME_MEMBERS:
        board_service.add_member(
            board=programme,
            name=name,
            role=role,
            organisation_name="The department",
            sector=Sector.DEPARTMENT,
            responsible_for=responsible_for,
            term_starts_on=term_start,
            by=staff,
        )

    for board in (partnership, programme):
        _a_year_of_meetings(board, staff, today)
    load_forward_plan()


def _a_year_of_meetings(board: Board, staff, today: datetime.date) -> None:
    # Four past quarterly meetings and one ahead, each at 10am.
    days = [-330, -240, -150, -60, 40]
    meetings = []
    members = list(board.memberships.all())
    for number, offset in enumerate(days):
        day = today + datetime.timedelta(days=offset)
        starts_at = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))
        meeting = meeting_service.schedule_meeting(
            board=board, starts_at=starts_at, location="2 Marsham Street, London SW1P 4DF", by=staff
        )
        for title in AGENDA:
            item = meeting_service.add_agenda_item(meeting=meeting, title=title, by=staff)
            if title.startswith("Progress"):
                meeting_service.upload_paper(
                    agenda_item=item,
                    title=f"Progress report for {day:%B %Y}",
                    file=ContentFile(
                        f"{board.name}: progress report for the meeting of {day:%-d %B %Y}.\n".encode(),
                        name=f"progress-{day:%Y-%m}.txt",
                    ),
                    by=staff,
                )
        if offset > 0:
            meetings.append(meeting)
            continue
        late = number == 2
        # Two weeks ahead is well over the working days required, even around bank holidays.
        sent = day - datetime.timedelta(days=2 if late else 14)
        meeting_service.circulate_papers(
            meeting=meeting,
            on=sent,
            late_reason="The quarter's figures arrived late from the local funders" if late else "",
            by=staff,
        )
        meeting_service.hold_meeting(meeting=meeting, by=staff)
        meeting_service.record_attendance(
            meeting=meeting,
            attendance={m.pk: ("apologies" if i % 6 == 5 else "present") for i, m in enumerate(members)},
            by=staff,
        )
        meeting_service.draft_minutes(
            meeting=meeting,
            minutes=f"The {board.name} met on {day:%-d %B %Y}. Members discussed progress against the strategy "
            "and the risks reported by the Programme Board.",
            by=staff,
        )
        meeting_service.record_decision(
            meeting=meeting,
            text="The progress report was accepted, with the changes agreed at the meeting.",
            agenda_item=meeting.agenda_items.get(position=2),
            by=staff,
        )
        action = meeting_service.record_action(
            meeting=meeting,
            description=f"Circulate the revised delivery plan after the meeting of {day:%-d %B %Y}",
            owner=members[number % len(members)].name,
            due_on=day + datetime.timedelta(days=45),
            by=staff,
        )
        if number < 2:
            meeting_service.complete_action(action=action, on=day + datetime.timedelta(days=30), by=staff)
        if meetings:
            meeting_service.approve_minutes(meeting=meetings[-1], at_meeting=meeting, by=staff)
        meetings.append(meeting)
