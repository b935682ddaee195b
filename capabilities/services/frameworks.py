"""Writes to the frameworks: importing a file, atomically and idempotently."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from capabilities.importing import (
    FrameworkDocument,
    FrameworkFileError,
    ImportProblem,
    check_document,
    parse_date,
    split_reference,
)
from capabilities.models import (
    Framework,
    Item,
    ItemKind,
    ItemMapping,
    Level,
    Pathway,
)
from capabilities.selectors import (
    framework_policy,
    item_by_reference,
    national_frameworks,
)

NO_TARGET_FRAMEWORK = (
    "A CSV file holds only levels and items: choose the framework to load it into."
)


@dataclass
class ImportSummary:
    framework: Framework | None
    counts: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return self.counts["created"] + self.counts["updated"]

    def __str__(self):
        return (
            f"{self.counts['created']} created, {self.counts['updated']} updated, "
            f"{self.counts['unchanged']} unchanged"
        )


def _upsert(model, lookup: dict, values: dict, counts: Counter, *, position=None):
    """Create or update one row. ``position`` is a sort order used only when the
    row is new: re-importing a file (or a partial file) never reshuffles what an
    earlier import or an editor ordered."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        counts["created"] += 1
        if position is not None:
            values = {**values, "sort_order": position}
        return model.objects.create(**lookup, **values)
    changed = [
        name for name, value in values.items() if getattr(instance, name) != value
    ]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return instance


def _resolver(document: FrameworkDocument):
    in_file = set()
    if document.framework:
        key = f"{document.framework.get('family')}@{document.framework.get('version')}"
        in_file = {f"{key}:{row.code}" for row in document.of_kind(*ItemKind.values)}

    def resolves(reference: str) -> bool:
        return split_reference(reference) is not None and (
            reference in in_file or item_by_reference(reference) is not None
        )

    return resolves


@transaction.atomic
def framework_import(
    *,
    document: FrameworkDocument,
    target: Framework | None = None,
    imported_by=None,
    owner_organisation_id: int | None = None,
) -> ImportSummary:
    """Load a whole framework (JSON), rows into ``target`` (CSV) or a crosswalk.

    Everything is checked before anything is written, and all of it is written
    in one transaction: a bad file changes nothing. Importing the same file again
    changes nothing either. ``imported_by`` (None for the system) must be allowed
    by the framework policy. Raises FrameworkFileError or PermissionDenied.
    """
    if (
        document.framework is None
        and target is None
        and document.of_kind("level", "pathway", *ItemKind.values)
    ):
        raise FrameworkFileError([ImportProblem("file", "", NO_TARGET_FRAMEWORK)])
    existing = target
    if document.framework is not None:
        existing = Framework.objects.filter(
            family=document.framework.get("family"),
            version=str(document.framework.get("version")),
        ).first()
    _check_permission(imported_by, existing, document, owner_organisation_id)
    problems = check_document(
        document,
        known_items=set(existing.items.values_list("code", flat=True))
        if existing
        else set(),
        known_levels=set(existing.levels.values_list("code", flat=True))
        if existing
        else set(),
        resolves_reference=_resolver(document),
    )
    if problems:
        raise FrameworkFileError(problems)

    summary = ImportSummary(framework=existing)
    if document.framework is not None:
        summary.framework = _write_framework(
            document.framework, owner_organisation_id, summary.counts
        )
    if summary.framework is not None:
        _write_levels(summary.framework, document, summary.counts)
        _write_items(summary.framework, document, summary.counts)
    _write_mappings(document, owner_organisation_id, summary.counts)
    return summary


def _national_family(family) -> bool:
    return national_frameworks().filter(family=family).exists()


def _check_permission(user, existing, document, owner_organisation_id):
    if user is None:
        return
    family = (document.framework or {}).get("family")
    if not user.is_superuser and family and _national_family(family):
        # A local framework may not pose as (or pre-empt) a national version.
        raise PermissionDenied
    policy = framework_policy()
    allowed = (
        policy.user_has_permission_for_instance(user, "change", existing)
        if existing is not None
        else policy.user_has_permission(user, "add")
    )
    if not allowed:
        raise PermissionDenied


def _write_framework(data: dict, owner_organisation_id, counts) -> Framework:
    problems: list[ImportProblem] = []
    replaces = None
    if data.get("replaces"):
        family, _, version = str(data["replaces"]).partition("@")
        replaces = Framework.objects.filter(family=family, version=version).first()
    values = {
        "name": data["name"],
        "short_name": data["short_name"],
        "publisher": data.get("publisher", ""),
        "source_url": data.get("source_url", ""),
        "source_note": data.get("source_note", ""),
        "valid_from": parse_date(
            data.get("valid_from"), "framework", "valid_from", problems
        ),
        "valid_to": parse_date(data.get("valid_to"), "framework", "valid_to", problems),
        "is_active": bool(data.get("is_active", True)),
        "replaces": replaces,
        "owner_organisation_id": owner_organisation_id,
    }
    lookup = {"family": data["family"], "version": str(data["version"])}
    return _upsert(Framework, lookup, values, counts)


def _next_position(queryset) -> int:
    """New rows go after whatever is already there."""
    highest = queryset.aggregate(highest=Max("sort_order"))["highest"]
    return 0 if highest is None else highest + 1


def _write_levels(framework: Framework, document: FrameworkDocument, counts) -> None:
    levels = {}
    base = _next_position(framework.levels.all())
    for position, row in enumerate(document.of_kind("level")):
        levels[row.code] = _upsert(
            Level,
            {"framework": framework, "code": row.code},
            {
                "name": row.name,
                "group": row.group,
                "descriptor": row.text,
                "is_confirmed": row.confirmed,
            },
            counts,
            position=base + position,
        )
    for row in document.of_kind("pathway"):
        level = levels.get(row.parent) or framework.levels.get(code=row.parent)
        _upsert(
            Pathway,
            {"level": level, "code": row.code},
            {"name": row.name, "descriptor": row.text},
            counts,
            position=row.sort_order,
        )


def _write_items(framework: Framework, document: FrameworkDocument, counts) -> None:
    levels = {level.code: level for level in framework.levels.all()}
    rows = document.of_kind(*ItemKind.values)
    # Parents first (groups, then domains), so every parent exists when needed.
    order = {ItemKind.GROUP: 0, ItemKind.DOMAIN: 1, ItemKind.STATEMENT: 2}
    items = {item.code: item for item in framework.items.all()}
    base = _next_position(framework.items.all())
    positions = {row.code: base + index for index, row in enumerate(rows)}
    for row in sorted(rows, key=lambda row: order[row.kind]):
        items[row.code] = _upsert(
            Item,
            {"framework": framework, "code": row.code},
            {
                "kind": row.kind,
                "name": row.name,
                "text": row.text,
                "parent": items.get(row.parent) if row.parent else None,
                "level": levels.get(row.level) if row.level else None,
                "is_confirmed": row.confirmed,
            },
            counts,
            position=positions[row.code],
        )


def _write_mappings(document: FrameworkDocument, owner_organisation_id, counts) -> None:
    for row in document.of_kind("mapping"):
        _upsert(
            ItemMapping,
            {
                "source": item_by_reference(row.code),
                "target": item_by_reference(row.parent),
                "relation": row.relation,
            },
            {
                "note": row.text,
                "is_confirmed": row.confirmed,
                "owner_organisation_id": owner_organisation_id,
            },
            counts,
        )


@transaction.atomic
def framework_save_from_admin(*, framework: Framework, saved_by) -> Framework:
    """Save a framework created in the admin. One made by an organisation admin
    belongs to their organisation. Raises PermissionDenied."""
    if not framework_policy().user_has_permission(saved_by, "add"):
        raise PermissionDenied
    if not saved_by.is_superuser and _national_family(framework.family):
        raise PermissionDenied
    if not saved_by.is_superuser:
        framework.owner_organisation_id = saved_by.organisation_id
    framework.save()
    return framework
