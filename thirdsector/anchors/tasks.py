"""Background work of the anchors app, run by the tasks framework's worker (`manage.py db_worker`).

The daily schedule is also a management command (`run_anchors_schedule`) for cron. Each step is written by
the capability that owns it and imported when the schedule runs.
"""

import datetime

from django.tasks import task

from thirdsector.core.schedules import run_steps

# The daily steps, in order: (what it does, module, function). Each takes `today=` and returns a count.
DAILY_STEPS = (
    (
        "Designations lapsed for want of a review",
        "thirdsector.anchors.services.designation",
        "lapse_unreviewed",
    ),
)


def run_daily_schedule(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Runs each daily step for `today`; returns (step, what it did) for each."""
    return run_steps(DAILY_STEPS, today=today)


@task
def run_anchors_schedule(today: str | None = None) -> dict:
    """The daily schedule as a task; `today` is an ISO date, for re-running a missed day."""
    day = datetime.date.fromisoformat(today) if today else None
    return dict(run_daily_schedule(today=day))
