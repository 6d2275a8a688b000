"""Committing awards against programme budgets, one financial year at a time.

Each year's commitment moves with one conditional UPDATE (`committed + amount <= amount`), so two
approvals at the same moment cannot both take the last of a budget: on PostgreSQL the second waits for
the first's row lock and re-checks; on SQLite writes are serialised. A check constraint on the table
backs this up.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from ..errors import BudgetExceeded
from ..financial_years import financial_year_label
from ..models import Award, ProgrammeBudget


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


@transaction.atomic
def commit_award(award: Award) -> None:
    """Holds the award's yearly amounts against its programme's budgets, or refuses with the year short."""
    for year in award.years.order_by("financial_year"):
        moved = ProgrammeBudget.objects.filter(
            programme_id=award.programme_id,
            financial_year=year.financial_year,
            committed__lte=F("amount") - year.amount,
        ).update(committed=F("committed") + year.amount)
        if moved:
            continue
        budget = ProgrammeBudget.objects.filter(
            programme_id=award.programme_id, financial_year=year.financial_year
        ).first()
        label = financial_year_label(year.financial_year)
        if budget is None:
            raise BudgetExceeded(f"{award.programme} has no budget for {label}: set one before approving this award.")
        raise BudgetExceeded(
            f"{award.programme} has {_pounds(budget.remaining)} left to commit in {label}; "
            f"this award needs {_pounds(year.amount)} in that year."
        )


@transaction.atomic
def release_award(award: Award) -> None:
    """Gives back what a withdrawn or declined award held."""
    for year in award.years.all():
        ProgrammeBudget.objects.filter(programme_id=award.programme_id, financial_year=year.financial_year).update(
            committed=F("committed") - year.amount
        )


@transaction.atomic
def change_commitment(award: Award, new_years: dict[int, Decimal]) -> None:
    """Moves a committed award from its current yearly amounts to `new_years` (after a variation)."""
    old_years = dict(award.years.values_list("financial_year", "amount"))
    for financial_year in sorted(set(old_years) | set(new_years)):
        change = new_years.get(financial_year, Decimal("0")) - old_years.get(financial_year, Decimal("0"))
        if change <= 0:
            ProgrammeBudget.objects.filter(programme_id=award.programme_id, financial_year=financial_year).update(
                committed=F("committed") + change
            )
            continue
        moved = ProgrammeBudget.objects.filter(
            programme_id=award.programme_id, financial_year=financial_year, committed__lte=F("amount") - change
        ).update(committed=F("committed") + change)
        if not moved:
            raise BudgetExceeded(
                f"{award.programme} does not have {_pounds(change)} more to commit in "
                f"{financial_year_label(financial_year)}."
            )
