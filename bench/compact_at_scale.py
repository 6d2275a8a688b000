"""The Compact's pages at 100,000 consultation responses and 5,000 breach cases, through the full Django stack.

Run by bench/run.sh after the funding figures (it loads `generate_compact_scale_data`); or by hand against a
database that holds it:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_compact_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/compact_at_scale.py

Requests go through Django's WSGI handler as in bench/register_at_scale.py. Measured, each after a warm-up:

- compact_dashboard: the staff dashboard (`compact:dashboard`) for the scale data's last three years, signed
  in as a platform admin with a verified second factor; the issue's goal is a median under GOAL_MS;
- compact_statistics: the public statistics page (`compact:statistics`), signed out, the same years;
- compact_dashboard_rows: the breach cases behind a figure (`compact:dashboard-rows`), a year's upheld cases;
- consultation_export_csv_small and consultation_export_csv: the CSV of every submitted response to the
  second consultation (a tenth of all the responses, about 10,000) and to the largest (half, about 50,000),
  streamed and read chunk by chunk as a server sends it: the time, the rows a second, and, read again with
  tracemalloc on, the peak of Python's memory (and the growth of the process's maximum resident size);
- consultation_export_memory: the two peaks side by side: about the same peak for 50,000 rows as for
  10,000 (within MEMORY_SLACK_KIB) means the export streams in constant memory (CONSTANT); a peak that
  grows with the rows means it does not (GROWS).

Figures go to standard output, one line each; progress to standard error.
"""

import os
import resource
import statistics
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from register_at_scale import WsgiClient, log, staff_session_cookie  # noqa: E402

from thirdsector.compact.models import Consultation  # noqa: E402
from thirdsector.compact.scale_data import (  # noqa: E402
    LARGEST_CONSULTATION_TITLE,
    SECOND_CONSULTATION_TITLE,
    YEARS,
    compact_scale_responses_present,
)

RESPONSES = int(os.environ.get("BENCH_RESPONSES", "100000"))
REQUESTS = max(int(os.environ.get("BENCH_REQUESTS", "30")), 20)
WARM_UP = 5
GOAL_MS = 200.0
GOALS = ("compact_dashboard",)
# The export's memory is constant when its peak for 50,000 rows is within this of its peak for 10,000: the
# rows are read a chunk at a time, so the peak moves a little with what is in the chunk at hand.
MEMORY_SLACK_KIB = 4096


def measure(name: str, client: WsgiClient, urls: list[str]) -> float:
    """Warms up, then times REQUESTS requests cycling through `urls`; prints the median and p95."""
    for number in range(WARM_UP):
        client.get(urls[number % len(urls)])
    timings = []
    for number in range(REQUESTS):
        started = time.perf_counter()
        client.get(urls[number % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=100, method="inclusive")[94]
    verdict = ("PASS" if median < GOAL_MS else "FAIL") if name in GOALS else "-"
    print(f"{name} median_ms={median:.1f} p95_ms={p95:.1f} {verdict}", flush=True)
    return median


def check_database() -> tuple[Consultation, Consultation]:
    log(f"Database {connection.settings_dict['NAME']} on {connection.settings_dict['HOST'] or 'localhost'}")
    present = compact_scale_responses_present()
    largest = Consultation.objects.filter(title=LARGEST_CONSULTATION_TITLE).first()
    second = Consultation.objects.filter(title=SECOND_CONSULTATION_TITLE).first()
    if largest is None or second is None or present < RESPONSES:
        raise SystemExit(f"Only {present:,} responses: run generate_compact_scale_data (bench/run.sh does)")
    log(f"{present:,} responses: {largest.responses.count():,} to the largest, {second.responses.count():,} to another")
    return largest, second


def stream(url: str, cookie: str) -> tuple[int, int]:
    """GETs `url` and reads the streamed body chunk by chunk without keeping it; returns (lines, bytes)."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    response = WSGIHandler()(environ, lambda code, headers, exc_info=None: status.append(code))
    lines = size = 0
    try:
        if not status[0].startswith("200"):
            raise RuntimeError(f"GET {url} answered {status[0]}")
        for chunk in response:
            lines += chunk.count(b"\n")
            size += len(chunk)
    finally:
        if hasattr(response, "close"):
            response.close()
    return lines, size


def export_figures(name: str, url: str, cookie: str) -> dict:
    """Times the export once (after a warm-up), then reads it again with tracemalloc on for its peak."""
    stream(url, cookie)  # warm-up
    started = time.perf_counter()
    lines, size = stream(url, cookie)
    elapsed = time.perf_counter() - started
    rows = lines - 1  # less the header
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        stream(url, cookie)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    print(
        f"{name} rows={rows} seconds={elapsed:.2f} rows_per_s={rows / elapsed:.0f} mib={size / 1024 / 1024:.1f} "
        f"peak_kib={peak / 1024:.0f} maxrss_growth_kib={rss_growth}",
        flush=True,
    )
    return {"rows": rows, "peak": peak / 1024}


def measure_exports(smaller: Consultation, larger: Consultation, cookie: str) -> None:
    """The CSV export of a consultation with about 10,000 responses and of one with about 50,000: the same
    peak for both means it streams in constant memory."""
    figures = [
        export_figures(name, reverse("compact:consultation-export", args=[consultation.pk, "csv"]), cookie)
        for name, consultation in (("consultation_export_csv_small", smaller), ("consultation_export_csv", larger))
    ]
    small, large = figures
    growth = large["peak"] - small["peak"]
    verdict = "CONSTANT" if growth <= MEMORY_SLACK_KIB else "GROWS"
    print(
        f"consultation_export_memory rows={small['rows']}->{large['rows']} peak_kib={small['peak']:.0f}->"
        f"{large['peak']:.0f} growth_kib={growth:.0f} {verdict}",
        flush=True,
    )


def main() -> int:
    if settings.DEBUG:
        raise SystemExit("Run with DJANGO_DEBUG=false: with DEBUG on, Django keeps every query and pages slow down")
    started = time.perf_counter()
    largest, second = check_database()
    cookie = staff_session_cookie()
    staff, public = WsgiClient(cookie=cookie), WsgiClient()
    years = YEARS[-3:]
    dashboard, statistics_page = reverse("compact:dashboard"), reverse("compact:statistics")
    rows = reverse("compact:dashboard-rows", args=["breaches"])
    log(f"Measuring {REQUESTS} requests each, load average {os.getloadavg()[0]:.1f} ...")
    medians = {
        "compact_dashboard": measure("compact_dashboard", staff, [f"{dashboard}?year={year}" for year in years]),
        "compact_statistics": measure("compact_statistics", public, [f"{statistics_page}?year={y}" for y in years]),
        "compact_dashboard_rows": measure(
            "compact_dashboard_rows", staff, [f"{rows}?year={year}&outcome=upheld" for year in years]
        ),
    }
    measure_exports(second, largest, cookie)
    met = all(medians[name] < GOAL_MS for name in GOALS)
    elapsed, load = time.perf_counter() - started, os.getloadavg()[0]
    log(f"Finished in {elapsed:.0f}s (load average {load:.1f}); goal of a median under {GOAL_MS:.0f} ms "
        f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0  # as the other benches: the verdicts are in the output, the exit status is for errors


if __name__ == "__main__":
    sys.exit(main())
