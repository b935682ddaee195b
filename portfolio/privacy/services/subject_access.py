"""Subject access: everything held about one person, as a ZIP built in the
background, with the request and its one-month due date tracked."""

import calendar
import io
import json
import zipfile
from datetime import date

from django.apps import apps
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from jobs.services import job_claim, job_enqueue
from portfolio.people.audit import audit_record
from portfolio.people.selectors import people_policy
from portfolio.privacy.models import SubjectAccessRequest
from portfolio.privacy.register import OTHER_STORES, REGISTER, SECRETS
from portfolio.privacy.selectors import people_with_data_in
from portfolio.privacy.sources import subject_access_sources

#: Never handed over, even to the person: secrets that would let someone
#: sign in as them.
SECRET_FIELDS = {"password", "token_hash"}
SECRET_MODELS = {"mfa.Authenticator", "wagtailcore.APIToken"}


def one_month_after(received: date) -> date:
    """UK GDPR's "one month": the same day next month, or that month's last
    day when it has no such day (ICO guidance)."""
    year, month = (
        (received.year + 1, 1)
        if received.month == 12
        else (
            received.year,
            received.month + 1,
        )
    )
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(received.day, last))


@transaction.atomic
def subject_access_request(
    *, requested_by, subject, received_on: date | None = None
) -> SubjectAccessRequest:
    """Record a subject access request about a person of the admin's
    organisation and queue its ZIP. Raises PermissionDenied."""
    if not people_policy().user_has_permission_for_instance(
        requested_by, "change", subject
    ):
        raise PermissionDenied
    received_on = received_on or timezone.localdate()
    request = SubjectAccessRequest.objects.create(
        organisation=subject.organisation,
        subject=subject,
        subject_label=str(subject)[:300],
        requested_by=requested_by,
        received_on=received_on,
        due_on=one_month_after(received_on),
    )
    audit_record(
        action="privacy.subject_access_requested",
        actor=requested_by,
        subject=subject,
        target=request,
        after={"due_on": request.due_on.isoformat()},
    )
    job_enqueue(request)
    return request


def _rows(person):
    """(label, rows) for every register entry, secrets left out."""
    for entry in REGISTER.values():
        secret = entry.model in SECRET_MODELS or entry.exported == SECRETS
        if secret or not entry.whose:
            continue
        model = apps.get_model(entry.model)
        rows = model.objects.filter(people_with_data_in(model, entry, person))
        yield entry.model, list(rows.distinct())


def _serialise(rows) -> str:
    data = json.loads(serializers.serialize("json", rows))
    for row in data:
        for field in SECRET_FIELDS & set(row["fields"]):
            row["fields"][field] = "(withheld: a secret)"
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_subject_access(person) -> bytes:
    buffer = io.BytesIO()
    contents = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, rows in _rows(person):
            if not rows:
                continue
            contents[label] = len(rows)
            archive.writestr(f"data/{label}.json", _serialise(rows))
            file_fields = [
                f
                for f in rows[0]._meta.concrete_fields
                if isinstance(f, models.FileField)
            ]
            for row in rows:
                for field in file_fields:
                    stored = getattr(row, field.attname)
                    if stored and stored.storage.exists(stored.name):
                        with stored.open("rb") as handle:
                            archive.writestr(f"files/{stored.name}", handle.read())
        for name, source in subject_access_sources():
            documents = source(person)
            contents[name] = len(documents)
            archive.writestr(
                f"data/{name}.json", json.dumps(documents, indent=2, default=str)
            )
        archive.writestr(
            "README.json",
            json.dumps(
                {
                    "about": str(person),
                    "produced_at": timezone.now().isoformat(),
                    "contents": contents,
                    "also_held": {k: str(v) for k, v in OTHER_STORES.items()},
                },
                indent=2,
            ),
        )
    return buffer.getvalue()


def subject_access_build(*, request_id: int) -> SubjectAccessRequest | None:
    """Build the ZIP of a waiting request (run by a task; a second copy does
    nothing)."""
    with job_claim(
        SubjectAccessRequest, request_id, select_related=("subject",)
    ) as request:
        if request is None:
            return None
        if request.subject is None:  # erased before it was answered
            request.status = SubjectAccessRequest.FAILED
            request.error = "The person was erased before the request was answered."
            request.save(update_fields=["status", "error"])
            return request
        content = render_subject_access(request.subject)
        request.file.save(
            f"subject-access-{request.pk}.zip", ContentFile(content), save=False
        )
        request.status = SubjectAccessRequest.READY
        request.finished_at = timezone.now()
        request.save(update_fields=["file", "status", "finished_at"])
    return request
