"""The 360Giving export at a million grants: grants per second and peak memory, JSON and CSV.

Needs the funding scale data (bench/run.sh loads it: `generate_scale_data`, then
`generate_funding_scale_data`, whose accepted and closed awards are published); then

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_funding_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/grants_360giving.py

Each format is measured in a fresh process of its own, so one's memory does not hide the other's: it
streams every published grant through the export's writer to /dev/null, as the snapshot task does to a
file. The awards are read with a server-side cursor a chunk at a time (OPENDATA_EXPORT_CHUNK_SIZE).

Figures go to standard output, one line per format:
`grants_360giving_<format> grants=<n> seconds=<s> grants_per_second=<r> peak_rss_mb=<m> peak_rss_mb_at_10pct=<m10>`
— memory is constant when the peak after every grant is about the peak after the first tenth of them.
Progress goes to standard error. `BENCH_GRANTS` caps the grants read (default: every published grant).
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")

FORMATS = ("json", "csv")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(file_format: str) -> None:
    """Streams the grants in `file_format` to /dev/null in this process and prints its figures."""
    import django

    django.setup()
    from itertools import islice

    from django.conf import settings
    from django.utils import timezone

    from thirdsector.funding.scale_data import REFERENCE_DATE
    from thirdsector.opendata.services.three_sixty_giving import (
        CsvWriter,
        PackageWriter,
        package_metadata,
        published_grants,
        write_grants,
    )

    if settings.DEBUG:
        raise SystemExit("Run with DJANGO_DEBUG=false: with DEBUG on, Django keeps every query in memory")
    expected = int(os.environ["BENCH_EXPECTED_GRANTS"])
    tenth = max(expected // 10, 1)
    peaks = {}

    def counted(grants):
        for number, grant in enumerate(grants, start=1):
            if number == tenth:
                peaks["tenth"] = peak_rss_mb()
            yield grant

    # The scale data's statuses follow from its reference date: read the grants published by then.
    grants = published_grants(today=max(REFERENCE_DATE, timezone.localdate()))
    if os.environ.get("BENCH_GRANTS"):
        grants = islice(grants, int(os.environ["BENCH_GRANTS"]))
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8", newline="") as out:
        writer = (
            PackageWriter(out, package_metadata(generated_at=timezone.now()))
            if file_format == "json"
            else CsvWriter(out)
        )
        tally = write_grants(counted(grants), [writer])
    seconds = time.perf_counter() - started
    print(
        f"grants_360giving_{file_format} grants={tally.grants} seconds={seconds:.1f} "
        f"grants_per_second={tally.grants / seconds:.0f} peak_rss_mb={peak_rss_mb():.1f} "
        f"peak_rss_mb_at_10pct={peaks.get('tenth', peak_rss_mb()):.1f}",
        flush=True,
    )


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from thirdsector.funding.scale_data import REFERENCE_DATE
    from thirdsector.opendata.selectors.grants import published_awards

    log(f"Database {connection.settings_dict['NAME']} on {connection.settings_dict['HOST'] or 'localhost'}")
    grants = published_awards(today=max(REFERENCE_DATE, timezone.localdate())).count()
    if os.environ.get("BENCH_GRANTS"):
        grants = min(grants, int(os.environ["BENCH_GRANTS"]))
    if not grants:
        raise SystemExit("No published awards: run generate_scale_data, then generate_funding_scale_data")
    log(f"{grants:,} published grants; load average {os.getloadavg()[0]:.1f}")
    connection.close()
    for file_format in FORMATS:
        log(f"Streaming the {file_format.upper()} export ...")
        subprocess.run(  # noqa: S603 - this script, run again by the same interpreter
            [sys.executable, __file__, "--measure", file_format],
            check=True,
            env={**os.environ, "BENCH_EXPECTED_GRANTS": str(grants)},
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure" and sys.argv[2] in FORMATS:
        measure(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
