"""The level playing field dashboard at 100,000 contract awards over every council, through the full Django stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_commissioning_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/commissioning_at_scale.py

The database is migrated if it needs it, and the scale data is built with bulk_create unless it is already
there: a council for each current local authority area, BENCH_SUPPLIERS organisations (third sector ones of
every size band, about a tenth of them BME-led and a tenth user-led, and some companies), BENCH_AWARDS awards
spread over the councils and the financial years YEARS, and DECISIONS_PER_COUNCIL decisions a council a year,
half with a service user involved. Requests go through Django's WSGI handler as in bench/register_at_scale.py.
Measured, each after a warm-up, as the median of BENCH_REQUESTS runs:

- commissioning_comparison: the comparison across councils (`commissioning:figures`) for the latest year,
  cycling through the figures (third sector, micro organisations, BME-led, grants, three years or longer,
  decisions with users involved), signed in as a platform admin;
- commissioning_council_figures: one council's page (`commissioning:commissioner-figures`), every table;
- commissioning_public_comparison: the public comparison of published awards (`commissioning:published-figures`);
- commissioning_awards_list: the awards behind a figure, first page (`commissioning:awards`, filtered).

Figures go to standard output, one line each; progress to standard error.
"""

import datetime
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
from register_at_scale import WsgiClient, log, measure, staff_session_cookie  # noqa: E402

from thirdsector.commissioning.models import (  # noqa: E402
    CommissioningDecision,
    ContractAward,
    DecisionInvolvement,
    OpportunityKind,
)
from thirdsector.commissioning.services.awards import THIRD_SECTOR_KINDS  # noqa: E402
from thirdsector.register.models import Area, Organisation, OrganisationKind  # noqa: E402
from thirdsector.register.normalise import normalise_name  # noqa: E402
from thirdsector.register.size_bands import size_band_for  # noqa: E402

AWARDS = int(os.environ.get("BENCH_AWARDS", "100000"))
SUPPLIERS = int(os.environ.get("BENCH_SUPPLIERS", "20000"))
YEARS = (2024, 2025)
LATEST = YEARS[-1]
DECISIONS_PER_COUNCIL = 20
COUNCIL_PREFIX = "Bench council "
SUPPLIER_PREFIX = "Bench supplier "
BATCH = 5000
INCOMES = [5_000, 50_000, 400_000, 3_000_000, 20_000_000, None]
LENGTHS = [6, 12, 24, 36, 36, 60]


def _organisation(name: str, kind: str, area: Area, income) -> Organisation:
    return Organisation(
        name=name,
        normalised_name=normalise_name(name),
        kind=kind,
        latest_income=None if income is None else Decimal(income),
        size_band=size_band_for(income) or "",
        local_authority=area,
        postcode="LS1 4AP",
    )


def build() -> None:
    rng = random.Random(8)
    areas = list(Area.objects.filter(is_current=True).exclude(area_type="RGN").order_by("pk"))
    log(f"Building {len(areas)} councils, {SUPPLIERS:,} suppliers and {AWARDS:,} awards over {YEARS}")
    kinds = sorted(THIRD_SECTOR_KINDS) + [OrganisationKind.OTHER]
    with transaction.atomic():
        councils = Organisation.objects.bulk_create(
            [
                _organisation(f"{COUNCIL_PREFIX}{area.name}", OrganisationKind.LOCAL_AUTHORITY, area, None)
                for area in areas
            ],
            batch_size=BATCH,
        )
        suppliers = Organisation.objects.bulk_create(
            [
                _organisation(
                    f"{SUPPLIER_PREFIX}{number:06d}", rng.choice(kinds), areas[number % len(areas)], rng.choice(INCOMES)
                )
                for number in range(SUPPLIERS)
            ],
            batch_size=BATCH,
        )
        traits = {supplier.pk: (rng.random() < 0.1, rng.random() < 0.1) for supplier in suppliers}
        awards = []
        for number in range(AWARDS):
            supplier = suppliers[rng.randrange(len(suppliers))]
            year = YEARS[number % len(YEARS)]
            awarded_on = datetime.date(year, 4, 1) + datetime.timedelta(days=rng.randrange(365))
            awards.append(
                ContractAward(
                    commissioner=councils[number % len(councils)],
                    supplier=supplier,
                    title=f"Bench service {number}",
                    kind=OpportunityKind.GRANT if rng.random() < 0.3 else OpportunityKind.CONTRACT,
                    value=Decimal(rng.randrange(1_000, 2_000_000)),
                    starts_on=awarded_on,
                    length_months=rng.choice(LENGTHS),
                    awarded_on=awarded_on,
                    financial_year=year,
                    supplier_is_third_sector=supplier.kind in THIRD_SECTOR_KINDS,
                    supplier_size_band=supplier.size_band,
                    supplier_bme_led=traits[supplier.pk][0],
                    supplier_user_led=traits[supplier.pk][1],
                    published_on=awarded_on if rng.random() < 0.95 else None,
                )
            )
            if len(awards) >= BATCH:
                ContractAward.objects.bulk_create(awards, batch_size=BATCH)
                awards = []
        ContractAward.objects.bulk_create(awards, batch_size=BATCH)
        decisions = CommissioningDecision.objects.bulk_create(
            [
                CommissioningDecision(
                    commissioner=council,
                    title="Bench decision",
                    decided_on=datetime.date(year, 6, 1),
                    financial_year=year,
                )
                for council in councils
                for year in YEARS
                for _ in range(DECISIONS_PER_COUNCIL)
            ],
            batch_size=BATCH,
        )
        DecisionInvolvement.objects.bulk_create(
            [
                DecisionInvolvement(decision=decision, involved_as="service_user", role="panel_member", view="Fair.")
                for decision in decisions[::2]
            ],
            batch_size=BATCH,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> int:
    log(f"Database {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    present = ContractAward.objects.filter(title__startswith="Bench service ").count()
    if present < AWARDS:
        if present:
            raise SystemExit(f"{present} bench awards are there, not {AWARDS}: use a fresh database")
        build()
    council = Organisation.objects.filter(name__startswith=COUNCIL_PREFIX).order_by("pk").first()
    log(
        f"{ContractAward.objects.count():,} awards, {ContractAward.objects.filter(financial_year=LATEST).count():,} "
        f"in {LATEST}, over {Organisation.objects.filter(name__startswith=COUNCIL_PREFIX).count()} councils"
    )
    staff, public = WsgiClient(cookie=staff_session_cookie()), WsgiClient()
    comparison = reverse("commissioning:figures")
    figures = ["third-sector", "band-micro", "bme-led", "grant", "long", "decisions"]
    measure("commissioning_comparison", staff, [f"{comparison}?year={LATEST}&figure={figure}" for figure in figures])
    measure(
        "commissioning_council_figures",
        staff,
        [f"{reverse('commissioning:commissioner-figures', args=[council.pk])}?year={LATEST}"],
    )
    public_comparison = reverse("commissioning:published-figures")
    measure(
        "commissioning_public_comparison",
        public,
        [f"{public_comparison}?year={LATEST}&figure={figure}" for figure in figures[:-1]],
    )
    measure(
        "commissioning_awards_list",
        staff,
        [f"{reverse('commissioning:awards')}?commissioner={council.pk}&year={LATEST}&third_sector=yes"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
