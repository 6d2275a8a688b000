import time

from django.core.management.base import BaseCommand

from thirdsector.register.scale_data import (
    load_scale_organisations,
    scale_organisations_present,
    vacuum_scale_tables,
)


class Command(BaseCommand):
    help = (
        "Adds deterministic made-up organisations (with identifiers, policy areas, characteristics and areas "
        "served) until the register holds the number asked for; for benchmarks. No history rows are written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=200_000, help="How many (default 200,000)")

    def handle(self, *args, organisations: int, **options):
        present = scale_organisations_present()
        if present >= organisations:
            self.stdout.write(f"Scale data already loaded: {present:,} organisations")
            return
        started = time.perf_counter()

        def progress(done: int) -> None:
            self.stdout.write(f"  {present + done:,} of {organisations:,}", ending="\r")
            self.stdout.flush()

        on_screen = self.stdout.isatty()
        added = load_scale_organisations(
            count=organisations, already_present=present, progress=progress if on_screen else None
        )
        vacuum_scale_tables()
        elapsed = time.perf_counter() - started
        if on_screen:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Added {added:,} organisations in {elapsed:.1f}s"))
