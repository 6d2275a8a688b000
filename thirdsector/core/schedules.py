"""Daily schedules: each app lists its steps (label, module, function); these run them for a day.

Each step is written by the capability that owns it, takes `today=` and returns what it changed. An
app's `tasks.py` names its steps and offers them as a task; its `run_<app>_schedule` command, for cron,
is made by `schedule_command`, so every app's command behaves the same way.
"""

import datetime
import importlib
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

Steps = tuple[tuple[str, str, str], ...]


def run_steps(steps: Steps, *, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Runs each step for `today`; returns (step, what it did) for each."""
    today = today or timezone.localdate()
    outcomes = []
    for label, module_name, function_name in steps:
        step = getattr(importlib.import_module(module_name), function_name)
        outcomes.append((label, str(step(today=today))))
    return outcomes


def schedule_command(whose: str, steps: Steps, run: Callable[..., list[tuple[str, str]]]) -> type[BaseCommand]:
    """A management command running `whose` daily `steps` with `run`, for today or `--today` to catch up."""

    class Command(BaseCommand):
        help = f"Runs {whose} daily steps: " + "; ".join(label.lower() for label, _m, _f in steps) + "."

        def add_arguments(self, parser):
            parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD), to catch up a missed day")

        def handle(self, *args, today=None, **options):
            try:
                day = datetime.date.fromisoformat(today) if today else None
            except ValueError as error:
                raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}") from error
            for label, outcome in run(today=day):
                self.stdout.write(f"{label}: {outcome}")

    return Command
