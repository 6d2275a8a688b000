from django.core.management.base import BaseCommand
from django_otp.oath import totp

from thirdsector.accounts.demo import DEMO_TOTP_BASE32, DEMO_TOTP_HEX_KEY


class Command(BaseCommand):
    help = "Prints the current security code of the demo accounts' authenticator."

    def handle(self, *args, **options):
        code = totp(bytes.fromhex(DEMO_TOTP_HEX_KEY))
        self.stdout.write(f"{code:06d}")
        self.stderr.write(f"(demo authenticator key {DEMO_TOTP_BASE32}; codes change every 30 seconds)")
