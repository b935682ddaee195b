"""Writes to CPD entries: saving (draft or complete), mappings, deletion, and
the audit trail of who other than the owner opened a portfolio item."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capabilities.selectors import framework_is_in_force
from portfolio.evidence.attachments import (  # noqa: F401 (the public face)
    attachment_add,
    attachment_delete,
)
from portfolio.evidence.confidentiality import IdentifierMatch, find_identifiers
from portfolio.evidence.free_text import entry_text_for_checking
from portfolio.evidence.models import (
    AccessEvent,
    Entry,
    EntryMapping,
    EntryState,
    MappingChoice,
    ReflectionStage,
    ReviewState,
)
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.reflection import stages_for

#: Fields a practitioner writes; everything else on an entry is ours to set.
ENTRY_FIELDS = (
    "title",
    "activity_date",
    "cpd_type",
    "hours",
    "description",
    "learning",
    "impact",
    "peer_reflection",
    "peer_role",
    "reflective_model",
    "source_url",
    "asye_evidence",
)
#: Needed before an entry can be completed (Social Work England's questions).
REQUIRED_TO_COMPLETE = (
    "title",
    "activity_date",
    "cpd_type",
    "hours",
    "description",
    "learning",
    "impact",
)
MIN_HOURS, MAX_HOURS = Decimal("0.25"), Decimal("200")

DATE_IN_FUTURE = "The date cannot be in the future."
HOURS_OUT_OF_RANGE = "Enter the hours as a number from 0.25 to 200."
REQUIRED_TO_COMPLETE_MESSAGE = "Fill this in before you complete the entry."
FRAMEWORK_CLOSED = (
    "%(framework)s no longer takes new evidence. Map the entry to the "
    "framework that replaced it."
)
FRAMEWORK_NOT_OFFERED = "%(framework)s is not one of your organisation's frameworks."
NO_MAPPING = (
    "Map the entry to at least one capability before you complete it, so it "
    "counts towards your coverage."
)
CHANGED_ELSEWHERE = (
    "This entry was changed in another window or tab. Reload the page to see "
    "the latest version; what you typed here has been kept in this page."
)

ALREADY_COMPLETE = (
    "This entry has already been saved as complete. Complete entries are saved "
    "with the Save buttons."
)


class EntryConflict(Exception):
    """The entry changed since the editor loaded it (another tab saved it)."""


class _CreatedMeanwhile(Exception):
    """Another save with the same idempotency key created the entry between our
    look-up and our insert."""


@dataclass
class IdentifiersFound(Exception):
    """The text looks like it identifies someone; nothing was saved as complete."""

    matches: dict[str, list[IdentifierMatch]]


@dataclass(frozen=True)
class EntryOrigin:
    """Where a new entry came from: a Wagtail page (a learning page, referred to
    as a Page so that portfolio never imports learning) and the questions it
    suggests reflecting on."""

    page: object
    reflection_prompts: tuple[str, ...] = ()


def _text_hash(texts: dict[str, str]) -> str:
    joined = "\x1f".join(f"{key}={texts[key]}" for key in sorted(texts))
    return hashlib.sha256(joined.encode()).hexdigest()


def _validate_values(values: dict, today: date) -> dict[str, str]:
    errors = {}
    if values.get("activity_date") and values["activity_date"] > today:
        errors["activity_date"] = _(DATE_IN_FUTURE)
    hours = values.get("hours")
    if hours is not None and not (MIN_HOURS <= Decimal(hours) <= MAX_HOURS):
        errors["hours"] = _(HOURS_OUT_OF_RANGE)
    return errors


def entry_save(
    *,
    saved_by,
    entry: Entry | None = None,
    values: dict,
    stages: dict[str, str] | None = None,
    mappings: list[MappingChoice] | None = None,
    expected_version: int | None = None,
    complete: bool = False,
    autosave: bool = False,
    idempotency_key: uuid.UUID | None = None,
    confirm_anonymised: bool = False,
    origin: "EntryOrigin | None" = None,
) -> Entry:
    """Create or update an entry, as a draft or complete.

    Only the owner may change an entry. ``expected_version`` (from the editor)
    guards against overwriting a newer save. Completing checks Social Work
    England's questions, at least one mapping and the confidentiality guard;
    a confirmed-anonymised text is remembered so it is not asked again.

    A new entry's ``idempotency_key`` (made when the form was rendered) makes
    every save from that form resolve to one row, whichever arrives first and
    even at the same moment: a second create becomes an update of the first.
    An ``autosave`` (the editor's background draft save) never changes a
    complete entry, so the person's "Save and complete" always wins over a
    draft save that arrives late.
    Raises PermissionDenied, EntryConflict, ValidationError or IdentifiersFound;
    on any of them nothing is written.
    """
    arguments = {
        "saved_by": saved_by,
        "entry": entry,
        "values": values,
        "stages": stages,
        "mappings": mappings,
        "expected_version": expected_version,
        "complete": complete,
        "autosave": autosave,
        "idempotency_key": idempotency_key,
        "confirm_anonymised": confirm_anonymised,
        "origin": origin,
    }
    try:
        return _entry_save(**arguments)
    except _CreatedMeanwhile:
        # The other request has committed its row (our insert waited for it on
        # the unique index), so this time the look-up finds it and updates it.
        return _entry_save(**arguments)


@transaction.atomic
def _entry_save(
    *,
    saved_by,
    entry,
    values,
    stages,
    mappings,
    expected_version,
    complete,
    autosave,
    idempotency_key,
    confirm_anonymised,
    origin,
) -> Entry:
    found_by_key = False
    if entry is None and idempotency_key is not None:
        entry = (
            Entry.objects.select_for_update()
            .filter(owner=saved_by, idempotency_key=idempotency_key)
            .first()
        )
        found_by_key = entry is not None
    if entry is None:
        if not entry_policy().user_has_permission(saved_by, "add"):
            raise PermissionDenied
        entry = Entry(owner=saved_by, idempotency_key=idempotency_key)
        if origin is not None:
            entry.source_page = origin.page
            entry.reflection_prompts = list(origin.reflection_prompts)
    else:
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if not entry_policy().user_has_permission_for_instance(
            saved_by, "change", entry
        ):
            raise PermissionDenied
        if expected_version is not None and expected_version != entry.version:
            raise EntryConflict(_(CHANGED_ELSEWHERE))
        if entry.is_complete and (autosave or (found_by_key and not complete)):
            # A draft save composed before the entry was completed: the
            # background save, or a draft from the same new-entry form.
            raise EntryConflict(_(ALREADY_COMPLETE))
    values = {name: value for name, value in values.items() if name in ENTRY_FIELDS}
    errors = _validate_values(values, timezone.localdate())
    if mappings is not None:
        errors.update(_check_new_mappings(entry, mappings, saved_by))
    if errors:
        raise ValidationError(errors)
    before = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    saved_stages = dict(entry.stages.values_list("stage", "text")) if entry.pk else {}
    for name, value in values.items():
        setattr(entry, name, value if value is not None else _blank(name))
    allowed_stages = {stage.key for stage in stages_for(entry.reflective_model)}
    stage_texts = {
        key: text for key, text in (stages or {}).items() if key in allowed_stages
    }
    rewritten = entry.pk is not None and (
        any(getattr(entry, name) != before[name] for name in ENTRY_FIELDS)
        or any(saved_stages.get(key, "") != text for key, text in stage_texts.items())
    )
    if rewritten and entry.review_state:
        # A supervisor's decision was about the text as it was: any change
        # needs a fresh review, and confirmations no longer stand.
        # No signal for update(): saving the entry below raises the owner's
        # portfolio_version (portfolio.evidence.freshness).
        entry.mappings.update(confirmed_by=None, confirmed_at=None)
        entry.review_state = ReviewState.WAITING
        entry.review_requested_at = timezone.now()
    if complete:
        _check_complete(entry, mappings, stage_texts, confirm_anonymised)
        entry.state = EntryState.COMPLETE
        entry.completed_at = entry.completed_at or timezone.now()
    else:
        entry.state = EntryState.DRAFT
    _save_row(entry)
    for key, text in stage_texts.items():
        ReflectionStage.objects.update_or_create(
            entry=entry, stage=key, defaults={"text": text}
        )
    if mappings is not None:
        _replace_mappings(entry, mappings)
    return entry


def _check_new_mappings(entry, mappings, saved_by) -> dict[str, str]:
    """A mapping the entry does not have yet must be to a framework in force
    today and not another organisation's local one. Mappings the entry
    already has stay whatever has happened to their framework since."""
    existing = (
        set(entry.mappings.values_list("item_id", flat=True)) if entry.pk else set()
    )
    today = timezone.localdate()
    for choice in mappings:
        if choice.item.pk in existing:
            continue
        framework = choice.item.framework
        if framework.owner_organisation_id not in (None, saved_by.organisation_id):
            return {"mappings": _(FRAMEWORK_NOT_OFFERED) % {"framework": framework}}
        if not framework_is_in_force(framework, on=today):
            return {"mappings": _(FRAMEWORK_CLOSED) % {"framework": framework}}
    return {}


def _save_row(entry: Entry) -> None:
    if entry.pk:
        entry.version = (entry.version or 0) + 1
        entry.save()
        return
    entry.version = 1
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as clash:
        if entry.idempotency_key is None:
            raise
        raise _CreatedMeanwhile from clash


def _blank(name: str):
    return None if name in ("activity_date", "hours") else ""


def _check_complete(entry, mappings, stage_texts, confirm_anonymised) -> None:
    errors = {
        name: _(REQUIRED_TO_COMPLETE_MESSAGE)
        for name in REQUIRED_TO_COMPLETE
        if getattr(entry, name) in (None, "")
    }
    has_mapping = (
        bool(mappings)
        if mappings is not None
        else (entry.pk is not None and entry.mappings.exists())
    )
    if not has_mapping:
        errors["mappings"] = _(NO_MAPPING)
    if errors:
        raise ValidationError(errors)
    saved_stages = (
        {} if entry.pk is None else dict(entry.stages.values_list("stage", "text"))
    )
    texts = entry_text_for_checking(entry, {**saved_stages, **stage_texts})
    digest = _text_hash(texts)
    if confirm_anonymised:
        entry.anonymised_text_hash = digest
        entry.anonymised_confirmed_at = timezone.now()
        return
    if entry.anonymised_text_hash == digest:
        return
    matches = {
        name: found for name, text in texts.items() if (found := find_identifiers(text))
    }
    if matches:
        raise IdentifiersFound(matches)


def _replace_mappings(entry: Entry, choices: list[MappingChoice]) -> None:
    wanted = {choice.item.pk: choice for choice in choices}
    entry.mappings.exclude(item_id__in=wanted).delete()
    existing = {mapping.item_id: mapping for mapping in entry.mappings.all()}
    for item_id, choice in wanted.items():
        mapping = existing.get(item_id)
        level_id = choice.level.pk if choice.level else None
        if mapping is None:
            EntryMapping.objects.create(
                entry=entry,
                item=choice.item,
                level=choice.level,
                justification=choice.justification,
            )
        elif (mapping.level_id, mapping.justification) != (
            level_id,
            choice.justification,
        ):
            # A changed claim is no longer what the supervisor confirmed.
            mapping.level_id, mapping.justification = level_id, choice.justification
            mapping.confirmed_by, mapping.confirmed_at = None, None
            mapping.save()


@transaction.atomic
def entry_delete(*, entry: Entry, deleted_by) -> None:
    """Delete an entry and, once the transaction commits, its files."""
    if not entry_policy().user_has_permission_for_instance(deleted_by, "delete", entry):
        raise PermissionDenied
    files = [attachment.file for attachment in entry.attachments.all()]
    entry.delete()
    transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])


def access_record_item(*, viewer, owner_id: int, action: str, description: str) -> None:
    """Record that someone other than the owner opened or signed another kind
    of portfolio item (an appraisal, say)."""
    if viewer.pk == owner_id:
        return
    AccessEvent.objects.create(
        owner_id=owner_id, viewer=viewer, action=action, description=description[:200]
    )


def access_record(*, viewer, entry: Entry, action: str) -> None:
    """Record that someone other than the owner opened, reviewed or exported
    an item of their portfolio (the owner's own use is not recorded)."""
    if viewer.pk == entry.owner_id:
        return
    AccessEvent.objects.create(
        owner_id=entry.owner_id,
        viewer=viewer,
        entry=entry,
        action=action,
        description=entry.title[:200],
    )
