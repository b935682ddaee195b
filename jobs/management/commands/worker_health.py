"""Report each Celery queue's latest heartbeat; fail if any is stale."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.selectors import HEARTBEAT_STALE_AFTER, queue_health


class Command(BaseCommand):
    help = (
        "Check that a worker consumes every queue: beat sends each a heartbeat "
        "every minute; one older than "
        f"{int(HEARTBEAT_STALE_AFTER.total_seconds() // 60)} minutes is stale."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        stale = []
        for health in queue_health(now=now):
            if health.beat_at is None:
                seen = "never"
            else:
                seen = f"{(now - health.beat_at).total_seconds():.0f} s ago"
            state = "ok" if health.healthy else "STALE"
            self.stdout.write(f"{health.queue:14} {state:6} {seen:14} {health.worker}")
            if not health.healthy:
                stale.append(health.queue)
        if stale:
            raise CommandError(f"No worker is consuming: {', '.join(stale)}.")
