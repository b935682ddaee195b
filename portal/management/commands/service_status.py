"""Report whether the database, cache, task queue and search answer."""

from django.core.management.base import BaseCommand, CommandError

from portal.service_status import service_statuses


class Command(BaseCommand):
    help = "Check each backing service the portal is configured for."

    def add_arguments(self, parser):
        parser.add_argument("--task-timeout", type=float, default=5.0)

    def handle(self, *args, task_timeout, **options):
        failed = False
        for status in service_statuses(task_timeout=task_timeout):
            state = "ok" if status.healthy else "FAILING"
            mode = "configured" if status.configured else "embedded default"
            self.stdout.write(f"{status.name:12} {state:8} {mode:17} {status.detail}")
            failed |= not status.healthy
        if failed:
            raise CommandError("At least one service is failing.")
