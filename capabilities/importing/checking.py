"""Checking rows before anything is written: every problem names where it is
(a CSV line or a JSON entry) and which field."""

from capabilities.importing.rows import (
    CSV_KINDS,
    FRAMEWORK_REQUIRED,
    FrameworkDocument,
    ImportProblem,
    parse_date,
)
from capabilities.models import ItemKind, LevelGroup, MappingRelation


def check_document(
    document: FrameworkDocument,
    *,
    known_items: set[str],
    known_levels: set[str],
    resolves_reference,
) -> list[ImportProblem]:
    """Every problem with the rows, given the codes already in the target
    framework and a function that says whether 'family@version:code' exists."""
    problems: list[ImportProblem] = []
    if document.framework is not None:
        for name in FRAMEWORK_REQUIRED:
            if not str(document.framework.get(name, "")).strip():
                problems.append(ImportProblem("framework", name, "This is required."))
        for name in ("valid_from", "valid_to"):
            parse_date(document.framework.get(name), "framework", name, problems)

    level_codes = {row.code for row in document.of_kind("level")} | known_levels
    kinds_by_code = {row.code: row.kind for row in document.of_kind(*ItemKind.values)}
    item_codes = set(kinds_by_code) | known_items
    seen: dict[tuple[str, str], str] = {}
    for row in document.rows:
        if row.kind not in (*CSV_KINDS, "mapping"):
            problems.append(
                ImportProblem(
                    row.location,
                    "kind",
                    f"'{row.kind}' is not one of: {', '.join(CSV_KINDS)}.",
                )
            )
            continue
        if row.kind == "mapping":
            _check_mapping(row, resolves_reference, problems)
            continue
        if not row.code:
            problems.append(ImportProblem(row.location, "code", "This is required."))
            continue
        namespace = (
            "level"
            if row.kind == "level"
            else (f"pathway:{row.parent}" if row.kind == "pathway" else "item")
        )
        if (namespace, row.code) in seen:
            problems.append(
                ImportProblem(
                    row.location,
                    "code",
                    f"The code '{row.code}' is used twice (also at "
                    f"{seen[namespace, row.code]}).",
                )
            )
        seen[namespace, row.code] = row.location
        if (
            row.kind in ("level", "pathway", ItemKind.GROUP, ItemKind.DOMAIN)
            and not row.name
        ):
            problems.append(ImportProblem(row.location, "name", "This is required."))
        if row.kind == ItemKind.STATEMENT and not (row.name or row.text):
            problems.append(
                ImportProblem(row.location, "text", "A statement needs a name or text.")
            )
        if row.kind == "level" and row.group and row.group not in LevelGroup.values:
            problems.append(
                ImportProblem(
                    row.location,
                    "group",
                    f"'{row.group}' is not one of: {', '.join(LevelGroup.values)}.",
                )
            )
        if row.kind == "pathway" and row.parent not in level_codes:
            problems.append(
                ImportProblem(
                    row.location, "parent", f"There is no level '{row.parent}'."
                )
            )
        if row.kind in ItemKind.values:
            _check_item(row, kinds_by_code, item_codes, level_codes, problems)
    return problems


_PARENT_KIND = {ItemKind.DOMAIN: ItemKind.GROUP, ItemKind.STATEMENT: ItemKind.DOMAIN}


def _check_item(row, kinds_by_code, item_codes, level_codes, problems):
    if row.parent:
        if row.parent not in item_codes:
            problems.append(
                ImportProblem(
                    row.location,
                    "parent",
                    f"There is no domain or group '{row.parent}'.",
                )
            )
        elif row.kind == ItemKind.GROUP or (
            row.parent in kinds_by_code
            and kinds_by_code[row.parent] != _PARENT_KIND[row.kind]
        ):
            problems.append(
                ImportProblem(
                    row.location,
                    "parent",
                    f"A {row.kind} cannot sit under '{row.parent}'.",
                )
            )
    if row.level:
        if row.kind != ItemKind.STATEMENT:
            problems.append(
                ImportProblem(row.location, "level", "Only statements have a level.")
            )
        elif row.level not in level_codes:
            problems.append(
                ImportProblem(
                    row.location, "level", f"There is no level '{row.level}'."
                )
            )


def _check_mapping(row, resolves_reference, problems):
    if row.relation not in MappingRelation.values:
        problems.append(
            ImportProblem(
                row.location,
                "relation",
                f"'{row.relation}' is not one of: {', '.join(MappingRelation.values)}.",
            )
        )
    for name, reference in (("from", row.code), ("to", row.parent)):
        if not resolves_reference(reference):
            problems.append(
                ImportProblem(
                    row.location,
                    name,
                    f"'{reference}' does not name an item (expected "
                    "family@version:code).",
                )
            )
