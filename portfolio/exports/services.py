"""Requesting and building exports. Every export is a row first, so a lost
task is found again by the sweep; building is idempotent."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.evidence.services import entry_policy
from portfolio.exports.models import Export, ExportKind, ExportStatus
from portfolio.exports.rendering import render_pdf, render_zip

#: How long a finished export can be downloaded.
DOWNLOAD_LIFETIME = timedelta(days=7)
#: A pending export older than this has lost its task; the sweep re-queues it.
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 5
PERIOD_BACKWARDS = "The end of the period must be on or after its start."
PERIOD_IN_FUTURE = "The period cannot start in the future."


def _enqueue(export_id: int) -> None:
    from portfolio.exports.tasks import export_build_task

    transaction.on_commit(lambda: export_build_task.delay(export_id))


@transaction.atomic
def export_request(*, owner, kind: str, period_start: date, period_end: date) -> Export:
    """Record an export of the owner's own portfolio and queue it to be built.
    Raises PermissionDenied or ValidationError."""
    if not entry_policy().user_has_permission(owner, "export"):
        raise PermissionDenied
    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Choose PDF or ZIP.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _(PERIOD_BACKWARDS)})
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _(PERIOD_IN_FUTURE)})
    export = Export.objects.create(
        owner=owner, kind=kind, period_start=period_start, period_end=period_end
    )
    _enqueue(export.pk)
    return export


def export_build(*, export_id: int) -> Export | None:
    """Build the file of a pending export. Running it twice is harmless: a
    finished export is left alone, and the row is locked while it is built."""
    with transaction.atomic():
        export = (
            Export.objects.select_for_update(skip_locked=True)
            .filter(pk=export_id, status=ExportStatus.PENDING)
            .select_related("owner")
            .first()
        )
        if export is None:
            return None  # finished already, or being built by another worker
        export.attempts += 1
        content = (
            render_pdf(export) if export.kind == ExportKind.PDF else render_zip(export)
        )
        period = f"{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}"
        name = f"portfolio-{period}.{export.kind}"
        export.file.save(name, ContentFile(content), save=False)
        export.status = ExportStatus.READY
        export.finished_at = timezone.now()
        export.expires_at = export.finished_at + DOWNLOAD_LIFETIME
        export.save()
    return export


def export_record_failure(*, export_id: int, error: str) -> None:
    """After the last retry: tell the person it failed rather than wait forever."""
    Export.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.FAILED, error=error[:300], finished_at=timezone.now()
    )


def export_sweep(*, now=None) -> int:
    """Re-queue pending exports whose task seems lost. Returns how many."""
    now = now or timezone.now()
    stale = Export.objects.filter(
        status=ExportStatus.PENDING,
        created_at__lt=now - STALE_AFTER,
        attempts__lt=MAX_ATTEMPTS,
    ).values_list("pk", flat=True)
    ids = list(stale)
    for export_id in ids:
        _enqueue(export_id)
    return len(ids)
