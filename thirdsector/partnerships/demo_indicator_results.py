"""Demo results for NI 6 and NI 7: each demo council whose 2008 Local Area Agreement chose either gets a
current agreement (from April 2023) with the same targets, and reports a result for each of its years.

Runs after `partnerships.demo.local.load_local` (which makes the councils' partnerships and 2008 agreements)
and before the indicators are computed. Through the services, so each result has its history; figures come
from a seeded generator, so every load is the same.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from thirdsector.accounts.models import User

from .models import AgreementTarget, IndicatorResult, LocalStrategicPartnership
from .selectors.indicators import NI_THIRD_SECTOR, NI_VOLUNTEERING
from .services.indicator_results import agreement_years, record_result
from .services.local import add_target, start_agreement

CURRENT_AGREEMENT_STARTS = datetime.date(2023, 4, 1)
# Where each indicator's results start and how far they move a year, in percentage points.
STARTING_POINTS = {NI_VOLUNTEERING: (21.0, 29.0), NI_THIRD_SECTOR: (14.0, 24.0)}
SOURCES = {
    NI_VOLUNTEERING: "Place Survey: adults who volunteered at least once a month in the last year",
    NI_THIRD_SECTOR: "National Survey of Third Sector Organisations: organisations rating local bodies' "
    "influence on their success as positive",
}


def _reporter() -> User:
    """Whoever reports: the demo council officer if there is one, else the first staff account."""
    return (
        User.objects.filter(email="council@demo.thirdsector.example").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )


def _current_agreement(partnership: LocalStrategicPartnership, chosen: list[AgreementTarget], by):
    agreement = partnership.agreements.filter(starts_on=CURRENT_AGREEMENT_STARTS).first()
    if agreement is None:
        agreement = start_agreement(partnership=partnership, starts_on=CURRENT_AGREEMENT_STARTS, by=by)
        for old in chosen:
            add_target(
                agreement=agreement,
                indicator=old.indicator,
                target=old.target,
                third_sector_involvement=old.third_sector_involvement,
                involvement_level=old.involvement_level,
                by=by,
            )
    return agreement


@transaction.atomic
def load_indicator_results() -> None:
    if IndicatorResult.objects.exists():
        return
    by = _reporter()
    if by is None:
        return
    numbers = (NI_VOLUNTEERING, NI_THIRD_SECTOR)
    for partnership in LocalStrategicPartnership.objects.select_related("council").order_by("pk"):
        chosen = list(
            AgreementTarget.objects.filter(agreement__partnership=partnership, indicator__number__in=numbers)
            .exclude(agreement__starts_on=CURRENT_AGREEMENT_STARTS)
            .select_related("indicator")
        )
        if not chosen:
            continue
        rng = random.Random(f"indicator-results-{partnership.council.name}")
        agreement = _current_agreement(partnership, chosen, by)
        for target in agreement.targets.filter(indicator__number__in=numbers).select_related("indicator"):
            low, high = STARTING_POINTS[target.indicator.number]
            baseline = Decimal(str(round(rng.uniform(low, high), 1)))
            value = baseline
            for year in agreement_years(agreement):
                value = min(Decimal(100), max(Decimal(0), value + Decimal(str(round(rng.uniform(-0.8, 2.0), 1)))))
                record_result(
                    agreement=agreement,
                    target=target,
                    year=year,
                    value=value,
                    baseline=baseline,
                    source=SOURCES[target.indicator.number],
                    reason="Demo data",
                    by=by,
                )
