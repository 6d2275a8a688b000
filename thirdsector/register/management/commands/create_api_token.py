"""`manage.py create_api_token <email>`: issue an API token for a machine client.

The client sends it as `Authorization: Token <key>`. Only people with shell access to the server
(platform admins) can run this, so issuing a token is a staff-only act. A token acts as its person
without their second factor, so issue one to an account kept for the machine, not to a person's own:
a token for department staff or a platform admin may change the register through the API. Anyone
else's token reads as the public does, at the signed-in rate limit. `--replace` issues a new key;
the old one stops working at once.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from thirdsector.accounts.access import is_staff


class Command(BaseCommand):
    help = "Issue an API token for the person with this email address (prints the key)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--replace", action="store_true", help="Replace an existing token; the old key stops working"
        )

    @transaction.atomic
    def handle(self, *args, email: str, replace: bool, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No one has the email address {email}")
        if not user.is_active:
            raise CommandError(f"{email}'s account is switched off: switch it on before issuing a token")
        existing = Token.objects.filter(user=user).first()
        if existing is not None:
            if not replace:
                raise CommandError(f"{email} already has a token: use --replace to issue a new one")
            existing.delete()
        token = Token.objects.create(user=user)
        what = "may change the register" if is_staff(user) else "reads as the public does"
        self.stderr.write(f"Token issued for {user.email}; it {what}. Keep it secret:")
        self.stdout.write(token.key)
