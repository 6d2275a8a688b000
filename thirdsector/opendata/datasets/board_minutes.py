"""Approved minutes of the Partnership Board and the Programme Board, with their meeting dates.

Only minutes approved at a later meeting are published (`published_minutes`); drafts, papers,
attendance and declared interests stay with the secretariat and the board's members.
"""

from collections.abc import Iterator

from django.conf import settings

from thirdsector.partnerships.models.boards import Meeting, MeetingStatus
from thirdsector.partnerships.selectors.boards import published_minutes

from . import Column, Dataset
from ._common import latest_change, page_path

COLUMNS = (
    Column("id", "integer", "The meeting's number on this site"),
    Column("board", "string", "The board that met"),
    Column("board_kind", "string", "Partnership board, Programme board or Other"),
    Column("meeting_date", "date", "The day of the meeting"),
    Column("location", "string", "Where it met"),
    Column("approved_at_meeting_date", "date", "The day of the later meeting that approved the minutes"),
    Column("published_on", "date", "The day the minutes were published"),
    Column("minutes", "string", "The approved minutes"),
    Column("decisions", "string", "The decisions recorded, one per line"),
    Column("url", "string", "The minutes' page on this site"),
)


def rows() -> Iterator[tuple]:
    path = page_path("partnerships:minutes-detail")
    meetings = published_minutes().prefetch_related("decisions")
    for meeting in meetings.iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        approved_at = meeting.minutes_approved_at
        yield (
            meeting.pk,
            meeting.board.name,
            meeting.board.get_kind_display(),
            meeting.meeting_date,
            meeting.location,
            approved_at.meeting_date if approved_at else None,
            meeting.minutes_published_on,
            meeting.minutes,
            "\n".join(decision.text for decision in meeting.decisions.all()),
            path.format(id=meeting.pk),
        )


def updated_at():
    return latest_change(Meeting.history.filter(status=MeetingStatus.MINUTES_APPROVED))


DATASET = Dataset(
    slug="board-minutes",
    title="Board minutes",
    description="The approved minutes of the Third Sector Partnership Board and the Programme Board, with the "
    "dates of the meetings and the decisions taken.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="partnerships:minutes",
    api_links=(
        ("JSON (API): boards", "partnerships_api:board-list"),
        ("JSON (API): minutes", "partnerships_api:minutes-list"),
    ),
)
