"""Which database a read goes to, and how far behind the replica is."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"

#: Set inside ``replica_reads()`` when the replica is configured and answers.
reading_from_replica: ContextVar[bool] = ContextVar(
    "reading_from_replica", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and getattr(
        settings, "PORTFOLIO_READ_REPLICA", False
    )


def _replica_answers() -> bool:
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        # A lost replica degrades reports to the primary, nothing more.
        logger.warning("Read replica unavailable; reading from the primary: %s", error)
        return False
    return True


@contextmanager
def replica_reads():
    """Within the block, reads go to the replica when one is configured and
    answers (yields True), otherwise to the primary (yields False)."""
    use = replica_configured() and _replica_answers()
    token = reading_from_replica.set(use)
    try:
        yield use
    finally:
        reading_from_replica.reset(token)


@dataclass(frozen=True)
class Freshness:
    """How current the figures just read are."""

    #: "replica" or "primary".
    source: str
    #: Seconds of changes the replica has received but not yet applied
    #: (0 when it is up to date, or when the figures came from the primary).
    seconds_behind: float

    @property
    def whole_seconds(self) -> int:
        return round(self.seconds_behind)

    @property
    def behind(self) -> bool:
        """Worth telling the reader: more than a few seconds out of date."""
        return self.seconds_behind >= settings.PORTFOLIO_REPLICA_LAG_NOTICE_SECONDS


# Up to date when everything received has been replayed; otherwise the age of
# the last transaction replayed (how old the newest change we can see is).
_LAG_SQL = """
SELECT CASE
    WHEN pg_last_wal_receive_lsn() IS NULL
        OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


def replica_freshness(*, used_replica: bool) -> Freshness:
    """The freshness of figures read inside ``replica_reads()``."""
    if not used_replica:
        return Freshness(source="primary", seconds_behind=0)
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            (seconds,) = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Could not read the replica's lag: %s", error)
        return Freshness(source=REPLICA, seconds_behind=0)
    return Freshness(source=REPLICA, seconds_behind=max(float(seconds), 0.0))
