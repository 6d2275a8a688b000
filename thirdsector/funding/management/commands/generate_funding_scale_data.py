import time

from django.core.management.base import BaseCommand, CommandError

from thirdsector.funding.scale_data import (
    FundingScaleDataError,
    funding_scale_awards_present,
    load_funding_scale_data,
    vacuum_funding_tables,
)


class Command(BaseCommand):
    help = (
        "Adds three made-up grant programmes with deterministic awards, yearly amounts, applications and "
        "payments over the register's scale organisations (run generate_scale_data first); for benchmarks. "
        "Written once per database; no history rows are written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--awards", type=int, default=1_000_000, help="How many awards (default 1,000,000)")
        parser.add_argument("--applications", type=int, default=200_000, help="How many applications (default 200,000)")
        parser.add_argument("--payments", type=int, default=300_000, help="How many payments (default 300,000)")

    def handle(self, *args, awards: int, applications: int, payments: int, **options):
        present = funding_scale_awards_present()
        if present and present == awards:
            self.stdout.write(f"Funding scale data already loaded: {present:,} awards")
            return
        started = time.perf_counter()
        try:
            loaded = load_funding_scale_data(
                awards=awards, applications=applications, payments=payments, progress=self._progress
            )
        except FundingScaleDataError as error:
            raise CommandError(str(error)) from error
        vacuum_funding_tables()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {loaded.programmes} programmes, {loaded.rounds} rounds, {loaded.awards:,} awards "
                f"({loaded.award_years:,} yearly amounts), {loaded.applications:,} applications and "
                f"{loaded.payments:,} payments in {elapsed:.1f}s"
            )
        )

    def _progress(self, message: str) -> None:
        if self.stdout.isatty():
            self.stdout.write(f"  {message}")
