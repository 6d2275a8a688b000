"""The measures app's daily schedule, for cron: `manage.py run_measures_schedule [--today YYYY-MM-DD]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ...services.indicators import compute_indicators


class Command(BaseCommand):
    help = "Computes every indicator for this year and the years before, and stores the values."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Compute as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}") from error
        self.stdout.write(f"Indicator values stored: {compute_indicators(today=day)}")
