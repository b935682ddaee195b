from django.core.management.base import BaseCommand

from search.services import index_replay


class Command(BaseCommand):
    help = "Apply every pending search index update now (the sweep queues their tasks)."

    def handle(self, *args, **options):
        applied = index_replay(limit=100_000)
        self.stdout.write(f"{applied} index updates applied")
