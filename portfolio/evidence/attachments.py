"""Attachment services: files are cleaned on the way in and stored privately.

Kept apart from services.py because they carry the file-handling rules.
"""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from portfolio.evidence.models import Attachment, Entry
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.uploads import AttachmentRejected, clean_attachment

#: How many files one entry may carry.
MAX_ATTACHMENTS_PER_ENTRY = 10
TOO_MANY_ATTACHMENTS = "An entry can have up to 10 files. Remove one to add another."


@transaction.atomic
def attachment_add(
    *, entry: Entry, added_by, name: str, data: bytes, declared_content_type: str = ""
) -> Attachment:
    """Check and clean an uploaded file, then store it privately on the entry.

    Only the entry's owner may. Raises PermissionDenied or AttachmentRejected
    (a ValidationError whose message is for the person)."""
    if not entry_policy().user_has_permission_for_instance(added_by, "change", entry):
        raise PermissionDenied
    if entry.attachments.count() >= MAX_ATTACHMENTS_PER_ENTRY:
        raise AttachmentRejected(TOO_MANY_ATTACHMENTS)
    clean = clean_attachment(
        name=name, data=data, declared_content_type=declared_content_type
    )
    attachment = Attachment(
        entry=entry,
        original_name=clean.original_name,
        content_type=clean.content_type,
        size=clean.size,
    )
    attachment.file.save(clean.original_name, ContentFile(clean.content), save=False)
    try:
        attachment.save()
    except Exception:
        # No row, no file: never leave an orphan behind.
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, deleted_by) -> None:
    """Remove one file from an entry (the owner only). Raises PermissionDenied."""
    if not entry_policy().user_has_permission_for_instance(
        deleted_by, "change", attachment.entry
    ):
        raise PermissionDenied
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
