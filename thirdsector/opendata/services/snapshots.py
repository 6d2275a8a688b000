"""Generate the 360Giving files into storage, and regenerate them when what they show has changed.

One pass over the published awards writes the JSON package, the CSV and the XLSX together, each to a
temporary file, which then goes into storage (local disk or object storage) as a `GrantsSnapshot`.
The public URLs serve the newest snapshot. Regeneration is asked for in two ways: when an award is
saved published, so accepted, varied or closed (`opendata/signals.py` queues
`tasks.refresh_grants_snapshot` once the save commits; OPENDATA_REFRESH_ON_AWARD_SAVE), and daily by
`manage.py run_opendata_schedule`, which catches what no award save announces (an organisation renamed,
an identifier added, a grant whose publication date has come). Both regenerate only when
`selectors.grants.sources_changed_at()` is newer than the snapshot, so a burst of saves that a worker
takes one after another costs one generation, not one each.
"""

import datetime
import logging
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import GrantsSnapshot
from ..selectors.grants import sources_changed_at
from ..selectors.snapshots import is_stale, latest_snapshot
from .three_sixty_giving import CsvWriter, PackageWriter, XlsxWriter, package_metadata, published_grants, write_grants

logger = logging.getLogger(__name__)

FILE_NAME = "thirdsector-360giving-grants"


def generate_snapshot(*, today: datetime.date | None = None) -> GrantsSnapshot:
    """Writes every published grant to the three files and keeps them as the newest snapshot."""
    started = time.perf_counter()
    generated_at = timezone.now()
    # Read before the grants, so a change made while they are written leaves this snapshot stale.
    changed_at = sources_changed_at()
    download_url = f"{settings.SITE_URL}{reverse('opendata:360giving-json')}" if settings.SITE_URL else None
    with tempfile.TemporaryDirectory(prefix="opendata-") as directory:
        paths = {extension: Path(directory) / f"{FILE_NAME}.{extension}" for extension in ("json", "csv", "xlsx")}
        with (
            paths["json"].open("w", encoding="utf-8") as json_out,
            paths["csv"].open("w", encoding="utf-8", newline="") as csv_out,
            paths["xlsx"].open("wb") as xlsx_out,
        ):
            writers = [
                PackageWriter(json_out, package_metadata(generated_at=generated_at, download_url=download_url)),
                CsvWriter(csv_out),
                XlsxWriter(xlsx_out),
            ]
            tally = write_grants(published_grants(today=today), writers)
        snapshot = GrantsSnapshot(
            generated_at=generated_at,
            sources_changed_at=changed_at,
            grants=tally.grants,
            total_awarded=tally.total_awarded,
            seconds_taken=time.perf_counter() - started,
        )
        for extension, path in paths.items():
            with path.open("rb") as content:
                getattr(snapshot, f"{extension}_file").save(path.name, File(content), save=False)
        snapshot.save()
    logger.info("360Giving snapshot %s: %s grants in %.1fs", snapshot.pk, snapshot.grants, snapshot.seconds_taken)
    prune_snapshots()
    return snapshot


def prune_snapshots(*, keep: int | None = None) -> int:
    """Deletes all but the newest `keep` snapshots (OPENDATA_SNAPSHOTS_KEPT) and their files; returns how many."""
    keep = keep if keep is not None else settings.OPENDATA_SNAPSHOTS_KEPT
    old = list(GrantsSnapshot.objects.order_by("-generated_at", "-id")[keep:])
    for snapshot in old:
        for field in (snapshot.json_file, snapshot.csv_file, snapshot.xlsx_file):
            field.delete(save=False)
        snapshot.delete()
    return len(old)


def refresh_snapshot(*, today: datetime.date | None = None) -> GrantsSnapshot | None:
    """Generates a new snapshot if there is none or the data changed since the newest; else None."""
    if not is_stale(latest_snapshot(), today=today):
        return None
    return generate_snapshot(today=today)


def current_snapshot() -> GrantsSnapshot:
    """The newest snapshot, generated now if there has never been one (the first download after install)."""
    return latest_snapshot() or generate_snapshot()


def queue_refresh() -> None:
    """Asks a worker to refresh the snapshot once the current transaction commits."""
    from ..tasks import refresh_grants_snapshot

    transaction.on_commit(refresh_grants_snapshot.enqueue)
