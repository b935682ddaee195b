"""Erasing a person: every row the register says is theirs, with its files,
their sessions, cache keys and queued jobs; their account anonymised; their
name taken out of other people's records. Search documents go through the
search app's outbox, which records a delete for every entry deleted here."""

import json

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.exports.selectors import progress_key
from portfolio.people.audit import audit_record
from portfolio.people.selectors import people_policy
from portfolio.people.services import sessions_end_for
from portfolio.privacy.models import ErasureRequest, ErasureState
from portfolio.privacy.register import REGISTER, Retention
from portfolio.privacy.selectors import legal_hold_active

ERASED = "[erased]"
MSG_HELD = "Nothing was erased: a legal hold is in place on this person."
MSG_SAME_ADMIN = "Another admin must approve an erasure you asked for."
MSG_NOT_WAITING = "This erasure request is no longer waiting for approval."
MSG_ACTIVE = "Deactivate the account before asking for it to be erased."


def _files_of(instances_by_model) -> list:
    """(storage, name) of every file held by the rows about to be deleted."""
    found = []
    for model, instances in instances_by_model:
        file_fields = [
            f for f in model._meta.concrete_fields if isinstance(f, models.FileField)
        ]
        for instance in instances:
            for field in file_fields:
                stored = getattr(instance, field.attname)
                if stored:
                    found.append((stored.storage, stored.name))
    return found


def _delete(queryset, files: list, report: dict) -> None:
    collector = Collector(using=router.db_for_write(queryset.model))
    collector.collect(queryset)
    files.extend(_files_of(collector.data.items()))
    for qs in collector.fast_deletes:
        files.extend(_files_of([(qs.model, list(qs))]))
    _total, counts = collector.delete()
    for label, count in counts.items():
        if count:
            report[label] = report.get(label, 0) + count


def _identifiers(person) -> list[str]:
    names = [person.get_full_name(), person.email, person.first_name, person.last_name]
    return sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)


def _scrubbed(value, identifiers):
    # ensure_ascii=False: "Siân" must stay "Siân" to be found and replaced.
    text = (
        json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    )
    for identifier in identifiers:
        text = text.replace(identifier, ERASED)
    return json.loads(text) if not isinstance(value, str) else text


def _nullify(model, entry, person, identifiers, report: dict) -> None:
    query = models.Q()
    for field in entry.nullify:
        query |= models.Q(**{field: person})
    rows = model.objects.filter(query)
    for row in rows.iterator() if entry.scrub else ():
        for field in entry.scrub:
            setattr(row, field, _scrubbed(getattr(row, field), identifiers))
        model.objects.filter(pk=row.pk).update(
            **{field: getattr(row, field) for field in entry.scrub}
        )
    for field in entry.nullify:
        changed = model.objects.filter(**{field: person}).update(**{field: None})
        if changed:
            report[model._meta.label] = report.get(model._meta.label, 0) + changed


def _anonymise_account(person) -> None:
    person.email = f"erased-{person.pk}@erased.invalid"
    person.first_name = person.last_name = ""
    person.is_active = False
    person.team = None
    person.career_level = person.career_pathway = person.target_level = None
    person.started_practice_on = None
    for flag in (
        "is_practitioner",
        "is_supervisor",
        "is_training_editor",
        "is_org_admin",
        "is_training_reviewer",
        "is_staff",
        "is_superuser",
    ):
        setattr(person, flag, False)
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.managed_teams.clear()


@transaction.atomic
def person_erase(*, person, retentions: frozenset[Retention] | None = None) -> dict:
    """Remove the person's data everywhere it lives. With ``retentions``, only
    the register entries kept under those rules are deleted (the retention
    job's first stage) and the account stays; without, everything, and the
    account is anonymised. No permission check: erasure_approve and the
    retention job decide. Raises ValidationError under a legal hold."""
    if legal_hold_active(person=person):
        raise ValidationError(_(MSG_HELD))
    identifiers = _identifiers(person)
    export_ids = list(person.exports.values_list("pk", flat=True))
    report: dict = {}
    files: list = []
    for entry in REGISTER.values():
        if retentions is not None and entry.retention not in retentions:
            continue
        model = apps.get_model(entry.model)
        if entry.delete_where:
            query = models.Q()
            for path in entry.delete_where:
                query |= models.Q(**{path: person})
            _delete(model.objects.filter(query), files, report)
        if retentions is None and entry.nullify:
            _nullify(model, entry, person, identifiers, report)
    if retentions is None:
        report["sessions"] = sessions_end_for(user=person)
        _anonymise_account(person)
    cache.delete_many([progress_key(pk) for pk in export_ids])

    def _delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(_delete_files)
    report["files"] = len(files)
    return report


@transaction.atomic
def erasure_request(*, requested_by, subject, reason: str) -> ErasureRequest:
    """An organisation admin asks for a (deactivated) person's data to be
    erased; another admin approves. Raises PermissionDenied or
    ValidationError."""
    if not people_policy().user_has_permission_for_instance(
        requested_by, "deactivate", subject
    ):
        raise PermissionDenied
    if subject.is_active:
        raise ValidationError(_(MSG_ACTIVE))
    request = ErasureRequest.objects.create(
        organisation=subject.organisation,
        subject=subject,
        subject_label=str(subject)[:300],
        reason=reason,
        requested_by=requested_by,
    )
    audit_record(
        action="privacy.erasure_requested",
        actor=requested_by,
        subject=subject,
        target=request,
    )
    return request


@transaction.atomic
def erasure_approve(*, approved_by, request_id: int) -> ErasureRequest:
    """A second admin of the person's organisation approves: the person is
    erased now, in one transaction. Raises PermissionDenied or
    ValidationError (a legal hold, the same admin, not waiting)."""
    request = (
        ErasureRequest.objects.select_for_update(of=("self",))
        .select_related("subject")
        .filter(pk=request_id)
        .first()
    )
    if request is None or request.subject is None:
        raise PermissionDenied
    subject = request.subject
    if not people_policy().user_has_permission_for_instance(
        approved_by, "deactivate", subject
    ):
        raise PermissionDenied
    if request.state != ErasureState.REQUESTED:
        raise ValidationError(_(MSG_NOT_WAITING))
    if request.requested_by_id == approved_by.pk:
        raise ValidationError(_(MSG_SAME_ADMIN))
    # Asked for while they had left; reactivated since (re-hired, say): the
    # request no longer stands.
    if subject.is_active:
        raise ValidationError(_(MSG_ACTIVE))
    subject_pk = subject.pk
    report = person_erase(person=subject)
    request.refresh_from_db()
    request.state = ErasureState.DONE
    request.decided_by = approved_by
    request.decided_at = timezone.now()
    request.subject_label = f"Person {subject_pk} (erased)"
    request.report = report
    request.save()
    audit_record(
        action="privacy.erased",
        actor=approved_by,
        organisation=request.organisation,
        target=request,
        after={"removed": report},
    )
    return request
