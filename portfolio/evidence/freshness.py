"""Per-person reads cached in the shared cache, never stale after a save.

Coverage and registration readiness are read on most pages a practitioner
opens and change only when their entries, mappings or reviews do. They are
cached under a key holding the person's ``portfolio_version`` (a column of
the user row, so every request has it for free), and every write to those
rows raises that version in the same transaction (``portfolio_version_bump``,
called from the signal receivers below and from the services that write with
``QuerySet.update``). A rolled-back write rolls the bump back with it; a
committed one makes the next read miss. Because the version lives in the
database, a cache outage or flush can only cause misses, never a stale page.

What the cached reads also depend on beyond the person's rows (the
frameworks and crosswalks, an organisation's settings) changes rarely and
through the admin: any save to those replaces the frameworks' stamp
(capabilities.caching), part of every key here, and cached values live at
most ``PERSON_CACHE_SECONDS``.
"""

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

from capabilities.caching import frameworks_stamp
from portfolio.evidence.models import Entry

T = TypeVar("T")

#: A cached read lives at most this long, whatever happens.
PERSON_CACHE_SECONDS = 60 * 60


def portfolio_version_bump(*, owner_id: int | None, owner=None) -> None:
    """Mark ``owner_id``'s cached portfolio reads out of date. Call inside the
    transaction that changes their entries, mappings or reviews. ``owner``, an
    instance already in memory (``request.user``), is brought up to date too,
    so the rest of the same request reads afresh."""
    if owner_id is None:
        return
    table = connection.ops.quote_name(get_user_model()._meta.db_table)
    with connection.cursor() as cursor:
        # One statement that also answers the new version (PostgreSQL, and
        # SQLite from 3.35): the ORM's update() returns only a row count.
        cursor.execute(
            f"UPDATE {table} SET portfolio_version = portfolio_version + 1 "  # noqa: S608
            "WHERE id = %s RETURNING portfolio_version",
            [owner_id],
        )
        row = cursor.fetchone()
    if row is not None and owner is not None and owner.pk == owner_id:
        owner.portfolio_version = row[0]
    for listener in _change_listeners:
        listener(owner_id)


#: Called with the owner's id after each bump (see ``portfolio_changed_connect``).
_change_listeners: list[Callable[[int], None]] = []


def portfolio_changed_connect(listener: Callable[[int], None]) -> None:
    """Have ``listener(owner_id)`` called inside the transaction of every
    write that raises a person's ``portfolio_version``: a higher package
    (reports' yearly summaries) keeps derived rows fresh from the same writes
    without this package importing it. Idempotent."""
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def _owner_id_of(entry_id: int) -> int | None:
    return Entry.objects.filter(pk=entry_id).values_list("owner_id", flat=True).first()


def _cached_owner(entry):
    # The entry's owner object, when the caller built the entry from it
    # (entry_save passes request.user): refreshed so this request sees it.
    return entry._state.fields_cache.get("owner")


def entry_changed(sender, instance, **kwargs) -> None:
    """An entry saved or deleted."""
    portfolio_version_bump(owner_id=instance.owner_id, owner=_cached_owner(instance))


def entry_part_changed(sender, instance, **kwargs) -> None:
    """A mapping, reflection stage or review decision of an entry saved or
    deleted (on a cascade the entry's own receiver has already bumped)."""
    entry = instance._state.fields_cache.get("entry")
    if entry is not None:
        portfolio_version_bump(owner_id=entry.owner_id, owner=_cached_owner(entry))
    else:
        portfolio_version_bump(owner_id=_owner_id_of(instance.entry_id))


def connect_entry_signals(*parts) -> None:
    """Bump on every save and delete of an entry and of ``parts`` (models
    with an ``entry`` foreign key: mappings, stages, review decisions)."""
    for signal, when in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(entry_changed, sender=Entry, dispatch_uid=f"fresh-entry-{when}")
        for part in parts:
            signal.connect(
                entry_part_changed,
                sender=part,
                dispatch_uid=f"fresh-{part.__name__}-{when}",
            )


def person_cached(*, person, name: str, parts: tuple, read: Callable[[], T]) -> T:
    """``read()`` for ``person``, from the shared cache while their portfolio
    and the frameworks are unchanged. ``parts`` names whatever else the read
    depends on (a date, a level)."""
    key = ":".join(
        [
            "portfolio",
            name,
            str(person.pk),
            str(person.portfolio_version),
            frameworks_stamp(),
            *(str(part) for part in parts),
        ]
    )
    found = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, PERSON_CACHE_SECONDS)
    return found
