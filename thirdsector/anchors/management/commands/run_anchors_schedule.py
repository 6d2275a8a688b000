"""The anchors app's daily schedule, for cron: `manage.py run_anchors_schedule [--today YYYY-MM-DD]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ...tasks import DAILY_STEPS, run_daily_schedule


class Command(BaseCommand):
    help = "Runs the anchors app's daily steps: " + "; ".join(label.lower() for label, _m, _f in DAILY_STEPS) + "."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD), to catch up a missed day")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}") from error
        for label, outcome in run_daily_schedule(today=day):
            self.stdout.write(f"{label}: {outcome}")
