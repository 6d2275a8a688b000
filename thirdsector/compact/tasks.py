"""Background work of the Compact app, run by the tasks framework's worker (`manage.py db_worker`).

The daily schedule is also a management command (`run_compact_schedule`) for cron. Each step is
written by the capability that owns it and imported when the schedule runs.
"""

import datetime
import logging

from django.tasks import task

from thirdsector.core.schedules import run_steps

logger = logging.getLogger(__name__)

# The daily steps, in order: (what it does, module, function). Each takes `today=` and returns a count.
DAILY_STEPS = (
    (
        "Consultations closed at their closing date",
        "thirdsector.compact.services.consultations",
        "close_finished_consultations",
    ),
    ("Breach case reminders sent", "thirdsector.compact.services.breaches", "send_breach_reminders"),
)


def run_daily_schedule(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Runs each daily step for `today`; returns (step, what it did) for each."""
    return run_steps(DAILY_STEPS, today=today)


@task
def run_compact_schedule(today: str | None = None) -> dict:
    """The daily schedule as a task; `today` is an ISO date, for re-running a missed day."""
    day = datetime.date.fromisoformat(today) if today else None
    return dict(run_daily_schedule(today=day))


@task
def send_breach_reminders(today: str | None = None) -> int:
    """Reminds case workers of breach cases due within a working day or overdue, once per due date."""
    from .services.breaches import send_breach_reminders as send

    return send(today=datetime.date.fromisoformat(today) if today else None)
