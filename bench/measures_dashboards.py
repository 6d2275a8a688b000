"""The strategy dashboards read from stored indicator values, at every definition x 5 years x ~400 breakdown
rows, through the full Django stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_measures_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/measures_dashboards.py

The database is migrated if it needs it. The indicators are copied in from `measures/definitions.py` and,
unless they are already there, BENCH_MEASURES_BREAKDOWN rows (default 400) plus the headline are stored
for each indicator in each of the BENCH_MEASURES_YEARS years up to 2025 (replacing any values those years
had: use a bench database, not a live one). Requests go through Django's WSGI handler as in
bench/register_at_scale.py. Measured, each after a warm-up, as the median and 95th percentile of
BENCH_REQUESTS runs:

- measures_dashboard: the strategy dashboard for the Partnership Board (`measures:dashboard`), signed in
  as a platform admin;
- measures_public_dashboard: the public dashboard (`measures:public-dashboard`);
- measures_indicator: one indicator's page (`measures:indicator`) with its trend and its 400-row
  breakdown for the latest year, signed in as a platform admin.

Figures go to standard output, one line each; progress and the check against the goal (median under
200 ms) to standard error.
"""

import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thirdsector.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from register_at_scale import WsgiClient, log, measure, staff_session_cookie  # noqa: E402

from thirdsector.measures.models import IndicatorValue, Unit  # noqa: E402
from thirdsector.measures.services.indicators import sync_indicators  # noqa: E402

BREAKDOWN = int(os.environ.get("BENCH_MEASURES_BREAKDOWN", "400"))
YEARS = int(os.environ.get("BENCH_MEASURES_YEARS", "5"))
LATEST = 2025
GOAL_MS = 200
BATCH = 2000


def _values(indicator, year: int, rng: random.Random, computed_at) -> list[IndicatorValue]:
    share = indicator.unit == Unit.PERCENT

    def value(key: str, label: str, whole: int) -> IndicatorValue:
        part = rng.randint(0, whole)
        return IndicatorValue(
            indicator=indicator,
            year=year,
            breakdown_key=key,
            breakdown_label=label,
            numerator=Decimal(part),
            denominator=Decimal(whole) if share else None,
            value=(Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if share else Decimal(part),
            rows_url=f"/bench/rows/?year={year}&key={key}",
            public_url=f"/bench/published/?year={year}&key={key}",
            computed_at=computed_at,
        )

    rows = [value("", "", BREAKDOWN * 50)]
    rows += [value(f"b{number:04d}", f"Breakdown {number:04d}", rng.randint(1, 100)) for number in range(BREAKDOWN)]
    return rows


def build(indicators) -> None:
    rng = random.Random(7)
    years = range(LATEST - YEARS + 1, LATEST + 1)
    computed_at = timezone.now()
    log(f"Storing {len(indicators)} indicators x {YEARS} years x {BREAKDOWN + 1} values")
    with transaction.atomic():
        IndicatorValue.objects.filter(year__in=years).delete()
        for indicator in indicators:
            rows = [row for year in years for row in _values(indicator, year, rng, computed_at)]
            IndicatorValue.objects.bulk_create(rows, batch_size=BATCH)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE measures_indicatorvalue")


def main() -> int:
    log(f"Database {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    indicators = sync_indicators()
    expected = len(indicators) * YEARS * (BREAKDOWN + 1)
    present = IndicatorValue.objects.filter(year__gt=LATEST - YEARS, year__lte=LATEST).count()
    if present != expected:
        build(indicators)
    log(f"{IndicatorValue.objects.count():,} indicator values")
    staff, public = WsgiClient(cookie=staff_session_cookie()), WsgiClient()
    medians = {
        "measures_dashboard": measure("measures_dashboard", staff, [reverse("measures:dashboard")]),
        "measures_public_dashboard": measure(
            "measures_public_dashboard", public, [reverse("measures:public-dashboard")]
        ),
        "measures_indicator": measure(
            "measures_indicator",
            staff,
            [reverse("measures:indicator", args=[indicator.slug]) + f"?year={LATEST}" for indicator in indicators[:3]],
        ),
    }
    slow = {name: median for name, median in medians.items() if median >= GOAL_MS}
    log("Goal met: every median under 200 ms" if not slow else f"Over the {GOAL_MS} ms goal: {slow}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
