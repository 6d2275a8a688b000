"""A local funder cannot award more than its allocation less its admin share, even when two of its
people approve end grants at the same moment (PostgreSQL only: it needs row locks).

The local funder's budget is its allocation less its admin share; two threads approve, at once, end
grants that together need more than is left. Threads use their own database connections, so the test
is transactional; it empties every table when it ends, so this module puts the migrations' reference
data back for the tests that run after it, as `test_budget_concurrency.py` does. Run it with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_small_grants THIRDSECTOR_ENV=test .venv/bin/pytest
thirdsector/funding/tests/test_local_funder_concurrency.py`.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from thirdsector.browser_tests.reference_data import bulk_loader

from ..errors import BudgetExceeded
from ..models import Award, ProgrammeBudget
from ..services.awards import approve_award
from .small_grants_helpers import end_grant, fund_administrator_of, local_funder_programme, small_group, this_year

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
def test_two_end_grants_approved_at_once_cannot_take_the_local_funder_past_its_allocation():
    # £100,000 allocation, £10,000 admin share: £90,000 for grants, of which £87,000 is already committed.
    programme = local_funder_programme(allocation=Decimal("100000.00"), admin_share=Decimal("10000.00"))
    drafts = [
        end_grant(programme, small_group(f"Group {number}"), amount="2500.00", status="draft") for number in (1, 2)
    ]
    # Drafts hold no money (the helper moved it as approval would): £87,000 committed leaves £3,000.
    ProgrammeBudget.objects.filter(programme=programme).update(committed=Decimal("87000.00"))
    panel = [fund_administrator_of(programme) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(award, person):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            approve_award(award=award, by=person, reason="Panel approved")
            outcomes.append("approved")
        except BudgetExceeded:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=pair) for pair in zip(drafts, panel, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["approved", "refused"]
    budget = ProgrammeBudget.objects.get(programme=programme, financial_year=this_year())
    assert budget.committed == Decimal("89500.00")
    assert budget.committed <= programme.funded_by.amount - Decimal("10000.00")
    assert sorted(Award.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)) == [
        "approved",
        "draft",
    ]
