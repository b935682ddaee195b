"""Requesting and building exports. Every export is a row first (a durable
job: see jobs/), so a lost task is found again by the sweep; building is
idempotent."""

import uuid
from datetime import date, timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from jobs.services import job_claim, job_enqueue
from portfolio.appraisal.models import Appraisal
from portfolio.appraisal.selectors import appraisal_get
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.services import access_record_item
from portfolio.exports.models import PORTFOLIO_KINDS, Export, ExportKind, ExportStatus
from portfolio.exports.portable import render_portable
from portfolio.exports.rendering import render_appraisal_pdf, render_pdf, render_zip
from portfolio.exports.selectors import progress_key
from portfolio.notifications.models import DispatchKind
from portfolio.notifications.services import dispatch_record

#: How long a finished export can be downloaded.
DOWNLOAD_LIFETIME = timedelta(days=7)
PERIOD_BACKWARDS = "The end of the period must be on or after its start."
PERIOD_IN_FUTURE = "The period cannot start in the future."
APPRAISAL_ACCESS_LOST = "You can no longer see this appraisal."


def export_progress_set(*, export_id: int, percent: int) -> None:
    """How far the build has got. Kept in the shared cache (Redis when
    configured), not the row: the row stays locked while it is built."""
    cache.set(progress_key(export_id), percent, timeout=60 * 60)


@transaction.atomic
def export_request(
    *,
    owner,
    kind: str,
    period_start: date,
    period_end: date,
    include_drafts: bool = False,
) -> Export:
    """Record an export of the owner's own portfolio and queue it to be built.
    Complete entries only, unless ``include_drafts`` (then each draft is run
    through the confidentiality check and its findings marked).
    Raises PermissionDenied or ValidationError."""
    if not entry_policy().user_has_permission(owner, "export"):
        raise PermissionDenied
    if kind not in PORTFOLIO_KINDS:
        raise ValidationError({"kind": _("Choose PDF or ZIP.")})
    if kind == ExportKind.PORTABLE:
        return export_request_portable(owner=owner)
    if period_end < period_start:
        raise ValidationError({"period_end": _(PERIOD_BACKWARDS)})
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _(PERIOD_IN_FUTURE)})
    export = Export.objects.create(
        owner=owner,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        include_drafts=include_drafts,
    )
    job_enqueue(export)
    return export


@transaction.atomic
def export_request_portable(*, owner, send_to: str = "") -> Export:
    """Record a portable portfolio of everything the person owns or took part
    in (docs/portable-format.md) and queue it to be built. The period is the
    whole of their record. Callers decide who may ask: the person signed in,
    or a leaver within their organisation's grace period (privacy's leaver
    area), so no role check here beyond the person being the owner. With
    ``send_to``, the finished ZIP is also emailed to that address."""
    first = (
        owner.entries.order_by("activity_date").values_list("activity_date", flat=True)
    ).first()
    today = timezone.localdate()
    export = Export.objects.create(
        owner=owner,
        kind=ExportKind.PORTABLE,
        period_start=min(first or today, today),
        period_end=today,
        send_to=send_to,
    )
    job_enqueue(export)
    return export


@transaction.atomic
def export_request_appraisal(*, requester, appraisal_id: int) -> Export:
    """Record a PDF of a signed appraisal for one of its two parties (see
    AppraisalPermissionPolicy) and queue it to be built; only the requester
    can download it. While one is still waiting, asking again returns it
    rather than building another. Raises PermissionDenied if the appraisal is
    not theirs or not yet signed by both."""
    appraisal = (
        policy_registry.get_by_type(Appraisal)
        .instances_user_has_any_permission_for(requester, ["export"])
        .filter(pk=appraisal_id, locked_at__isnull=False)
        .first()
    )
    if appraisal is None:
        raise PermissionDenied
    waiting = Export.objects.filter(
        owner=requester,
        appraisal=appraisal,
        status=ExportStatus.PENDING,
    ).first()
    if waiting is not None:
        return waiting
    export = Export.objects.create(
        owner=requester,
        kind=ExportKind.APPRAISAL,
        appraisal=appraisal,
        period_start=appraisal.period_start,
        period_end=appraisal.period_end,
    )
    # The appraiser's copy is a read of the supervisee's record: logged.
    access_record_item(
        viewer=requester,
        owner_id=appraisal.supervisee_id,
        action="exported",
        description=str(appraisal),
    )
    job_enqueue(export)
    return export


def _render(export: Export) -> bytes | None:
    """The file's bytes, or None when the requester may no longer see the
    appraisal it prints (supervision ended between request and build)."""
    if export.kind == ExportKind.PDF:
        return render_pdf(export)
    if export.kind == ExportKind.ZIP:
        return render_zip(export)
    if export.kind == ExportKind.PORTABLE:
        return render_portable(export.owner)
    appraisal = appraisal_get(fetched_by=export.owner, pk=export.appraisal_id)
    if appraisal is None or appraisal.locked_at is None:
        return None
    return render_appraisal_pdf(appraisal)


def export_build(*, export_id: int) -> Export | None:
    """Build the file of a pending export. Running it twice is harmless: a
    finished export is left alone, and the row is claimed while it is built.
    The "ready" notification is recorded in the same transaction."""
    with job_claim(Export, export_id, select_related=("owner",)) as export:
        if export is None:
            return None  # finished already, or built by another worker
        export_progress_set(export_id=export_id, percent=10)
        content = _render(export)
        if content is None:
            export.status = ExportStatus.FAILED
            export.error = APPRAISAL_ACCESS_LOST
            export.finished_at = timezone.now()
            export.save(update_fields=["status", "error", "finished_at"])
            return export
        export_progress_set(export_id=export_id, percent=80)
        # A name of its own: on an object store "is this name free?" and
        # "write it" are two requests, so two workers building exports with
        # the same download name (the same period) would write one object,
        # and one person could download the other's portfolio (seen in
        # tests/scale/test_many_processes.py). The person still gets
        # download_name (Content-Disposition).
        export.file.save(
            f"{uuid.uuid4().hex}/{export.download_name}",
            ContentFile(content),
            save=False,
        )
        try:
            export.status = ExportStatus.READY
            export.finished_at = timezone.now()
            export.expires_at = export.finished_at + DOWNLOAD_LIFETIME
            export.save(update_fields=["file", "status", "finished_at", "expires_at"])
            _record_ready(export)
        except Exception:
            # The claim's transaction rolls back: no row names the file, so
            # delete it now rather than leave it to the orphan sweep.
            export.file.delete(save=False)
            raise
        if export.send_to:
            _send(export, content)
        export_progress_set(export_id=export_id, percent=100)
    return export


#: Larger ZIPs are not attached (mail servers refuse them); the email says
#: to download it instead.
MAX_EMAILED_BYTES = 15 * 1024 * 1024


def _send(export: Export, content: bytes) -> None:
    """Email a leaver's portable portfolio to the personal address they named,
    after the row commits (a retry would otherwise send it twice)."""
    message = EmailMessage(
        subject=_("Your portable portfolio"),
        body=_(
            "Attached is your portable portfolio: your CPD entries, reflections, "
            "attachments, supervision, appraisals and career history. Any portal "
            "that reads the portable format can import it."
        ),
        to=[export.send_to],
    )
    if len(content) <= MAX_EMAILED_BYTES:
        message.attach(export.download_name, content, "application/zip")
    else:
        message.body += "\n\n" + _(
            "It is too large to attach: sign in during your grace period to "
            "download it."
        )
    transaction.on_commit(lambda: message.send(fail_silently=False))


def _record_ready(export: Export) -> None:
    until = f"{timezone.localtime(export.expires_at):%-d %B %Y}"
    if export.kind == ExportKind.APPRAISAL:
        text = _(
            "The PDF of the signed appraisal is ready to download until %(date)s."
        ) % {"date": until}
    elif export.kind == ExportKind.PORTABLE:
        text = _("Your portable portfolio is ready to download until %(date)s.") % {
            "date": until
        }
    else:
        text = _("Your %(export)s export is ready to download until %(date)s.") % {
            "export": export.kind.upper(),
            "date": until,
        }
    dispatch_record(
        kind=DispatchKind.EXPORT_READY,
        recipient=export.owner,
        key=f"export-ready:{export.pk}",
        text=text,
        link=reverse("portfolio:export_list"),
    )
