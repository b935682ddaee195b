"""Signal receivers that record index operations.

Search sits above portfolio and learning, so it listens to their models rather
than being called by them. Each receiver runs inside the transaction that
saves or deletes the object (the evidence services and Wagtail's publishing
are atomic, as is every request), so the outbox row is written, or rolled
back, together with the change.
"""

from django.db.models.signals import post_delete, post_save


def _entry_changed(sender, instance, **kwargs):
    from search.services import index_operation_record

    action = "delete" if kwargs.get("signal") is post_delete else "index"
    index_operation_record(kind="entry", object_id=instance.pk, action=action)


def _entry_part_changed(sender, instance, **kwargs):
    # A stage or mapping of an entry: the entry's document changes. On a
    # cascade from deleting the entry this records the entry again, harmlessly.
    from search.services import index_operation_record

    index_operation_record(kind="entry", object_id=instance.entry_id, action="index")


def connect_entry_signals() -> None:
    from portfolio.evidence.models import Entry, EntryMapping, ReflectionStage

    for signal, when in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _entry_changed, sender=Entry, dispatch_uid=f"search-entry-{when}"
        )
        for part in (EntryMapping, ReflectionStage):
            signal.connect(
                _entry_part_changed,
                sender=part,
                dispatch_uid=f"search-{part.__name__}-{when}",
            )
