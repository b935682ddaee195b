"""Staff CSV uploads for organisations without SCIM: check every line and show
what would change (the preview), then apply the whole file as a background
job (the jobs package) through the same provisioning writes as SCIM.
Idempotent: a line matches an existing person by employee number, then by
email, so uploading the same file twice changes nothing the second time."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from jobs.services import job_claim, job_enqueue
from portfolio.identity.models import ProvisionedAccount, StaffImport, StaffImportStatus
from portfolio.identity.provisioning import (
    PersonRecord,
    person_provision,
    person_record_check,
)
from portfolio.identity.selectors import identity_provider_policy
from portfolio.people.models import User

COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "employee_number",
    "team",
    "roles",
    "active",
)
REQUIRED_COLUMNS = ("email", "first_name", "last_name")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000

UNKNOWN_COLUMNS = "Unknown column(s): %(columns)s. Use: %(allowed)s."
MISSING_COLUMNS = "Missing column(s): %(columns)s."
NOT_CSV = "The file must be a CSV file saved as UTF-8."
TOO_BIG = "The file is too big: split it into files of at most 1 MB."
TOO_MANY_ROWS = "The file has more than 5,000 people: split it."
EMPTY = "The file has no people in it."
DUPLICATE = "%(value)s appears more than once in the file (also line %(line)d)."
BAD_ACTIVE = "active must be yes or no."
OTHER_ORGANISATION = "This person belongs to another organisation."
NOT_PREVIEWED = "This upload has already been applied or was not checked."
HAS_PROBLEMS = "Fix the problems in the file and upload it again."
APPLIED = "%(created)d added, %(updated)d changed, %(unchanged)d unchanged."


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(_(TOO_BIG))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_(NOT_CSV)) from error


def _record(row: dict) -> PersonRecord:
    active = (row.get("active") or "").strip().lower()
    if active not in ("", "yes", "no", "true", "false", "y", "n"):
        raise ValidationError({"active": _(BAD_ACTIVE)})
    roles = row.get("roles")
    return PersonRecord(
        email=(row.get("email") or "").strip().lower(),
        first_name=(row.get("first_name") or "").strip(),
        last_name=(row.get("last_name") or "").strip(),
        employee_number=(row.get("employee_number") or "").strip() or None,
        team_name=(row.get("team") or "").strip() if "team" in row else None,
        roles=[r.strip() for r in roles.split(";") if r.strip()] if roles else None,
        active=None if not active else active in ("yes", "true", "y"),
    )


def _match(organisation, record: PersonRecord) -> User | None:
    if record.employee_number:
        account = (
            ProvisionedAccount.objects.select_related("user")
            .filter(organisation=organisation, employee_number=record.employee_number)
            .first()
        )
        if account is not None:
            return account.user
    return User.objects.filter(email__iexact=record.email).first()


def _describe(user: User | None, record: PersonRecord) -> str:
    if user is None:
        return _("Add %(email)s") % {"email": record.email}
    changes = []
    if record.email != user.email:
        changes.append(_("email to %(v)s") % {"v": record.email})
    if record.first_name != user.first_name or record.last_name != user.last_name:
        changes.append(_("name"))
    if record.team_name is not None and record.team_name != str(user.team or ""):
        changes.append(_("team to %(v)s") % {"v": record.team_name or "none"})
    if record.roles is not None and sorted(record.roles) != sorted(
        str(r) for r in user.roles if str(r) != "site_admin"
    ):
        changes.append(_("roles to %(v)s") % {"v": ", ".join(record.roles)})
    if record.active is not None and record.active != user.is_active:
        changes.append(_("reactivate") if record.active else _("deactivate"))
    if not changes:
        return ""
    return _("Change %(email)s: %(what)s") % {
        "email": user.email,
        "what": "; ".join(changes),
    }


@transaction.atomic
def staff_import_check(
    *, uploaded_by: User, organisation, filename: str, data: bytes
) -> StaffImport:
    """Check an uploaded staff CSV and keep the preview: every change and every
    problem, by line. Nothing about people is written. Raises PermissionDenied
    for someone who may not manage the organisation's provisioning, and
    ValidationError for a file that cannot be read at all."""
    if not identity_provider_policy().user_has_permission(uploaded_by, "change"):
        raise PermissionDenied
    if not uploaded_by.is_superuser and uploaded_by.organisation_id != organisation.pk:
        raise PermissionDenied
    reader = csv.DictReader(io.StringIO(_decode(data)))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if unknown:
        raise ValidationError(
            _(UNKNOWN_COLUMNS)
            % {"columns": ", ".join(unknown), "allowed": ", ".join(COLUMNS)}
        )
    if missing:
        raise ValidationError(_(MISSING_COLUMNS) % {"columns": ", ".join(missing)})
    reader.fieldnames = header
    rows, changes, problems = [], [], []
    seen: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = index + 2  # the header is line 1
        if len(rows) + len(problems) >= MAX_ROWS:
            raise ValidationError(_(TOO_MANY_ROWS))
        try:
            record = _record(row)
            for key in (record.email, record.employee_number):
                if key and key in seen:
                    raise ValidationError(
                        _(DUPLICATE) % {"value": key, "line": seen[key]}
                    )
                if key:
                    seen[key] = line
            user = _match(organisation, record)
            if user is not None and user.organisation_id != organisation.pk:
                raise ValidationError(_(OTHER_ORGANISATION))
            person_record_check(organisation=organisation, record=record, user=user)
        except ValidationError as error:
            problems.append({"line": line, "text": " ".join(error.messages)})
            continue
        rows.append(
            {
                "line": line,
                "user_id": user.pk if user else None,
                "record": asdict(record),
            }
        )
        description = _describe(user, record)
        if description:
            changes.append({"line": line, "text": description})
    if not rows and not problems:
        raise ValidationError(_(EMPTY))
    return StaffImport.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        rows=rows,
        changes=changes,
        problems=problems,
    )


@transaction.atomic
def staff_import_confirm(
    *, confirmed_by: User, staff_import: StaffImport
) -> StaffImport:
    """Queue a checked upload with no problems to be applied in the
    background. Raises PermissionDenied or ValidationError."""
    staff_import = StaffImport.objects.select_for_update().get(pk=staff_import.pk)
    if not policy_registry.get_by_type(StaffImport).user_has_permission_for_instance(
        confirmed_by, "change", staff_import
    ):
        raise PermissionDenied
    if staff_import.status != StaffImportStatus.PREVIEW:
        raise ValidationError(_(NOT_PREVIEWED))
    if staff_import.problems:
        raise ValidationError(_(HAS_PROBLEMS))
    staff_import.status = StaffImportStatus.PENDING
    staff_import.save(update_fields=["status", "updated_at"])
    job_enqueue(staff_import)
    return staff_import


def staff_import_apply(*, job_id: int) -> StaffImport | None:
    """Apply a confirmed upload, all of it or nothing: each line is checked
    again against the people as they are now. A second copy of the task does
    nothing (the row is claimed)."""
    with job_claim(StaffImport, job_id, select_related=("organisation",)) as job:
        if job is None:
            return None
        label = _("Staff CSV upload %(file)s by %(name)s") % {
            "file": job.filename,
            "name": job.uploaded_by,
        }
        created = updated = unchanged = 0
        try:
            with transaction.atomic():
                for row in job.rows:
                    record = PersonRecord(**row["record"])
                    user = _match(job.organisation, record)
                    before = _describe(user, record)
                    person_provision(
                        organisation=job.organisation,
                        actor_label=label,
                        record=record,
                        user=user,
                    )
                    if user is None:
                        created += 1
                    elif before:
                        updated += 1
                    else:
                        unchanged += 1
        except ValidationError as error:
            job.status = StaffImportStatus.FAILED
            job.problems = [{"line": 0, "text": " ".join(error.messages)}]
        else:
            job.status = StaffImportStatus.DONE
            job.summary = _(APPLIED) % {
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
            }
        job.rows = []
        job.finished_at = timezone.now()
        job.save()
    return job
