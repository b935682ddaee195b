from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q

from wagtail.permissions import policy_registry

from portfolio.exports.models import Export, ExportStatus


def export_list(*, fetched_by):
    """The person's own exports: nobody else's, whatever their role."""
    return policy_registry.get_by_type(Export).instances_user_has_any_permission_for(
        fetched_by, ["view"]
    )


def export_downloadable_ids(*, fetched_by):
    """The exports ``fetched_by`` may download now (ExportPermissionPolicy)."""
    return (
        policy_registry.get_by_type(Export)
        .instances_user_has_any_permission_for(fetched_by, ["download"])
        .values("pk")
    )


def export_get_downloadable(*, fetched_by, pk: int) -> Export | None:
    """A finished, unexpired export of the requester's that they may still
    download, or None."""
    return (
        export_list(fetched_by=fetched_by)
        .filter(pk=pk, pk__in=export_downloadable_ids(fetched_by=fetched_by))
        .first()
    )


def progress_key(export_id: int) -> str:
    return f"export-progress:{export_id}"


def export_list_with_progress(*, fetched_by, limit: int = 50) -> list[Export]:
    """The person's latest exports; each waiting one carries ``progress``, the
    percentage its build has reached (None until a worker starts it)."""
    downloadable = export_downloadable_ids(fetched_by=fetched_by)
    exports = list(
        export_list(fetched_by=fetched_by).annotate(
            can_download=ExpressionWrapper(
                Q(pk__in=downloadable), output_field=BooleanField()
            )
        )[:limit]
    )
    waiting = [e for e in exports if e.status == ExportStatus.PENDING]
    found = cache.get_many([progress_key(e.pk) for e in waiting])
    for export in exports:
        export.progress = found.get(progress_key(export.pk))
    return exports
