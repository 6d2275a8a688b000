"""Breach statistics against hand-counted cases: per body and year, per commitment and year, median days."""

import datetime

import pytest

from ..models import BreachStatus, Commitment
from ..selectors.breaches import breaches_by_body_and_year, breaches_by_commitment_and_year, median_days_to_resolve
from .factories import BreachCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(department, ndpb):
    first, second = Commitment.objects.order_by("id")[:2]
    d = datetime.date
    # The department, 2025: 3 reported, 2 upheld (one partly), 2 closed (one upheld 10 days, one not 30 days).
    BreachCaseFactory(body=department, reported_on=d(2025, 3, 1), status=BreachStatus.CLOSED, outcome="upheld",
                      closed_on=d(2025, 3, 11), commitments=[first])  # fmt: skip
    BreachCaseFactory(body=department, reported_on=d(2025, 5, 1), status=BreachStatus.CLOSED, outcome="not_upheld",
                      closed_on=d(2025, 5, 31), commitments=[first, second])  # fmt: skip
    BreachCaseFactory(body=department, reported_on=d(2025, 7, 1), status=BreachStatus.PARTLY_UPHELD,
                      outcome="partly_upheld", commitments=[second])  # fmt: skip
    # The department, 2026: 1 reported, nothing found yet.
    BreachCaseFactory(body=department, reported_on=d(2026, 1, 5), commitments=[first])
    # The NDPB, 2026: 2 reported, 1 closed upheld after 20 days.
    BreachCaseFactory(body=ndpb, reported_on=d(2026, 2, 2), status=BreachStatus.CLOSED, outcome="upheld",
                      closed_on=d(2026, 2, 22), commitments=[second])  # fmt: skip
    BreachCaseFactory(body=ndpb, reported_on=d(2026, 3, 2), status=BreachStatus.ACKNOWLEDGED, commitments=[second])
    return first, second


def test_breaches_by_body_and_year(cases, department, ndpb):
    rows = {
        (row["body"], row["year"]): (row["reported"], row["upheld"], row["resolved"])
        for row in breaches_by_body_and_year()
    }
    assert rows == {
        ("Community Development Foundation", 2026): (2, 1, 1),
        ("Department for Communities and Local Government", 2025): (3, 2, 2),
        ("Department for Communities and Local Government", 2026): (1, 0, 0),
    }


def test_breaches_by_commitment_and_year_count_a_case_under_each_commitment(cases):
    first, second = cases
    rows = {
        (row["commitment_id"], row["year"]): (row["reported"], row["upheld"], row["resolved"])
        for row in breaches_by_commitment_and_year()
    }
    assert rows == {
        (first.pk, 2025): (2, 1, 2),
        (first.pk, 2026): (1, 0, 0),
        (second.pk, 2025): (2, 1, 1),
        (second.pk, 2026): (2, 1, 1),
    }


def test_median_days_to_resolve(cases):
    assert median_days_to_resolve() == 20  # 10, 20 and 30 days
    assert median_days_to_resolve(year=2025) == 20  # 10 and 30
    assert median_days_to_resolve(year=2026) == 20
    assert median_days_to_resolve(year=2024) is None


def test_the_statistics_are_counted_in_a_single_query(cases, django_assert_num_queries):
    with django_assert_num_queries(1):
        breaches_by_body_and_year()
    with django_assert_num_queries(1):
        breaches_by_commitment_and_year()
