from django.utils import timezone

from portfolio.exports.models import Export, ExportStatus


def export_list(*, fetched_by):
    """The person's own exports: nobody else's, whatever their role."""
    if not (fetched_by.is_authenticated and fetched_by.is_active):
        return Export.objects.none()
    return Export.objects.filter(owner=fetched_by)


def export_get_downloadable(*, fetched_by, pk: int) -> Export | None:
    """A finished, unexpired export of the requester's, or None."""
    return (
        export_list(fetched_by=fetched_by)
        .filter(pk=pk, status=ExportStatus.READY, expires_at__gt=timezone.now())
        .first()
    )
