"""Issues a machine client's API key from the command line and prints it once (only its hash is kept)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thirdsector.accounts.api_keys import issue_api_key
from thirdsector.accounts.models import User
from thirdsector.register.models import Organisation


class Command(BaseCommand):
    help = "Issues an API key for a machine client and prints the key; it cannot be shown again."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The client's name, like 'Leeds council directory sync'")
        parser.add_argument("--contact", required=True, help="The client's contact email")
        parser.add_argument("--rate", default="", help="Requests allowed, like 1000/hour")
        parser.add_argument("--organisation", type=int, help="The register id of the organisation it acts for")
        parser.add_argument("--by", required=True, help="Email of the staff member issuing it (kept in its history)")
        parser.add_argument("--reason", default="Issued from the command line", help="Why, kept in its history")

    def handle(self, *args, **options):
        by = User.objects.filter(email=options["by"].lower()).first()
        if by is None:
            raise CommandError(f"Nobody signs in as {options['by']}")
        organisation = None
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation on the register has id {options['organisation']}")
        try:
            issued = issue_api_key(
                name=options["name"],
                contact_email=options["contact"],
                organisation=organisation,
                rate=options["rate"],
                by=by,
                reason=options["reason"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(issued.key)
        self.stderr.write(f"(key for {issued.api_key.name} at {issued.api_key.rate}; sent as Authorization: Api-Key)")
