from django.core.management.base import BaseCommand

from learning.demo import demo_learning_content_load


class Command(BaseCommand):
    help = "Create the demo learning library (idempotent)."

    def handle(self, *args, **options):
        made = demo_learning_content_load()
        self.stdout.write(f"Learning library ready ({made} pages added).")
