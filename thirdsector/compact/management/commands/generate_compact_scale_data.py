import time

from django.core.management.base import BaseCommand, CommandError

from thirdsector.compact.scale_data import (
    CompactScaleDataError,
    compact_scale_bodies_present,
    compact_scale_responses_present,
    load_compact_scale_data,
    vacuum_compact_tables,
)


class Command(BaseCommand):
    help = (
        "Adds twelve made-up public bodies with deterministic consultations, responses and answers, breach "
        "cases, policies with their proofing, and teams with their training; for benchmarks. Organisations "
        "respond as the register's scale organisations where there are any (generate_scale_data). Written "
        "once per database; no history rows are written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=100_000, help="How many responses (default 100,000)")
        parser.add_argument("--consultations", type=int, default=300, help="How many consultations (default 300)")
        parser.add_argument("--breaches", type=int, default=5_000, help="How many breach cases (default 5,000)")
        parser.add_argument("--policies", type=int, default=600, help="How many policies (default 600)")

    def handle(self, *args, responses: int, consultations: int, breaches: int, policies: int, **options):
        if compact_scale_bodies_present():
            present = compact_scale_responses_present()
            if present == responses:
                self.stdout.write(f"Compact scale data already loaded: {present:,} responses")
                return
        started = time.perf_counter()
        try:
            loaded = load_compact_scale_data(
                responses=responses,
                consultations=consultations,
                breaches=breaches,
                policies=policies,
                progress=self._progress,
            )
        except CompactScaleDataError as error:
            raise CommandError(str(error)) from error
        vacuum_compact_tables()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {loaded.bodies} bodies, {loaded.consultations:,} consultations ({loaded.questions:,} "
                f"questions), {loaded.responses:,} responses ({loaded.answers:,} answers), {loaded.breaches:,} "
                f"breach cases, {loaded.policies:,} policies ({loaded.assessments:,} proofing assessments), "
                f"{loaded.teams} teams of {loaded.staff:,} staff in {elapsed:.1f}s"
            )
        )

    def _progress(self, message: str) -> None:
        if self.stdout.isatty():
            self.stdout.write(f"  {message}")
