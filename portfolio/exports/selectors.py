from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from portfolio.appraisal.selectors import appraisal_list_for
from portfolio.exports.models import Export, ExportStatus


def export_list(*, fetched_by):
    """The person's own exports: nobody else's, whatever their role."""
    if not (fetched_by.is_authenticated and fetched_by.is_active):
        return Export.objects.none()
    return Export.objects.filter(owner=fetched_by)


def export_get_downloadable(*, fetched_by, pk: int) -> Export | None:
    """A finished, unexpired export of the requester's, or None. An appraisal
    PDF also needs the requester still to be a party to the appraisal: an
    appraiser whose supervision has ended loses the copy with the access."""
    return (
        export_list(fetched_by=fetched_by)
        .filter(pk=pk, status=ExportStatus.READY, expires_at__gt=timezone.now())
        .filter(
            Q(appraisal__isnull=True)
            | Q(appraisal__in=appraisal_list_for(user=fetched_by).values("pk"))
        )
        .first()
    )


def progress_key(export_id: int) -> str:
    return f"export-progress:{export_id}"


def export_list_with_progress(*, fetched_by, limit: int = 50) -> list[Export]:
    """The person's latest exports; each waiting one carries ``progress``, the
    percentage its build has reached (None until a worker starts it)."""
    exports = list(export_list(fetched_by=fetched_by)[:limit])
    waiting = [e for e in exports if e.status == ExportStatus.PENDING]
    found = cache.get_many([progress_key(e.pk) for e in waiting])
    for export in exports:
        export.progress = found.get(progress_key(export.pk))
    return exports
