"""The open data app's daily schedule, for cron: `manage.py run_opendata_schedule [--force]`."""

from django.core.management.base import BaseCommand

from ...services.snapshots import generate_snapshot, refresh_snapshot


class Command(BaseCommand):
    help = (
        "Regenerates the 360Giving grants files (JSON, CSV, XLSX) when awards, programmes, organisations or "
        "identifiers changed since the newest snapshot; --force regenerates them anyway."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Regenerate even if nothing has changed")

    def handle(self, *args, force=False, **options):
        snapshot = generate_snapshot() if force else refresh_snapshot()
        if snapshot is None:
            self.stdout.write("360Giving grants: up to date, not regenerated")
            return
        self.stdout.write(f"360Giving grants: regenerated, {snapshot.grants:,} grants in {snapshot.seconds_taken:.1f}s")
