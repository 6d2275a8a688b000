"""Background work of the funding app, run by the tasks framework's worker (`manage.py db_worker`).

The daily schedule is also a management command (`run_funding_schedule`) for cron. Each step is
written by the capability that owns it and imported when the schedule runs, so this module loads
even while one of them is not yet in place.
"""

import datetime
import importlib
import logging

from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# The daily steps, in order: (what it does, module, function). Each takes `today=` and returns what it
# changed (a number, or the rows).
_PAYMENTS = "thirdsector.funding.services.payments"
DAILY_STEPS = (
    ("Strategic partner statuses lapsed", "thirdsector.funding.services.partners", "lapse_expired_statuses"),
    ("Payments held for overdue returns", _PAYMENTS, "hold_payments_with_overdue_returns"),
    ("Held payments released", _PAYMENTS, "release_held_payments"),
    ("End-of-funding notices sent", "thirdsector.funding.services.notices", "send_end_of_funding_notices"),
)


def describe(result) -> str:
    """What a step returned, as a count for people reading the log."""
    if result is None:
        return "done"
    if isinstance(result, bool):
        return "yes" if result else "no"
    if isinstance(result, int):
        return str(result)
    try:
        return str(len(result))
    except TypeError:
        return str(result)


def run_daily_schedule(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Runs each daily step for `today`; returns (step, what it did) for each, "not available" if missing."""
    today = today or timezone.localdate()
    outcomes = []
    for label, module_name, function_name in DAILY_STEPS:
        try:
            step = getattr(importlib.import_module(module_name), function_name, None)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            step = None
        if step is None:
            logger.error("%s.%s is not available, so it did not run", module_name, function_name)
            outcomes.append((label, "not available"))
            continue
        outcomes.append((label, describe(step(today=today))))
    return outcomes


@task
def run_funding_schedule(today: str | None = None) -> dict:
    """The daily schedule as a task; `today` is an ISO date, for re-running a missed day."""
    day = datetime.date.fromisoformat(today) if today else None
    return dict(run_daily_schedule(today=day))


@task
def send_end_of_funding_notices(today: str | None = None) -> int:
    from .services.notices import send_end_of_funding_notices as send

    return send(today=datetime.date.fromisoformat(today) if today else None)
