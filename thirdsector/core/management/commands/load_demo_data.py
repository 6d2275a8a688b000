from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from thirdsector.accounts.models import User


class Command(BaseCommand):
    help = "Loads the deterministic demo data of every app, if the database has no people yet."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when anyone has an account")

    def handle(self, *args, if_empty: bool, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Demo data already loaded")
            return
        for path in settings.DEMO_DATA_LOADERS:
            self.stdout.write(f"Loading {path} ...")
            import_string(path)()
        self.stdout.write(self.style.SUCCESS("Demo data loaded"))
