"""Every definition names a selector that exists and computes; the newer indicators store what they compute."""

import datetime
import importlib
from decimal import Decimal

import pytest

from thirdsector.funding.tests.factories import ApplicationFactory

from ..definitions import DEFINITIONS
from ..models import Indicator, IndicatorValue, Unit
from ..services.indicators import compute_indicator, compute_indicators, sync_indicators

pytestmark = pytest.mark.django_db


def test_slugs_are_unique_and_the_strategy_measures_come_first():
    slugs = [definition.slug for definition in DEFINITIONS]
    assert len(slugs) == len(set(slugs))
    measures = [definition.strategy_measure for definition in DEFINITIONS]
    first_other = next(index for index, measure in enumerate(measures) if measure is None)
    assert all(measure is None for measure in measures[first_other:])
    assert sorted(measure for measure in measures if measure) == [measure for measure in measures if measure]
    assert {"ni6-volunteering", "ni7-third-sector", "compact-training", "days-to-decide", "stakeholders-agree"} <= set(
        slugs
    )


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda definition: definition.slug)
def test_each_definition_names_a_selector_that_computes(definition):
    module_name, _, name = definition.computed_by.rpartition(".")
    selector = getattr(importlib.import_module(module_name), name)
    assert isinstance(selector(year=2025), list)
    assert len(definition.question) <= 300 and len(definition.name) <= 200


def test_compute_indicators_runs_over_every_definition():
    compute_indicators(today=datetime.date(2026, 1, 15), back=1)
    assert Indicator.objects.count() == len(DEFINITIONS)


def test_days_to_decide_is_stored_as_days():
    sync_indicators()
    decided_at = datetime.datetime(2025, 6, 2, 12, tzinfo=datetime.UTC)
    ApplicationFactory(status="approved", submitted_at=decided_at - datetime.timedelta(days=12), decided_at=decided_at)
    indicator = Indicator.objects.get(slug="days-to-decide")
    compute_indicator(indicator, years=[2025])
    headline = IndicatorValue.objects.get(indicator=indicator, year=2025, breakdown_key="")
    assert (indicator.unit, headline.value, headline.denominator) == (Unit.DAYS, Decimal(12), None)
