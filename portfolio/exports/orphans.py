"""Private files that no row refers to: removed by a periodic sweep.

A service that stores a file deletes it again when its own work fails, but a
file written inside a transaction that rolls back later (the request's, a
worker killed before commit) has no row and nobody to delete it. On a shared
object store such files would pile up for ever, so beat runs this sweep
(portal/schedule.py). It lives in exports, the lowest package that sees every
kind of private file (evidence's attachments and its own exports).
"""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone

from portfolio.evidence.models import Attachment, private_storage
from portfolio.exports.models import Export

logger = logging.getLogger(__name__)

#: A file younger than this may belong to a transaction still in progress.
ORPHAN_GRACE = datetime.timedelta(hours=1)

#: Each folder of the private storage and the rows whose files live in it.
_FOLDERS = {
    "attachments": (Attachment, "file"),
    "exports": (Export, "file"),
}


def stored_names(storage, folder: str):
    """Every file name under a folder, at any depth."""
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from stored_names(storage, f"{folder}/{directory}")


def private_file_sweep(*, older_than: datetime.timedelta = ORPHAN_GRACE) -> int:
    """Delete private files older than `older_than` that no row names.

    Returns how many were deleted. Only the unreferenced names are asked for
    their age, so a large bucket costs one listing, not one request a file."""
    storage = private_storage()
    cutoff = timezone.now() - older_than
    deleted = 0
    for folder, (model, field) in _FOLDERS.items():
        if not storage.exists(folder) and not _has_any(storage, folder):
            continue
        referenced = set(
            model.objects.exclude(Q(**{field: ""}) | Q(**{f"{field}__isnull": True}))
            .values_list(field, flat=True)
            .iterator()
        )
        for name in stored_names(storage, folder):
            if name in referenced:
                continue
            if storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            deleted += 1
            logger.info("Deleted orphan private file %s", name)
    return deleted


def _has_any(storage, folder: str) -> bool:
    # Object stores have no folders: "exists" is false, a listing is not empty.
    directories, files = storage.listdir(folder)
    return bool(directories or files)
