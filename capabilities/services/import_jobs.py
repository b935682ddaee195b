"""Framework files uploaded on the admin screen, applied by a background task.

The request only decodes the upload and keeps it in a ``FrameworkImportJob``
row; the task parses, checks and imports it through ``framework_import``
(which writes nothing unless the whole file passes) and records the counts or
every problem, line by line. A sweep re-queues jobs whose task was lost.
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from capabilities.importing import FrameworkFileError, parse
from capabilities.models import Framework, FrameworkImportJob, ImportJobStatus
from capabilities.selectors import framework_policy
from capabilities.services.frameworks import framework_import

logger = logging.getLogger(__name__)

#: A pending job older than this has lost its task; the sweep re-queues it.
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 5
NOT_ALLOWED = "You cannot change that framework."
GAVE_UP = "The import could not be finished. Try again."


def _publish(job_id: int) -> None:
    # The portfolio's enqueue helper does the same, but this app imports
    # nothing of ours: if the broker is down the row stays and the sweep
    # publishes it again.
    from capabilities.tasks import import_job_apply_task

    try:
        import_job_apply_task.apply_async(
            args=(job_id,), retry=False, ignore_result=True
        )
    except Exception:
        if import_job_apply_task.app.conf.task_always_eager:
            raise
        logger.exception("Could not queue import job %s; the sweep will retry", job_id)


def _enqueue(job_id: int) -> None:
    transaction.on_commit(partial(_publish, job_id))


@transaction.atomic
def import_job_create(
    *,
    uploaded_by,
    filename: str,
    content: str,
    target: Framework | None = None,
    owner_organisation_id: int | None = None,
) -> FrameworkImportJob:
    """Keep a decoded framework file to be imported in the background for
    ``uploaded_by``, who alone sees how it went. Raises PermissionDenied if
    they may not import frameworks at all (the file itself is checked, and
    the permission for its framework, when the job is applied)."""
    if not framework_policy().user_has_permission(uploaded_by, "import"):
        raise PermissionDenied
    job = FrameworkImportJob.objects.create(
        uploaded_by=uploaded_by,
        filename=filename[:255],
        content=content,
        target=target,
        owner_organisation_id=owner_organisation_id,
    )
    _enqueue(job.pk)
    return job


def import_job_apply(*, job_id: int) -> FrameworkImportJob | None:
    """Import a pending job's file. Running it twice is harmless: a finished
    job is left alone and the row is locked while it is applied. A bad file,
    or one the uploader may not import, leaves the frameworks unchanged and
    the job failed with its problems."""
    # Counted first and committed at once, so a job that kills its worker
    # every time still reaches MAX_ATTEMPTS.
    FrameworkImportJob.objects.filter(pk=job_id, status=ImportJobStatus.PENDING).update(
        attempts=F("attempts") + 1
    )
    with transaction.atomic():
        job = (
            FrameworkImportJob.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=job_id, status=ImportJobStatus.PENDING)
            .select_related("uploaded_by", "target")
            .first()
        )
        if job is None:
            return None
        try:
            summary = framework_import(
                document=parse(job.content, filename=job.filename),
                target=job.target,
                imported_by=job.uploaded_by,
                owner_organisation_id=job.owner_organisation_id,
            )
        except FrameworkFileError as error:
            job.status = ImportJobStatus.FAILED
            job.problems = [str(problem) for problem in error.problems]
        except PermissionDenied:
            job.status = ImportJobStatus.FAILED
            job.problems = [NOT_ALLOWED]
        else:
            job.status = ImportJobStatus.DONE
            job.summary = str(summary)
        # The file has done its work; its content need not be kept.
        job.content = ""
        job.finished_at = timezone.now()
        job.save()
    return job


def import_job_record_failure(*, job_id: int, error: str) -> None:
    """After the last retry: say it failed rather than leave it waiting."""
    logger.error("Import job %s failed: %s", job_id, error)
    FrameworkImportJob.objects.filter(pk=job_id, status=ImportJobStatus.PENDING).update(
        status=ImportJobStatus.FAILED,
        problems=[GAVE_UP],
        content="",
        finished_at=timezone.now(),
    )


def import_job_sweep(*, now=None, stale_after: timedelta = STALE_AFTER) -> int:
    """Re-queue pending jobs whose task seems lost. Returns how many."""
    now = now or timezone.now()
    pending = FrameworkImportJob.objects.filter(
        status=ImportJobStatus.PENDING, created_at__lt=now - stale_after
    )
    pending.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=ImportJobStatus.FAILED,
        problems=[GAVE_UP],
        content="",
        finished_at=now,
    )
    ids = list(pending.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    with transaction.atomic():
        for job_id in ids:
            _enqueue(job_id)
    return len(ids)
