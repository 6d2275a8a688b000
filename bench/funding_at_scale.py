"""The funding pages at 1,000,000 awards and 200,000 organisations, through the full Django stack.

Run by bench/run.sh after the register's figures (it loads `generate_scale_data`, then
`generate_funding_scale_data`); or by hand against a database that holds both:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_funding_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/funding_at_scale.py

Requests go through Django's WSGI handler as in bench/register_at_scale.py, signed in as a platform
admin whose second factor is verified (staff run every programme). Measured, each after a warm-up:

- funding_dashboard: the biggest programme's dashboard (`funding:programme`);
- award_list_filtered: the staff award list (`funding:awards`) by programme, status and financial year;
- award_list_filtered_region: the same and a region of the organisations;
- award_list_page_50: the first filter, page 50;
- api_awards_filtered: the same filters through /api/v1/awards/ (for comparison; no goal).

Figures go to standard output, one line each: `<name> median_ms=<x> p95_ms=<y> <PASS|FAIL>` against the
issue's goal of a median under GOAL_MS; progress to standard error.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from register_at_scale import WsgiClient, log, staff_session_cookie  # noqa: E402

from thirdsector.funding.financial_years import financial_year_of  # noqa: E402
from thirdsector.funding.models import Award, Programme  # noqa: E402
from thirdsector.funding.scale_data import BIGGEST_PROGRAMME_SLUG, REFERENCE_DATE  # noqa: E402
from thirdsector.register.models import Area, AreaType  # noqa: E402

AWARDS = int(os.environ.get("BENCH_AWARDS", "1000000"))
REQUESTS = max(int(os.environ.get("BENCH_REQUESTS", "30")), 20)
WARM_UP = 5
GOAL_MS = 200.0
GOALS = ("funding_dashboard", "award_list_filtered", "award_list_filtered_region", "award_list_page_50")


def measure(name: str, client: WsgiClient, urls: list[str]) -> float:
    """Warms up, then times REQUESTS requests cycling through `urls`; prints the median and p95."""
    for number in range(WARM_UP):
        client.get(urls[number % len(urls)])
    timings, by_url = [], {url: [] for url in urls}
    for number in range(REQUESTS):
        url = urls[number % len(urls)]
        started = time.perf_counter()
        client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_url[url].append(elapsed)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=100, method="inclusive")[94]
    verdict = ("PASS" if median < GOAL_MS else "FAIL") if name in GOALS else "-"
    print(f"{name} median_ms={median:.1f} p95_ms={p95:.1f} {verdict}", flush=True)
    # A median over several filters can hide one slow filter: name the slowest.
    slowest = max(by_url, key=lambda url: statistics.median(by_url[url]))
    log(f"  slowest of {len(urls)}: {slowest} median {statistics.median(by_url[slowest]):.1f} ms")
    return median


def check_database() -> Programme:
    log(f"Database {connection.settings_dict['NAME']} on {connection.settings_dict['HOST'] or 'localhost'}")
    programme = Programme.objects.filter(slug=BIGGEST_PROGRAMME_SLUG).first()
    awards = Award.objects.count()
    if programme is None or awards < AWARDS:
        raise SystemExit(
            f"Only {awards:,} awards: run generate_scale_data, then generate_funding_scale_data (bench/run.sh does)"
        )
    log(f"{awards:,} awards, {programme.awards.count():,} of them in {programme.name}")
    return programme


def award_list_filters(programme: Programme) -> list[dict]:
    """What staff ask for most: a programme's awards holding budget, or in one status, in a financial year."""
    this_year = financial_year_of(REFERENCE_DATE)
    return [
        {"programme": programme.pk, "status": "committed", "financial_year": this_year},
        {"programme": programme.pk, "status": "accepted", "financial_year": this_year},
        {"programme": programme.pk, "status": "closed", "financial_year": this_year - 2},
        {"programme": programme.pk, "status": "offered", "financial_year": this_year},
    ]


def with_regions(filters: list[dict]) -> list[dict]:
    regions = list(Area.objects.filter(area_type=AreaType.REGION).order_by("gss_code").values_list("pk", flat=True))
    return [{**query, "area": regions[number % len(regions)]} for number, query in enumerate(filters * 2)]


def main() -> int:
    if settings.DEBUG:
        raise SystemExit("Run with DJANGO_DEBUG=false: with DEBUG on, Django keeps every query and pages slow down")
    started = time.perf_counter()
    programme = check_database()
    staff = WsgiClient(cookie=staff_session_cookie())
    award_list = reverse("funding:awards")
    filters = award_list_filters(programme)
    api_filters = [{**query, "programme": programme.slug, "status": "accepted"} for query in filters]
    figures = [
        ("funding_dashboard", [reverse("funding:programme", args=[programme.slug])]),
        ("award_list_filtered", [f"{award_list}?{urlencode(query)}" for query in filters]),
        ("award_list_filtered_region", [f"{award_list}?{urlencode(query)}" for query in with_regions(filters)]),
        ("award_list_page_50", [f"{award_list}?{urlencode({**query, 'page': 50})}" for query in filters[:2]]),
        ("api_awards_filtered", [f"{reverse('funding_api:award-list')}?{urlencode(q)}" for q in api_filters]),
    ]
    log(f"Measuring {REQUESTS} requests each, load average {os.getloadavg()[0]:.1f} ...")
    medians = {name: measure(name, staff, urls) for name, urls in figures}
    met = all(medians[name] < GOAL_MS for name in GOALS)
    elapsed, load = time.perf_counter() - started, os.getloadavg()[0]
    log(f"Finished in {elapsed:.0f}s (load average {load:.1f}); goal of a median under {GOAL_MS:.0f} ms "
        f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0  # as the register's bench: the verdicts are in the output, the exit status is for errors


if __name__ == "__main__":
    sys.exit(main())
