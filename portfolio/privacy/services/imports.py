"""Importing a portable portfolio: upload and check (nothing is written but
the upload itself and its preview), then apply in the background, atomically
and idempotently."""

import hashlib
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from jobs.services import job_claim, job_enqueue
from portfolio.evidence.models import (
    Attachment,
    Entry,
    EntryMapping,
    EntryState,
    ReflectionStage,
)
from portfolio.evidence.uploads import AttachmentRejected, clean_attachment
from portfolio.privacy.archive import (
    ArchiveRefused,
    check_archive,
    open_archive,
    read_checked,
)
from portfolio.privacy.models import (
    ImportedItem,
    ImportedKind,
    ImportStatus,
    PortableImport,
)
from portfolio.privacy.selectors import (
    entry_already_present,
    imported_keys,
    portable_item_resolve,
)

MSG_NOT_WAITING = "This import is no longer waiting for you to confirm it."
MSG_ATTACHMENT = "The file “%(name)s” in “%(entry)s” was refused: %(reason)s"

#: The records kept as they were at the old employer, by key in the record.
RECORD_KINDS = {
    "supervision_sessions": ImportedKind.SESSION,
    "appraisals": ImportedKind.APPRAISAL,
    "level_history": ImportedKind.LEVEL_CHANGE,
    "asye": ImportedKind.ASYE,
}


def _safe_link(link: str) -> str:
    """A web address the entry page may render as a link: http(s) only, so a
    crafted file cannot plant a ``javascript:`` link for a supervisor."""
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        return ""
    return link


def _preview(*, owner, portable) -> dict:
    """What will arrive, what is already here, and which framework items will
    be recorded against something else (or left out)."""
    done = imported_keys(owner=owner)
    entries, mapping_notes = [], []
    for entry in portable.record["entries"]:
        if entry["key"] in done:
            outcome = "already_imported"
        elif entry_already_present(
            owner=owner, title=entry["title"], date=parse_date(entry["date"] or "")
        ):
            outcome = "already_present"
        else:
            outcome = "new"
        entries.append(
            {"key": entry["key"], "title": entry["title"], "outcome": outcome}
        )
        for mapping in entry["mappings"]:
            resolved = portable_item_resolve(
                family=mapping["framework"]["family"],
                version=mapping["framework"]["version"],
                code=mapping["item"],
            )
            if resolved.note:
                mapping_notes.append({"entry": entry["title"], "note": resolved.note})
    records = {
        name: {
            "new": sum(1 for r in portable.record[name] if r["key"] not in done),
            "already_imported": sum(
                1 for r in portable.record[name] if r["key"] in done
            ),
        }
        for name in RECORD_KINDS
    }
    return {
        "from": portable.manifest["source"]["organisation"],
        "person": portable.manifest["person"]["name"],
        "exported_at": portable.manifest["generated_at"],
        "entries": entries,
        "records": records,
        "mappings": mapping_notes,
    }


#: The largest upload accepted (compressed); the archive's own limits on
#: what it unpacks to are in privacy.archive.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MSG_UPLOAD_TOO_LARGE = "The file is larger than 200 MB, which a portfolio cannot be."


def _sha256(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def portable_import_upload(*, owner, name: str, data) -> PortableImport:
    """Check an uploaded portable portfolio (bytes, or a file such as an
    upload Django spooled to disk) and record it with its preview. A refused
    file writes nothing at all. Raises ArchiveRefused (a ValidationError
    whose message is for the person)."""
    fileobj = io.BytesIO(data) if isinstance(data, bytes) else data
    fileobj.seek(0, io.SEEK_END)
    if fileobj.tell() > MAX_UPLOAD_BYTES:
        raise ArchiveRefused(_(MSG_UPLOAD_TOO_LARGE))
    fileobj.seek(0)
    with open_archive(fileobj) as archive:
        portable = check_archive(archive)
    sha256 = _sha256(fileobj)
    with transaction.atomic():
        upload = PortableImport(
            owner=owner,
            sha256=sha256,
            source_organisation=portable.manifest["source"]["organisation"][:200],
            preview=_preview(owner=owner, portable=portable),
        )
        upload.file.save(f"{owner.pk}.zip", File(fileobj), save=False)
        try:
            upload.save()
        except Exception:
            upload.file.delete(save=False)
            raise
    return upload


@transaction.atomic
def portable_import_confirm(*, owner, import_id: int) -> PortableImport:
    """The person has checked the preview: queue the import. Raises
    ValidationError if it is not theirs or not waiting."""
    upload = (
        PortableImport.objects.select_for_update()
        .filter(owner=owner, pk=import_id, status=ImportStatus.PREVIEW)
        .first()
    )
    if upload is None:
        raise ArchiveRefused(_(MSG_NOT_WAITING))
    upload.status = ImportStatus.PENDING
    upload.save(update_fields=["status", "updated_at"])
    job_enqueue(upload)
    return upload


def _entry(owner, record: dict, source: str) -> tuple[Entry, list[dict]]:
    entry = Entry.objects.create(
        owner=owner,
        state=EntryState.COMPLETE,
        title=record["title"],
        activity_date=parse_date(record["date"] or ""),
        cpd_type=record["type"],
        hours=Decimal(record["hours"]) if record["hours"] else None,
        description=record["description"],
        learning=record["learning"],
        impact=record["impact"],
        peer_reflection=record.get("peer_reflection", ""),
        peer_role=record.get("peer_role", ""),
        source_url=_safe_link(record.get("link", "")),
        asye_evidence=record.get("asye_evidence", ""),
        reflective_model=record.get("reflective_model", ""),
        completed_at=parse_datetime(record["completed_at"] or "") or timezone.now(),
    )
    for stage, text in record["reflection"].items():
        ReflectionStage.objects.create(entry=entry, stage=stage[:40], text=text)
    confirmations = []
    for mapping in record["mappings"]:
        resolved = portable_item_resolve(
            family=mapping["framework"]["family"],
            version=mapping["framework"]["version"],
            code=mapping["item"],
        )
        if resolved.item is None:
            continue
        level = None
        if mapping["level"]:
            level = resolved.item.framework.levels.filter(code=mapping["level"]).first()
        EntryMapping.objects.get_or_create(
            entry=entry,
            item=resolved.item,
            defaults={"level": level, "justification": mapping["justification"]},
        )
        if mapping["confirmed"]:
            # "Confirmed at [organisation]": never a confirmation here.
            confirmations.append(
                {
                    "item": mapping["item"],
                    "organisation": mapping["confirmed"]["organisation"] or source,
                    "at": mapping["confirmed"]["at"],
                }
            )
    return entry, confirmations


def _cleaned(name: str, data: bytes, title: str):
    """The same checks as a file attached here (evidence.uploads)."""
    try:
        return clean_attachment(name=name, data=data)
    except AttachmentRejected as rejected:
        raise ArchiveRefused(
            _(MSG_ATTACHMENT)
            % {"name": name, "entry": title, "reason": " ".join(rejected.messages)}
        ) from rejected


def _attachments(entry, record, archive, portable, stored: list) -> None:
    for described in record["attachments"]:
        data = read_checked(archive, portable, described["path"])
        clean = _cleaned(described["name"], data, record["title"])
        attachment = Attachment(
            entry=entry,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
        )
        attachment.file.save(
            clean.original_name, ContentFile(clean.content), save=False
        )
        stored.append(attachment.file)
        attachment.save()


def _apply(upload: PortableImport, archive, portable, stored: list) -> dict:
    owner, source = upload.owner, upload.source_organisation
    done = imported_keys(owner=owner)
    counts = {"entries": 0, "skipped": 0}
    for record in portable.record["entries"]:
        if record["key"] in done or entry_already_present(
            owner=owner, title=record["title"], date=parse_date(record["date"] or "")
        ):
            counts["skipped"] += 1
            continue
        entry, confirmations = _entry(owner, record, source)
        _attachments(entry, record, archive, portable, stored)
        ImportedItem.objects.create(
            owner=owner,
            source_key=record["key"],
            kind=ImportedKind.ENTRY,
            source_organisation=source,
            imported_by=upload,
            entry=entry,
            data={"confirmations": confirmations},
        )
        counts["entries"] += 1
    for name, kind in RECORD_KINDS.items():
        counts[name] = 0
        for record in portable.record[name]:
            if record["key"] in done:
                counts["skipped"] += 1
                continue
            item = ImportedItem(
                owner=owner,
                source_key=record["key"],
                kind=kind,
                source_organisation=record.get("organisation") or source,
                imported_by=upload,
                data=record,
            )
            if record.get("pdf"):
                data = read_checked(archive, portable, record["pdf"])
                clean = _cleaned(f"{record['key']}.pdf", data, str(kind.label))
                item.file.save(
                    clean.original_name, ContentFile(clean.content), save=False
                )
                stored.append(item.file)
            item.save()
            counts[name] += 1
    return counts


def portable_import_apply(*, import_id: int) -> PortableImport | None:
    """Apply a confirmed import in one transaction: everything arrives or
    nothing does (files stored on the way are deleted again). Items already
    imported (by their source key) or already present are skipped, so a
    second import of the same file changes nothing. Run by a task; a second
    copy does nothing."""
    with job_claim(PortableImport, import_id, select_related=("owner",)) as upload:
        if upload is None:
            return None
        stored: list = []
        try:
            with upload.file.open("rb") as handle, open_archive(handle) as archive:
                portable = check_archive(archive)
                with transaction.atomic():
                    counts = _apply(upload, archive, portable, stored)
        except ArchiveRefused as refused:
            for stored_file in stored:
                stored_file.delete(save=False)
            upload.status = ImportStatus.FAILED
            upload.error = " ".join(refused.messages)[:300]
            upload.finished_at = timezone.now()
            upload.save(update_fields=["status", "error", "finished_at"])
            return upload
        except Exception:
            for stored_file in stored:
                stored_file.delete(save=False)
            raise
        upload.status = ImportStatus.DONE
        upload.summary = counts
        upload.finished_at = timezone.now()
        upload.save(update_fields=["status", "summary", "finished_at"])
    return upload
