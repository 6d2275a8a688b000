"""Moderation arithmetic: spread, weighted totals and percentages, checked as properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ..selectors.assessment import as_percentage, maximum_weighted_total, mean, spread, weighted_total

# A programme's criteria: (weight, maximum score) each, keyed by criterion number.
criteria_strategy = st.dictionaries(
    st.integers(min_value=1, max_value=50),
    st.tuples(st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=10)),
    min_size=1,
    max_size=8,
)


@st.composite
def criteria_and_scores(draw):
    criteria = draw(criteria_strategy)
    scores = {pk: draw(st.integers(min_value=0, max_value=maximum)) for pk, (_weight, maximum) in criteria.items()}
    return criteria, scores


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1))
def test_the_spread_is_the_gap_between_the_highest_and_lowest_score(scores):
    gap = spread(scores)
    assert gap == max(scores) - min(scores)
    assert gap >= 0
    assert spread(sorted(scores, reverse=True)) == gap
    assert all(min(scores) + gap >= score for score in scores)


@given(st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=10))
def test_identical_scores_have_no_spread(score, assessors):
    assert spread([score] * assessors) == 0


def test_nobody_scored_means_no_spread():
    assert spread([]) is None


@given(criteria_and_scores())
def test_the_weighted_total_lies_between_0_and_the_maximum(data):
    criteria, scores = data
    weights = {pk: weight for pk, (weight, _maximum) in criteria.items()}
    maxima = {pk: maximum for pk, (_weight, maximum) in criteria.items()}
    total = weighted_total(scores, weights)
    maximum = maximum_weighted_total(maxima, weights)
    assert 0 <= total <= maximum
    assert total == sum(scores[pk] * weights[pk] for pk in criteria)
    percentage = as_percentage(total, maximum)
    assert Decimal("0") <= percentage <= Decimal("100")


@given(criteria_strategy)
def test_top_marks_everywhere_are_100_percent_and_zero_is_0(criteria):
    weights = {pk: weight for pk, (weight, _maximum) in criteria.items()}
    maxima = {pk: maximum for pk, (_weight, maximum) in criteria.items()}
    maximum = maximum_weighted_total(maxima, weights)
    assert as_percentage(weighted_total(maxima, weights), maximum) == Decimal("100.0")
    assert as_percentage(weighted_total({}, weights), maximum) == Decimal("0.0")


@given(criteria_and_scores(), st.integers(min_value=1, max_value=50))
def test_a_criterion_not_scored_counts_nothing(data, missing):
    criteria, scores = data
    weights = {pk: weight for pk, (weight, _maximum) in criteria.items()}
    partial = {pk: score for pk, score in scores.items() if pk != missing}
    assert weighted_total(partial, weights) == weighted_total(scores, weights) - scores.get(missing, 0) * weights.get(
        missing, 0
    )


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=20))
def test_the_mean_total_lies_between_the_lowest_and_highest_totals(totals):
    average = mean(totals)
    assert min(totals) <= average <= max(totals)
    assert abs(average * len(totals) - sum(totals)) < Decimal("1e-20")


def test_a_worked_example():
    weights, maxima = {1: 2, 2: 1}, {1: 5, 2: 5}
    assert weighted_total({1: 4, 2: 3}, weights) == 11
    assert maximum_weighted_total(maxima, weights) == 15
    assert as_percentage(11, 15) == Decimal("73.3")
    assert as_percentage(Decimal("35") / 3, 15) == Decimal("77.8")


@pytest.mark.parametrize("maximum", [0])
def test_no_criteria_means_no_percentage(maximum):
    assert as_percentage(0, maximum) is None
