"""Print the current two-factor code for the demo accounts (demo data only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current authentication code of the demo accounts."

    def handle(self, *args, **options):
        if not settings.PORTFOLIO_ALLOW_DEMO_DATA:
            raise CommandError("Demo data is switched off in these settings.")
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
