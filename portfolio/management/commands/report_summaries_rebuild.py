"""Work out the people's yearly summaries (what the CPD readiness report
counts) again from their entries.

    manage.py report_summaries_rebuild            # everyone with an entry
    manage.py report_summaries_rebuild --stale    # only rows that lag

Run it after loading entries by a path that bypasses the portfolio's writes
(a bulk load, a restore), and once after the release that adds the
summaries, so that no report has to work them out on first read."""

import time

from django.core.management.base import BaseCommand

from portfolio.people.models import User
from portfolio.reports.services import summaries_rebuild, summaries_refresh_stale


class Command(BaseCommand):
    help = "Work out the people's yearly CPD summaries again from their entries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only the people whose summaries lag their portfolio.",
        )

    def handle(self, *args, stale=False, **options):
        started = time.monotonic()
        if stale:
            people = summaries_refresh_stale(people=User.objects.all())
        else:
            people = summaries_rebuild()
        self.stdout.write(
            f"Yearly summaries of {people} people worked out in "
            f"{time.monotonic() - started:.1f} s."
        )
