"""Private files that no row refers to: removed by a periodic sweep.

A service that stores a file deletes it again when its own work fails, but a
file written inside a transaction that rolls back later (the request's, a
worker killed before commit) has no row and nobody to delete it. On a shared
object store such files would pile up for ever, so beat runs this sweep
(portal/schedule.py). The rows that name files are found through the app
registry (every FileField on the private storage), so a package above this one
(privacy's imports and subject access ZIPs) is covered without an upward import.
"""

import datetime
import logging

from django.apps import apps
from django.db.models import FileField, Q
from django.utils import timezone

from portfolio.evidence.models import private_storage

logger = logging.getLogger(__name__)

#: A file younger than this may belong to a transaction still in progress.
ORPHAN_GRACE = datetime.timedelta(hours=1)


def _private_file_fields():
    """(model, field name) for every FileField stored in the private storage."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and (
                getattr(field, "_storage_callable", None) is private_storage
            ):
                yield model, field.name


def _referenced_names() -> set[str]:
    referenced = set()
    for model, field in _private_file_fields():
        referenced.update(
            model._default_manager.exclude(
                Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
            )
            .values_list(field, flat=True)
            .iterator()
        )
    return referenced


def stored_names(storage, folder: str):
    """Every file name under a folder, at any depth."""
    directories, files = storage.listdir(folder)
    prefix = f"{folder}/" if folder else ""
    for name in files:
        yield f"{prefix}{name}"
    for directory in directories:
        yield from stored_names(storage, f"{prefix}{directory}")


def private_file_sweep(*, older_than: datetime.timedelta = ORPHAN_GRACE) -> int:
    """Delete private files older than `older_than` that no row names.

    Returns how many were deleted. Only the unreferenced names are asked for
    their age, so a large bucket costs one listing, not one request a file."""
    storage = private_storage()
    cutoff = timezone.now() - older_than
    referenced = _referenced_names()
    deleted = 0
    for name in stored_names(storage, ""):
        if name in referenced:
            continue
        if storage.get_modified_time(name) > cutoff:
            continue
        storage.delete(name)
        deleted += 1
        logger.info("Deleted orphan private file %s", name)
    return deleted
