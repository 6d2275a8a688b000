"""A board's forward plan: the items it will take at its coming meetings, published for anyone to see.

An item is planned for a future meeting of its board or, while no meeting is scheduled, for a financial
quarter (April–June, July–September, October–December, January–March). `planned_on` is the meeting's date
or the quarter's first day, so the plan sorts in date order either way. An item moves

    planned → taken (at a meeting, recorded)
    planned → deferred (to a later meeting, with the reason) → taken / deferred again / withdrawn
    planned → withdrawn (with the reason)

A deferred item is still to be taken: it stays on the published plan under its new meeting. Staff may
keep an item unpublished (a draft) until it is ready to be seen. Steps are taken only through
`thirdsector.core.workflow.take`, by the secretariat, as for meetings.
"""

import datetime

from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.core.state_field import StateField

from .boards import Board, Meeting, MeetingStatus, by_the_secretariat

QUARTER_MONTHS = {4: ("April", "June"), 7: ("July", "September"), 10: ("October", "December"), 1: ("January", "March")}


def quarter_start(day: datetime.date) -> datetime.date:
    """The first day of the financial quarter `day` falls in."""
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(starts_on: datetime.date) -> datetime.date:
    month = starts_on.month + 3
    year = starts_on.year + (month > 12)
    return datetime.date(year, (month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)


def quarter_label(starts_on: datetime.date) -> str:
    """'July to September 2027 (Q2 2027–28)': the months people say, then the financial quarter."""
    first, last = QUARTER_MONTHS[starts_on.month]
    year = starts_on.year if starts_on.month >= 4 else starts_on.year - 1
    number = (starts_on.month - 4) % 12 // 3 + 1
    return f"{first} to {last} {starts_on.year} (Q{number} {year}–{(year + 1) % 100:02d})"


class ItemKind(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    TAKEN = "taken", "Taken"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"


STILL_TO_BE_TAKEN = (ItemStatus.PLANNED, ItemStatus.DEFERRED)
# A meeting an item may be planned or deferred to: one not yet held.
NOT_YET_HELD = (MeetingStatus.PLANNED, MeetingStatus.PAPERS_CIRCULATED)


class ForwardPlanItem(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="forward_plan_items")
    title = models.CharField("topic", max_length=300)
    description = models.TextField(blank=True)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forward_plan_items",
        help_text="The meeting it is planned for; empty while it is planned for a quarter",
    )
    planned_on = models.DateField(help_text="The meeting's date, or the first day of the quarter it is planned for")
    lead = models.CharField(max_length=200, help_text="The board member or official who brings the item")
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.DISCUSSION)
    published = models.BooleanField(default=False)
    status = StateField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    taken_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="forward_plan_items_taken"
    )
    deferral_reason = models.TextField(blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = "forward plan item"
        indexes = [models.Index(fields=["planned_on", "id"], name="forward_plan_planned_on_id")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="taken") | models.Q(taken_at__isnull=False),
                name="forward_plan_taken_at_a_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_still_to_be_taken(self) -> bool:
        return self.status in STILL_TO_BE_TAKEN

    @property
    def planned_for(self) -> str:
        """The meeting or the quarter, in words."""
        if self.meeting_id:
            return f"Meeting of {timezone.localtime(self.meeting.starts_at):%-d %B %Y}"
        return quarter_label(self.planned_on)

    @property
    def planned_until(self) -> datetime.date:
        """The last day the item is planned for: the meeting's date, or the quarter's last day."""
        return self.planned_on if self.meeting_id else quarter_end(self.planned_on)

    @transition(
        field=status,
        source=list(STILL_TO_BE_TAKEN),
        target=ItemStatus.TAKEN,
        permission=by_the_secretariat,
        custom={"label": "Record as taken"},
    )
    def take(self, *, by, at_meeting: Meeting):
        self.taken_at = at_meeting

    @transition(
        field=status,
        source=list(STILL_TO_BE_TAKEN),
        target=ItemStatus.DEFERRED,
        permission=by_the_secretariat,
        custom={"label": "Defer to a later meeting"},
    )
    def defer(self, *, by, to_meeting: Meeting, why: str):
        self.meeting = to_meeting
        self.planned_on = to_meeting.meeting_date
        self.deferral_reason = why

    @transition(
        field=status,
        source=list(STILL_TO_BE_TAKEN),
        target=ItemStatus.WITHDRAWN,
        permission=by_the_secretariat,
        custom={"label": "Withdraw"},
    )
    def withdraw(self, *, by, why: str):
        self.withdrawal_reason = why
