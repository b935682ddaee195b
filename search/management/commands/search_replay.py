from django.core.management.base import BaseCommand

from search.services import index_sweep


class Command(BaseCommand):
    help = "Apply every pending search index update now (what the sweep does)."

    def handle(self, *args, **options):
        applied = index_sweep(limit=100_000)
        self.stdout.write(f"{applied} index updates applied")
