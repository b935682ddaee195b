"""Framework files uploaded on the admin screen, applied by a background task.

The request only decodes the upload and keeps it in a ``FrameworkImportJob``
row; the task parses, checks and imports it through ``framework_import``
(which writes nothing unless the whole file passes) and records the counts or
every problem, line by line. The jobs package's sweep re-queues jobs whose
task was lost, and records those that keep failing.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from capabilities.importing import FrameworkFileError, parse
from capabilities.models import (
    IMPORT_GAVE_UP,
    Framework,
    FrameworkImportJob,
    ImportJobStatus,
)
from capabilities.selectors import framework_policy
from capabilities.services.frameworks import framework_import
from jobs.services import job_claim, job_enqueue

NOT_ALLOWED = "You cannot change that framework."
GAVE_UP = IMPORT_GAVE_UP


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
    job_enqueue(job)
    return job


def import_job_apply(*, job_id: int) -> FrameworkImportJob | None:
    """Import a pending job's file. Running it twice is harmless: a finished
    job is left alone and the row is claimed while it is applied. A bad file,
    or one the uploader may not import, leaves the frameworks unchanged and
    the job failed with its problems."""
    claim = job_claim(
        FrameworkImportJob, job_id, select_related=("uploaded_by", "target")
    )
    with claim as job:
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
