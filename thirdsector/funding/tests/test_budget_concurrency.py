"""Two approvals at the same moment cannot over-commit a year (PostgreSQL only: it needs row locks).

Two threads approve, at once, awards that together need more than the year's budget. Threads use their
own database connections, so the test is transactional; it empties every table when it ends, so this
module puts the migrations' reference data (areas, policy areas) back for the tests that run after it
in the same process. Run it with `DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_awards
THIRDSECTOR_ENV=test .venv/bin/pytest thirdsector/funding/tests/test_budget_concurrency.py`.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.browser_tests.reference_data import bulk_loader

from ..errors import BudgetExceeded
from ..models import ProgrammeBudget
from ..services.awards import approve_award
from .award_helpers import first_of_this_financial_year
from .factories import AwardFactory, ProgrammeFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")


@pytest.fixture(autouse=True, scope="module")
def _reference_data_put_back(django_db_blocker):
    """Runs its teardown after the test's own, which emptied the tables: it fills them again."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                bulk_loader(connections[alias])(contents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_the_same_moment_cannot_over_commit_a_year(organisation):
    first = first_of_this_financial_year().year
    programme = ProgrammeFactory(budgets={first: Decimal("1000000.00")})
    staff = [UserFactory(roles=["department_staff"]) for _ in range(2)]
    awards = [
        AwardFactory(
            programme=programme,
            organisation=organisation,
            amount=Decimal("600000.00"),
            years={first: Decimal("600000.00")},
        )
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(award, person):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            approve_award(award=award, by=person, reason="Approved at the same moment")
            outcomes.append("approved")
        except BudgetExceeded:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=approve, args=(award, person)) for award, person in zip(awards, staff, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["approved", "refused"]
    budget = ProgrammeBudget.objects.get(programme=programme, financial_year=first)
    assert budget.committed == Decimal("600000.00")
    assert budget.committed <= budget.amount
    statuses = sorted(award.status for award in type(awards[0]).objects.filter(pk__in=[a.pk for a in awards]))
    assert statuses == ["approved", "draft"]
