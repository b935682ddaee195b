"""Reading the state of background work: which queues have a live worker."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from jobs.models import QueueHeartbeat
from jobs.queues import QUEUES

#: Beat sends a heartbeat to every queue each minute; three missed in a row
#: mean no worker is consuming that queue (or it is stuck behind a backlog
#: that long, which an operator wants to know about too).
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class QueueHealth:
    queue: str
    beat_at: datetime | None
    worker: str
    healthy: bool


def queue_health(*, now: datetime | None = None) -> list[QueueHealth]:
    """Each queue's latest heartbeat, and whether it is recent enough."""
    now = now or timezone.now()
    beats = {beat.queue: beat for beat in QueueHeartbeat.objects.all()}
    health = []
    for queue in QUEUES:
        beat = beats.get(queue)
        health.append(
            QueueHealth(
                queue=queue,
                beat_at=beat.beat_at if beat else None,
                worker=beat.worker if beat else "",
                healthy=bool(beat and beat.beat_at >= now - HEARTBEAT_STALE_AFTER),
            )
        )
    return health
