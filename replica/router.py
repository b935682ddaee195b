"""The database router: reads inside ``replica_reads()`` go to the replica;
everything else, and every write, to the primary."""

from django.db import DEFAULT_DB_ALIAS

from replica.routing import REPLICA, reading_from_replica


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # Answering "default" outside the block (rather than no opinion)
        # keeps a row read from the replica from sending its related reads
        # there later, through Django's instance hint.
        return REPLICA if reading_from_replica.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
