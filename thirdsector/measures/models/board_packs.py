"""Quarterly progress packs for the Third Sector Partnership Board, kept as immutable snapshots.

A pack covers one quarter of a financial year (April to March, named by the year it starts in, as the
indicators counted by financial year are), because the department plans and reports to the board by
financial quarter. It is assembled in the background from the indicators, the Programme Board's plan
and the Compact statistics (`services.board_packs.generate_pack`), and moves

    queued → generating → ready        (or → failed, with the error)

It only ever moves forward. A worker records when it started and a sign of progress (`progress_at`) at
each step; a pack waiting or generating with no progress for MEASURES_BOARD_PACK_STALLED_AFTER_MINUTES
is stalled (its worker most likely died), and staff may "try again": the stalled pack is marked failed
and the quarter's pack is queued again as a new version (see `try_again`).

Once ready, its content (the snapshot of figures, the HTML as rendered, the PDF and their SHA-256) is
frozen: saving or deleting a ready pack raises `BoardPackFrozen`. Asking again for the same quarter
makes a new version; earlier versions are kept.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import transition
from simple_history.models import HistoricalRecords

from thirdsector.accounts.access import is_staff
from thirdsector.core.state_field import StateField
from thirdsector.core.workflow import by_the_system, guard, permission

QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}


@dataclass(frozen=True)
class Quarter:
    """A quarter of a financial year; `year` is the year the financial year starts in (April)."""

    year: int
    number: int

    @classmethod
    def containing(cls, day: datetime.date) -> "Quarter":
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def starts_on(self) -> datetime.date:
        month = 4 + 3 * (self.number - 1)
        return datetime.date(self.year + month // 13, (month - 1) % 12 + 1, 1)

    @property
    def ends_on(self) -> datetime.date:
        return self.next().starts_on - datetime.timedelta(days=1)

    @property
    def year_starts_on(self) -> datetime.date:
        return datetime.date(self.year, 4, 1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def year_label(self) -> str:
        return f"{self.year} to {self.year + 1}"

    @property
    def months(self) -> str:
        return f"{QUARTER_MONTHS[self.number]} {self.ends_on.year}"

    def __str__(self) -> str:
        return f"Quarter {self.number} of {self.year_label} ({self.months})"


class BoardPackFrozen(Exception):
    """A ready pack is a record of what the board was sent: it is never changed or deleted."""


class BoardPackStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    GENERATING = "generating", "Generating"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


@permission("department staff and platform admins")
def by_staff(pack, user) -> bool:
    return user is not None and is_staff(user)


@guard("Only a stalled pack can be tried again: this one is still making progress.")
def stalled(pack) -> bool:
    return pack.is_stalled()


def pack_pdf_path(pack: "BoardPack", filename: str) -> str:
    return f"board-packs/{pack.board.slug}/{filename}"


class BoardPack(models.Model):
    board = models.ForeignKey("partnerships.Board", on_delete=models.PROTECT, related_name="board_packs")
    year = models.PositiveSmallIntegerField(
        help_text="The financial year, named by the year it starts in: 2026 is April 2026 to March 2027"
    )
    quarter = models.PositiveSmallIntegerField(choices=list(QUARTER_MONTHS.items()))
    version = models.PositiveSmallIntegerField(help_text="1 for the first pack of the quarter, then 2, 3, ...")
    status = StateField(max_length=10, choices=BoardPackStatus.choices, default=BoardPackStatus.QUEUED)
    step_number = models.PositiveSmallIntegerField(default=0, help_text="The step being worked on; 0 before it starts")
    step_count = models.PositiveSmallIntegerField(default=0)
    step_text = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True, help_text="Why the generation failed")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_packs_requested"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(help_text="Why this pack (or this new version) was asked for")
    as_of = models.DateField(null=True, blank=True, help_text="The day the figures stand at")
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker started generating it")
    progress_at = models.DateTimeField(
        default=timezone.now, help_text="The last sign of progress: asked for, started, or a step begun"
    )
    retried_as = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retry_of",
        help_text="The version queued when staff tried this stalled pack again",
    )  # fmt: skip
    generated_at = models.DateTimeField(null=True, blank=True)
    content = models.JSONField(null=True, blank=True, help_text="The figures as they were when it was generated")
    html = models.TextField(blank=True, help_text="The pack as rendered; the page shows exactly this")
    html_sha256 = models.CharField("SHA-256 of the HTML", max_length=64, blank=True)
    pdf = models.FileField("PDF", upload_to=pack_pdf_path, blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)

    # The content is frozen once ready, so the history need not copy it on every save.
    history = HistoricalRecords(excluded_fields=["content", "html"])

    class Meta:
        ordering = ["-year", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year", "quarter", "version"], name="board_pack_version_once"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="board_pack_quarter_1_to_4"
            ),
        ]
        indexes = [models.Index(fields=["-year", "-quarter", "-version"], name="board_pack_newest_idx")]

    def __str__(self) -> str:
        return f"{self.board}: {self.period}, version {self.version}"

    def save(self, *args, **kwargs):
        if self._stored_as_ready():
            raise BoardPackFrozen("A ready board pack cannot be changed: ask for a new version of the pack instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("measures:board-pack", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self._stored_as_ready():
            raise BoardPackFrozen("A ready board pack is kept: it is the record of what the board was sent.")
        return super().delete(*args, **kwargs)

    def _stored_as_ready(self) -> bool:
        if self.pk is None:
            return False
        return type(self)._default_manager.filter(pk=self.pk, status=BoardPackStatus.READY).exists()

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def title(self) -> str:
        return f"Quarterly progress pack: quarter {self.quarter} of {self.period.year_label}"

    @property
    def is_ready(self) -> bool:
        return self.status == BoardPackStatus.READY

    def is_stalled(self, now: datetime.datetime | None = None) -> bool:
        """Waiting or generating with no progress for longer than MEASURES_BOARD_PACK_STALLED_AFTER_MINUTES.

        A worker that dies mid-generation leaves the pack "Generating" for ever; this is how staff see it.
        """
        if self.status not in (BoardPackStatus.QUEUED, BoardPackStatus.GENERATING):
            return False
        allowed = datetime.timedelta(minutes=settings.MEASURES_BOARD_PACK_STALLED_AFTER_MINUTES)
        return (now or timezone.now()) - self.progress_at > allowed

    @property
    def progress_text(self) -> str:
        """Where the generation has got to, as the pack's page says it: "Step 2 of 4: Programme Board plan"."""
        if self.status == BoardPackStatus.QUEUED:
            return "Waiting to start"
        return f"Step {self.step_number} of {self.step_count}: {self.step_text}"

    @property
    def pdf_filename(self) -> str:
        return f"{self.board.slug}-{self.year}-q{self.quarter}-v{self.version}.pdf"

    @transition(
        status, source=BoardPackStatus.QUEUED, target=BoardPackStatus.GENERATING,
        permission=by_the_system, custom={"label": "start generating"},
    )  # fmt: skip
    def start(self, *, by, as_of: datetime.date):
        self.as_of = as_of
        self.started_at = self.progress_at = timezone.now()

    @transition(
        status, source=BoardPackStatus.GENERATING, target=BoardPackStatus.READY,
        permission=by_the_system, custom={"label": "mark as ready"},
    )  # fmt: skip
    def finish(self, *, by):
        self.generated_at = timezone.now()
        self.step_text = "Done"

    @transition(
        status, source=[BoardPackStatus.QUEUED, BoardPackStatus.GENERATING], target=BoardPackStatus.FAILED,
        permission=by_the_system, custom={"label": "record the failure"},
    )  # fmt: skip
    def fail(self, *, by, error: str):
        self.error = error

    @transition(
        status, source=[BoardPackStatus.QUEUED, BoardPackStatus.GENERATING], target=BoardPackStatus.FAILED,
        permission=by_staff, conditions=[stalled], custom={"label": "try again"},
    )  # fmt: skip
    def try_again(self, *, by, retried_as: "BoardPack"):
        """Gives up on a stalled pack, pointing at the version that replaces it.

        The pack fails rather than going back to the queue, so a status only ever moves forward: a
        worker thought dead that wakes up finds its pack no longer generating and stops (see
        `services.board_packs`), and each version stays one attempt, with its own start, as a failed
        generation already is. Nothing was kept from the stalled attempt, so nothing frozen is lost.
        """
        last = timezone.localtime(self.progress_at)
        self.error = (
            f"It stopped making progress (last at {last:%-d %B %Y, %H:%M}) and was tried again "
            f"as version {retried_as.version}."
        )
        self.retried_as = retried_as
