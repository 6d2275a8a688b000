"""Boards and their meetings: who sits on them, when they meet, the papers, minutes, decisions and actions.

A board has a size range and a balance of seats per sector, copied from settings when it is created so
a later change of policy does not rewrite a board already set up. A meeting moves

    planned → papers circulated → held → minutes approved

Papers go out at least PARTNERSHIP_PAPERS_WORKING_DAYS working days before (later is allowed but
flagged "late papers" with a reason). Minutes are drafted after the meeting and approved at a LATER
meeting of the same board; the approval records that meeting, and approved minutes are public.
Steps are taken only through `thirdsector.core.workflow.take`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import is_staff
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import guard, permission


def default_min_members() -> int:
    return settings.PARTNERSHIP_BOARD_MIN_MEMBERS


def default_max_members() -> int:
    return settings.PARTNERSHIP_BOARD_MAX_MEMBERS


class BoardKind(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership board"
    PROGRAMME = "programme", "Programme board"
    OTHER = "other", "Other"


class Sector(models.TextChoices):
    THIRD_SECTOR = "third_sector", "Third sector"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    DEPARTMENT = "department", "Department"


class Board(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=BoardKind.choices, default=BoardKind.PARTNERSHIP)
    remit = models.TextField()
    min_members = models.PositiveSmallIntegerField("minimum members", default=default_min_members)
    max_members = models.PositiveSmallIntegerField("maximum members", default=default_max_members)
    min_third_sector_seats = models.PositiveSmallIntegerField("minimum third sector seats", default=0)
    min_local_government_seats = models.PositiveSmallIntegerField("minimum local government seats", default=0)
    min_department_seats = models.PositiveSmallIntegerField("minimum department seats", default=0)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_members__lte=models.F("max_members")), name="board_min_not_above_max"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def minimum_seats(self) -> dict[str, int]:
        return {
            Sector.THIRD_SECTOR: self.min_third_sector_seats,
            Sector.LOCAL_GOVERNMENT: self.min_local_government_seats,
            Sector.DEPARTMENT: self.min_department_seats,
        }


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class Membership(models.Model):
    """A seat on a board. Observers do not count towards the size or the balance of seats."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_seats"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    responsible_for = models.CharField(
        max_length=300, blank=True, help_text="On the Programme Board: the part of the strategy this official owns"
    )
    term_starts_on = models.DateField()
    term_ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.board})"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.term_starts_on <= on and (self.term_ends_on is None or self.term_ends_on >= on)


class Declaration(models.Model):
    """A declared interest of a board member, dated."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="declarations")
    declared_on = models.DateField()
    interest = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_on", "-id"]

    def __str__(self) -> str:
        return f"{self.membership.name}: {self.interest}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    PAPERS_CIRCULATED = "papers_circulated", "Papers circulated"
    HELD = "held", "Held"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"


@permission("the secretariat (department staff and platform admins)")
def by_the_secretariat(meeting, user) -> bool:
    return user is not None and is_staff(user)


@guard("Draft the minutes before they are approved.")
def minutes_drafted(meeting) -> bool:
    return bool(meeting.minutes.strip())


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=300)
    status = StateField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    papers_circulated_on = models.DateField(null=True, blank=True)
    papers_late = models.BooleanField(default=False)
    late_papers_reason = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    minutes_approved_at = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="approved_minutes_of"
    )
    minutes_published_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.board} – {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def meeting_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def minutes_are_published(self) -> bool:
        return self.status == MeetingStatus.MINUTES_APPROVED

    @transition(
        field=status,
        source=MeetingStatus.PLANNED,
        target=MeetingStatus.PAPERS_CIRCULATED,
        permission=by_the_secretariat,
        custom={"label": "Circulate papers"},
    )
    def circulate_papers(self, *, by, on, late: bool, late_reason: str = ""):
        self.papers_circulated_on = on
        self.papers_late = late
        self.late_papers_reason = late_reason

    @transition(
        field=status,
        source=[MeetingStatus.PLANNED, MeetingStatus.PAPERS_CIRCULATED],
        target=MeetingStatus.HELD,
        permission=by_the_secretariat,
        custom={"label": "Record the meeting as held"},
    )
    def hold(self, *, by):
        pass

    @transition(
        field=status,
        source=MeetingStatus.HELD,
        target=MeetingStatus.MINUTES_APPROVED,
        permission=by_the_secretariat,
        conditions=[minutes_drafted],
        custom={"label": "Approve the minutes"},
    )
    def approve_minutes(self, *, by, at_meeting, on):
        self.minutes_approved_at = at_meeting
        self.minutes_published_on = on


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Paper(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="partnerships/papers/%Y/")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class AttendanceRecord(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendance")
    attendance = models.CharField(max_length=20, choices=Attendance.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.membership.name}: {self.get_attendance_display()}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class Action(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today=None) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < (today or timezone.localdate())
