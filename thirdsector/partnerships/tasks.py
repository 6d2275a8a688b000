"""Background work of the partnerships app, run by the tasks framework's worker (`manage.py db_worker`).

The daily schedule is also a management command (`run_partnerships_schedule`) for cron. Each step is
written by the capability that owns it and imported when the schedule runs; other capabilities add theirs
to DAILY_STEPS.
"""

import datetime

from django.tasks import task

from thirdsector.core.schedules import run_steps

# The daily steps, in order: (what it does, module, function). Each takes `today=` and returns a count.
DAILY_STEPS = (
    (
        "Overdue Community Call for Action steps flagged",
        "thirdsector.partnerships.services.ccfa",
        "flag_overdue_calls",
    ),
)


def run_daily_schedule(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Runs each daily step for `today`; returns (step, what it did) for each."""
    return run_steps(DAILY_STEPS, today=today)


@task
def run_partnerships_schedule(today: str | None = None) -> dict:
    """The daily schedule as a task; `today` is an ISO date, for re-running a missed day."""
    day = datetime.date.fromisoformat(today) if today else None
    return dict(run_daily_schedule(today=day))


@task
def email_support_request_change(request_id: int, event: str) -> int:
    """Emails those a change to a support request concerns; queued once the change has committed."""
    from .services.capacity_emails import send_request_emails

    return send_request_emails(request_id=request_id, event=event)
