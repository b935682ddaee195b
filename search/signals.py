"""Signal receivers that record index operations.

Search sits above portfolio and learning, so it listens to their models rather
than being called by them. Each receiver runs inside the transaction that
saves or deletes the object (the evidence services and Wagtail's publishing
are atomic, as is every request), so the outbox row is written, or rolled
back, together with the change.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished

from learning.models import LearningContentPage
from portfolio.evidence.models import Entry, EntryMapping, ReflectionStage
from search.services import index_operation_record


def _entry_changed(sender, instance, **kwargs):
    action = "delete" if kwargs.get("signal") is post_delete else "index"
    index_operation_record(kind="entry", object_id=instance.pk, action=action)


def _entry_part_changed(sender, instance, **kwargs):
    # A stage or mapping of an entry: the entry's document changes. On a
    # cascade from deleting the entry this records the entry again, harmlessly.

    index_operation_record(kind="entry", object_id=instance.entry_id, action="index")


def connect_entry_signals() -> None:
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


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, LearningContentPage):
        action = "index" if kwargs.get("signal") is page_published else "delete"
        index_operation_record(
            kind="learning_page", object_id=instance.pk, action=action
        )


def connect_learning_signals() -> None:
    # Publishing, unpublishing and deleting are the only ways a page's public
    # text changes (drafts and revisions are not searchable). Deleting fires
    # post_delete once per table of the page's model; they record one op.
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_changed, dispatch_uid="search-page-deleted")
