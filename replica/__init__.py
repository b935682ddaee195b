"""Reads that may be served by a PostgreSQL streaming replica.

The lowest package of ours (it imports none of the others): reports and the
database search backend wrap their reads in ``replica_reads()``; the router
(``replica.router.ReplicaRouter``) then sends those reads, and only those, to
the ``replica`` database when ``DATABASE_REPLICA_URL`` is set. Every write,
and every read outside the block, goes to the primary.

Public face: replica_reads, replica_freshness, Freshness.
"""

from replica.routing import Freshness, replica_freshness, replica_reads

__all__ = ["Freshness", "replica_freshness", "replica_reads"]
