"""The community anchors network at 5,000 anchors with ten years of returns each, through the full Django stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_anchors_bench THIRDSECTOR_ENV=development \
        DJANGO_DEBUG=false .venv/bin/python bench/anchors_at_scale.py

The database is migrated if it needs it, and the scale data (BENCH_ANCHORS organisations spread over
England's local authorities, each a designated anchor with ten accepted returns, about a third of them
sustainable in any year) is built with bulk_create unless it is already there. Requests go through
Django's WSGI handler as in bench/register_at_scale.py. Measured, each after a warm-up, as the median of
BENCH_REQUESTS runs:

- anchors_map: the public map (`anchors:map`), one circle per local authority, for the latest year;
- anchors_dashboard: the network dashboard (`anchors:dashboard`), signed in as a platform admin, for the
  latest year against the year before, overall and by region;
- anchors_network_list: the public list's first page with the sustainable filter;
- anchors_oruk_services: the Open Referral UK services feed's first page.

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

from thirdsector.anchors.models import Anchor, AnchorService, AnchorStatus, FinancialReturn, ReturnStatus  # noqa: E402
from thirdsector.anchors.services.returns import apply_assessment, compute_figures  # noqa: E402
from thirdsector.anchors.services.sustainability import thresholds_in_force  # noqa: E402
from thirdsector.register.models import Area, Organisation, OrganisationKind  # noqa: E402
from thirdsector.register.normalise import normalise_name  # noqa: E402

ANCHORS = int(os.environ.get("BENCH_ANCHORS", "5000"))
YEARS = 10
LATEST = 2025
NAME_PREFIX = "Bench anchor "
BATCH = 2000


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def build() -> None:
    """BENCH_ANCHORS organisations, anchors and YEARS returns each, in bulk."""
    rng = random.Random(6)
    areas = list(Area.objects.filter(gss_code__startswith="E0", is_current=True, latitude__isnull=False))
    log(f"Building {ANCHORS:,} anchors over {len(areas)} local authorities with {YEARS} years of returns each")
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"{NAME_PREFIX}{number:05d}",
                    normalised_name=normalise_name(f"{NAME_PREFIX}{number:05d}"),
                    kind=OrganisationKind.REGISTERED_CHARITY,
                    local_authority=areas[number % len(areas)],
                    postcode="LS6 1AA",
                )
                for number in range(ANCHORS)
            ],
            batch_size=BATCH,
        )
        evidence = "Bench evidence."
        anchors = Anchor.objects.bulk_create(
            [
                Anchor(
                    organisation=organisation,
                    status=AnchorStatus.DESIGNATED,
                    community_led=True,
                    community_led_evidence=evidence,
                    multi_purpose=True,
                    multi_purpose_evidence=evidence,
                    local=True,
                    local_evidence=evidence,
                    building=rng.random() < 0.8,
                    building_evidence=evidence,
                    proposed_on="2015-01-01",
                    designated_on="2015-02-01",
                    review_years=3,
                    review_on="2099-02-01",
                )
                for organisation in organisations
            ],
            batch_size=BATCH,
        )
        thresholds = thresholds_in_force()
        returns = []
        for anchor in anchors:
            scale = rng.uniform(50_000, 900_000)
            for year in range(LATEST - YEARS + 1, LATEST + 1):
                grants = scale * rng.uniform(0.1, 0.9)
                spending = scale * rng.uniform(0.9, 1.05)
                financial_return = FinancialReturn(
                    anchor=anchor,
                    year=year,
                    income_grants=_money(grants),
                    income_contracts=_money((scale - grants) * 0.3),
                    income_earned=_money((scale - grants) * 0.5),
                    income_donations=_money((scale - grants) * 0.15),
                    income_investment=_money((scale - grants) * 0.05),
                    spending=_money(spending),
                    unrestricted_reserves=_money(spending / 12 * rng.uniform(0.5, 8)),
                    assets_value=_money(scale * 2),
                    owns_or_manages_building=anchor.building,
                    business_plan_on=datetime.date(year - rng.randrange(5), 6, 1),
                    status=ReturnStatus.ACCEPTED,
                    submitted_on=f"{year + 1}-07-01",
                    decided_on=f"{year + 1}-08-01",
                )
                apply_assessment(compute_figures(financial_return), thresholds)
                returns.append(financial_return)
            if len(returns) >= BATCH * 5:
                FinancialReturn.objects.bulk_create(returns, batch_size=BATCH)
                returns = []
        FinancialReturn.objects.bulk_create(returns, batch_size=BATCH)
        services = [
            AnchorService(
                anchor=anchor,
                name=f"Community café {anchor.pk}",
                description="A café and warm space.",
                location_name="The centre",
                address_1="1 High Street",
                city="Leeds",
                postal_code="LS6 1AA",
            )
            for anchor in anchors[:1000]
        ]
        AnchorService.objects.bulk_create(services, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> int:
    log(f"Database {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    present = Anchor.objects.filter(organisation__name__startswith=NAME_PREFIX).count()
    if present < ANCHORS:
        if present:
            raise SystemExit(f"{present} bench anchors are there, not {ANCHORS}: use a fresh database")
        build()
    log(f"{Anchor.objects.count():,} anchors, {FinancialReturn.objects.count():,} returns")
    staff, public = WsgiClient(cookie=staff_session_cookie()), WsgiClient()
    year = f"year={LATEST}"
    measure("anchors_map", public, [f"{reverse('anchors:map')}?{year}"])
    measure(
        "anchors_dashboard",
        staff,
        [f"{reverse('anchors:dashboard')}?{year}", f"{reverse('anchors:dashboard')}?year={LATEST - 1}"],
    )
    measure("anchors_network_list", public, [f"{reverse('anchors:network')}?{year}&sustainable=yes"])
    measure("anchors_oruk_services", public, ["/api/v1/anchors/services?per_page=50"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
