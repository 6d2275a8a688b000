from pathlib import Path

from django.core.management.base import BaseCommand

from thirdsector.register.scale_data import write_charity_extract


class Command(BaseCommand):
    help = (
        "Writes a made-up Charity Commission register extract (header and tab-separated lines) for trying "
        "or benchmarking the import. The first charities are those of generate_scale_data; the rest are new."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="The file to write")
        parser.add_argument("--rows", type=int, default=200_000, help="How many charities (default 200,000)")

    def handle(self, *args, output: Path, rows: int, **options):
        write_charity_extract(output, rows=rows)
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows:,} rows to {output}"))
