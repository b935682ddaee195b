"""Reads of the frameworks kept in the shared cache until any of them changes.

The frameworks, their items and crosswalks change rarely, through imports and
the admin, but are read on nearly every page (the active PCF, which items
count towards which domain). Each such read is cached under a stamp that any
save or delete of those rows replaces (the receivers connected in
``CapabilitiesConfig.ready``), and lives at most ``FRAMEWORKS_CACHE_SECONDS``.
A cache outage only means reading from the database.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

FRAMEWORKS_STAMP_KEY = "capabilities:stamp"
#: A cached read lives at most this long, whatever happens.
FRAMEWORKS_CACHE_SECONDS = 60 * 60


def frameworks_stamp() -> str:
    """Changes whenever any framework, level, item or crosswalk does."""
    stamp = cache.get(FRAMEWORKS_STAMP_KEY)
    if stamp is None:
        stamp = uuid.uuid4().hex
        cache.set(FRAMEWORKS_STAMP_KEY, stamp, None)
    return stamp


def _stamp_replace() -> None:
    cache.set(FRAMEWORKS_STAMP_KEY, uuid.uuid4().hex, None)


def frameworks_changed(sender=None, **kwargs) -> None:
    """A signal receiver: every cached framework read is dropped, now and
    again after commit (a request reading the old rows while the change's
    transaction was open may have cached them under the first new stamp)."""
    _stamp_replace()
    transaction.on_commit(_stamp_replace)


def frameworks_changed_on_save_of(*models) -> None:
    for model in models:
        for signal, when in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                frameworks_changed,
                sender=model,
                dispatch_uid=f"frameworks-stamp-{model.__name__}-{when}",
            )


def frameworks_cached(*, name: str, parts: tuple, read: Callable[[], T]) -> T:
    """``read()`` from the shared cache while the frameworks are unchanged;
    ``parts`` names whatever else it depends on. None is cached too."""
    key = ":".join(["capabilities", name, frameworks_stamp(), *(str(p) for p in parts)])
    found = cache.get(key)
    if found is None:
        found = (read(),)  # boxed, so that a None answer is remembered
        cache.set(key, found, FRAMEWORKS_CACHE_SECONDS)
    return found[0]
