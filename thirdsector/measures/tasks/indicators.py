"""Background work of the measures app: computing every indicator, daily and when staff ask.

The daily schedule is also a management command (`run_measures_schedule`) for cron.
"""

import datetime

from django.tasks import task

from ..services.indicators import compute_indicators


@task
def compute_indicators_task(today: str | None = None) -> int:
    """Every indicator for this year and the years before; `today` is an ISO date, for a missed day."""
    return compute_indicators(today=datetime.date.fromisoformat(today) if today else None)


def compute_indicators_now() -> None:
    compute_indicators_task.enqueue()
