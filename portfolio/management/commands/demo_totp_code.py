"""Print the current two-factor code for the demo accounts (demo data only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET
from portfolio.management.demo_mfa import totp_code


class Command(BaseCommand):
    help = "Print the current authentication code of the demo accounts."

    def handle(self, *args, **options):
        if not settings.PORTFOLIO_ALLOW_DEMO_DATA:
            raise CommandError("Demo data is switched off in these settings.")
        self.stdout.write(totp_code(DEMO_TOTP_SECRET))
