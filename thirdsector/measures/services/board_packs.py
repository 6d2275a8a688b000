"""Board packs: asking for one, and generating it in the background as a frozen snapshot.

`request_pack` records who asked for which quarter and why, as a new version, and queues
`tasks.board_packs.generate_board_pack`. `generate_pack` then assembles the figures as they are at that
moment (`selectors.board_packs`), renders the HTML once and the PDF from that same HTML, and stores
both with their SHA-256; the pack's page serves the stored HTML and never recomputes it. Each step's
progress is written to the pack as it starts, with the time (`progress_at`), so its page can say how far
it has got and staff can see a pack whose worker died (stalled) and `try_again`.

Two workers may be handed the same pack (a task retried, or a worker thought dead waking up). A worker
claims the pack by moving it from queued to generating under a row lock; the loser finds it no longer
queued and leaves it. Each step and the finish check, under the same lock or in the same UPDATE, that
the pack is still generating, so a worker whose pack was given up on (`try_again`) stops and writes
nothing.

The PDF is PDF/UA-1 (tagged, with its language and title) from WeasyPrint, imported only when a PDF
is made so the rest of the site runs where Pango is not installed.
"""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, refusal, take
from thirdsector.partnerships.models.boards import BoardKind
from thirdsector.partnerships.reports import RAG_LABELS, report_for_display

from ..models import BoardPack, BoardPackStatus, Quarter
from ..selectors import board_packs as selectors

logger = logging.getLogger(__name__)

# The steps of a generation, in order; the pack's page shows "Step 2 of 4: Programme Board plan".
STEPS = ("Indicators", "Programme Board plan", "Compact statistics", "The HTML and the PDF")
LANGUAGE = "en-GB"
CONTENT_TEMPLATE = "measures/board_packs/content.html"
PDF_TEMPLATE = "measures/board_packs/pdf.html"


class BoardPackError(Exception):
    """A pack that cannot be asked for, said in words a person can act on."""


class GenerationAbandoned(Exception):
    """The pack stopped being this worker's to generate (another claimed it, or staff tried it again)."""


def request_pack(*, by, board, year: int, quarter: int, reason: str, today: datetime.date | None = None) -> BoardPack:
    """Queues a pack for the board's quarter: version 1, or the next version if the quarter has packs."""
    from ..tasks.board_packs import generate_board_pack

    today = today or timezone.localdate()
    if not reason.strip():
        raise BoardPackError("Say why the pack is needed")
    if quarter not in (1, 2, 3, 4):
        raise BoardPackError("The quarter must be 1, 2, 3 or 4")
    if board.kind != BoardKind.PARTNERSHIP:
        raise BoardPackError("Progress packs are for a partnership board")
    if Quarter(year, quarter).starts_on > today:
        raise BoardPackError(f"{Quarter(year, quarter)} has not started yet: choose a quarter that has")
    with transaction.atomic():
        pack = _queue_version(board=board, year=year, quarter=quarter, by=by, reason=reason.strip())
    # Enqueued after the pack is saved; with the database backend the task row commits with any
    # transaction the caller holds, so the worker never looks for a pack that is not there yet.
    generate_board_pack.enqueue(pack.pk)
    pack.refresh_from_db()
    return pack


def _queue_version(*, board, year: int, quarter: int, by, reason: str) -> BoardPack:
    """Saves the quarter's next version, queued; the caller holds the transaction and enqueues the task."""
    versions = BoardPack.objects.filter(board=board, year=year, quarter=quarter)
    latest = versions.aggregate(latest=Max("version"))["latest"] or 0
    pack = BoardPack(
        board=board,
        year=year,
        quarter=quarter,
        version=latest + 1,
        requested_by=by,
        reason=reason,
        step_count=len(STEPS),
    )
    attribute(pack, by=by, reason=reason).save()
    return pack


def try_again(*, pack: BoardPack, by, reason: str) -> BoardPack:
    """Gives up on a stalled pack (it fails, with why) and queues the quarter's pack again as a new version.

    A new version rather than the same pack queued again, because versions only move forward: each is
    one attempt, as a failed generation already is, and a worker thought dead that wakes up finds its
    pack failed and stops instead of racing the new attempt. Returns the new version.
    """
    from ..tasks.board_packs import generate_board_pack

    if not reason.strip():
        raise BoardPackError("Say why the pack is being tried again")
    with transaction.atomic():
        _lock(pack)
        problem = refusal(pack, "try_again", by)
        if problem:
            raise TransitionRefused(problem)
        retry = _queue_version(board=pack.board, year=pack.year, quarter=pack.quarter, by=by, reason=reason.strip())
        take(pack, "try_again", by=by, reason=reason.strip(), retried_as=retry)
    generate_board_pack.enqueue(retry.pk)
    retry.refresh_from_db()
    return retry


def _lock(pack: BoardPack) -> None:
    """Locks the pack's row until the transaction ends and reloads `pack` as it is now, status and all."""
    pack.refresh_from_db(from_queryset=BoardPack.objects.select_for_update())


def _step(pack: BoardPack, number: int) -> None:
    """Records the step being started and the time, if the pack is still generating; otherwise stops.

    One UPDATE that checks the status, so it cannot write to a pack given up on; not an audited change,
    so it is left out of the pack's history.
    """
    pack.step_number, pack.step_text, pack.progress_at = number, STEPS[number - 1], timezone.now()
    still_generating = BoardPack.objects.filter(pk=pack.pk, status=BoardPackStatus.GENERATING)
    if not still_generating.update(step_number=number, step_text=pack.step_text, progress_at=pack.progress_at):
        raise GenerationAbandoned(f"Board pack {pack.pk} is no longer generating")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def for_template(pack: BoardPack, snapshot: dict) -> dict:
    """The snapshot with dates as dates and RAG labels, for the pack's template."""
    programme = report_for_display(snapshot["programme"])
    for key in ("milestones_done", "milestones_overdue", "milestones_due"):
        for milestone in programme[key]:
            milestone["rag_label"] = RAG_LABELS[milestone["rag"]]
    programme["milestone_groups"] = [
        ("Milestones done in the quarter", programme["milestones_done"]),
        (f"Milestones overdue on {programme['as_of']:%-d %B %Y}", programme["milestones_overdue"]),
        (f"Milestones due in the next {programme['due_within_days']} days", programme["milestones_due"]),
    ]
    compact = snapshot["compact"]
    return {
        "title": pack.title,
        "board": snapshot["board"],
        "period": snapshot["period"],
        "as_of": datetime.date.fromisoformat(snapshot["as_of"]),
        "assembled_at": datetime.datetime.fromisoformat(snapshot["assembled_at"]),
        "version": pack.version,
        "indicators": snapshot["indicators"],
        "programme": programme,
        "compact": {
            **compact,
            "periods": [
                {
                    **compact[key],
                    "name": name,
                    "starts_on": datetime.date.fromisoformat(compact[key]["starts_on"]),
                    "ends_on": datetime.date.fromisoformat(compact[key]["ends_on"]),
                }
                for key, name in (("quarter", "the quarter"), ("year_to_date", "the year to date"))
            ],
        },
    }


def render_pdf(html: str, *, title: str) -> bytes:
    """The pack's HTML as a tagged PDF (PDF/UA-1) with its own print stylesheet: A4, numbered pages."""
    import weasyprint

    document = render_to_string(PDF_TEMPLATE, {"body": html, "title": title, "language": LANGUAGE})
    return weasyprint.HTML(string=document).write_pdf(pdf_variant="pdf/ua-1")


def _assemble(pack: BoardPack, as_of: datetime.date) -> tuple[dict, str, bytes]:
    quarter = pack.period
    snapshot = {
        "board": pack.board.name,
        "period": str(quarter),
        "as_of": as_of.isoformat(),
        "assembled_at": timezone.now().isoformat(),
    }
    _step(pack, 1)
    snapshot["indicators"] = selectors.indicator_figures(as_of)
    _step(pack, 2)
    snapshot["programme"] = selectors.programme_plan(quarter, as_of)
    _step(pack, 3)
    snapshot["compact"] = selectors.compact_figures(quarter, as_of)
    _step(pack, 4)
    html = render_to_string(CONTENT_TEMPLATE, {"pack": for_template(pack, snapshot)})
    return snapshot, html, render_pdf(html, title=f"{pack.title}, {pack.board.name}")


def generate_pack(pack: BoardPack, *, today: datetime.date | None = None) -> BoardPack:
    """Generates a queued pack, as the figures stand now (or at the quarter's end, if earlier).

    A pack that is not queued (already generated, or claimed by another worker) is left as it is. Any
    error marks the pack failed with the error, which its page shows; the person asks for a new version.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        _lock(pack)
        if pack.status != BoardPackStatus.QUEUED:
            return pack
        take(pack, "start", by=None, reason="Generation started", as_of=min(pack.period.ends_on, today))
    try:
        snapshot, html, pdf = _assemble(pack, pack.as_of)
        with transaction.atomic():
            _lock(pack)
            if pack.status != BoardPackStatus.GENERATING:
                raise GenerationAbandoned(f"Board pack {pack.pk} is no longer generating")
            pack.content, pack.html = snapshot, html
            pack.html_sha256, pack.pdf_sha256 = _sha256(html.encode()), _sha256(pdf)
            pack.pdf.save(pack.pdf_filename, ContentFile(pdf), save=False)
            take(pack, "finish", by=None, reason="Generated")
    except GenerationAbandoned:
        logger.warning("Board pack %s was given up on while this worker generated it; its work is dropped", pack.pk)
        pack.refresh_from_db()
    except Exception as error:
        logger.exception("Board pack %s failed", pack.pk)
        with transaction.atomic():
            _lock(pack)
            if pack.status == BoardPackStatus.GENERATING:
                take(pack, "fail", by=None, reason="Generation failed", error=f"{type(error).__name__}: {error}")
        pack.refresh_from_db()
    return pack
