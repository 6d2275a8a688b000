"""Django's system checks pass, as `make run` (migrate, runserver) demands before it starts."""

from django.core.management import call_command


def test_the_system_checks_find_nothing_wrong(db):
    # Raises SystemCheckError on any problem; with a database it also checks the models against it (an index
    # name too long), as migrate does.
    call_command("check", "--database", "default", "--fail-level", "WARNING")
