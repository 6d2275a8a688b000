"""`manage.py import_charity_register <path>`: import the Charity Commission register extract from disk."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from thirdsector.register.models import ImportStatus
from thirdsector.register.services.charity_import import (
    ImportRefused,
    create_import_job,
    import_charity_register,
    start_charity_import,
)


class Command(BaseCommand):
    help = (
        "Import the Charity Commission register extract (publicextract.charity, tab-separated text). "
        "Prints the counts and every rejected row with its reason; exits with 1 if rows were rejected "
        "and nothing was kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The extract file")
        parser.add_argument(
            "--keep-valid-rows",
            action="store_true",
            help="Import the good rows even if some are rejected (by default one rejection means nothing is imported)",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the import for the task worker (manage.py db_worker) and return at once",
        )
        parser.add_argument("--by", metavar="EMAIL", help="The person the register's history names for the changes")

    def handle(self, *args, path: str, keep_valid_rows: bool, background: bool, by: str | None, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"There is no file at {source}")
        person = None
        if by:
            person = get_user_model().objects.filter(email__iexact=by).first()
            if person is None:
                raise CommandError(f"Nobody has the email address {by}")
        try:
            if background:
                with source.open("rb") as handle:
                    job = start_charity_import(
                        uploaded_file=File(handle, name=source.name), by=person, keep_valid_rows=keep_valid_rows
                    )
                self.stdout.write(f"Queued import #{job.pk}: the task worker will run it.")
                return
            job = create_import_job(filename=source.name, by=person, keep_valid_rows=keep_valid_rows)
        except ImportRefused as error:
            raise CommandError(str(error)) from error

        result = import_charity_register(source=source, by=person, job=job, keep_valid_rows=keep_valid_rows)
        self.stdout.write(f"Import #{job.pk} of {source.name}: {job.get_status_display().lower()}")
        for label, count in [
            ("Rows in the file", result.rows_total),
            ("Organisations added", result.created),
            ("Organisations updated", result.updated),
            ("Already up to date", result.unchanged),
            ("Linked charities left out", result.linked_skipped),
            ("Rows rejected", result.rejected),
        ]:
            self.stdout.write(f"{label}: {count:,}")
        for rejection in result.rejections:
            name = rejection.name or "(no name)"
            self.stdout.write(
                f"  line {rejection.line_number}, charity {rejection.charity_number or '(none)'}, {name}: "
                f"{rejection.reason}"
            )
        if result.status != ImportStatus.SUCCEEDED:
            raise CommandError(result.error_message)
