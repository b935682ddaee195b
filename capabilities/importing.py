"""Reading framework files (JSON or CSV) into plain rows, and checking them.

Nothing here writes to the database: ``services.framework_import`` writes only
after every check has passed, so a bad file changes nothing. Every problem names
where it is (a CSV line or a JSON entry) and which field.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from capabilities.models import ItemKind, LevelGroup, MappingRelation

MAX_IMPORT_BYTES = 5 * 1024 * 1024
FRAMEWORK_FORMAT = "practitioner-portfolio-framework/1"
CROSSWALK_FORMAT = "practitioner-portfolio-crosswalk/1"
CSV_COLUMNS = ("kind", "code", "name", "parent", "level", "text", "group", "confirmed")
CSV_REQUIRED_COLUMNS = ("kind", "code")
CSV_KINDS = ("level", "pathway", *ItemKind.values)
FRAMEWORK_REQUIRED = ("family", "version", "name", "short_name")


@dataclass(frozen=True)
class ImportProblem:
    location: str
    field: str
    message: str

    def __str__(self):
        where = self.location + (f", {self.field}" if self.field else "")
        return f"{where}: {self.message}"


class FrameworkFileError(Exception):
    """The file cannot be imported; ``problems`` says where and why."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems[:20]))


@dataclass
class Row:
    """One level, pathway, item or mapping, with where it came from."""

    kind: str
    code: str
    location: str
    name: str = ""
    parent: str = ""
    level: str = ""
    text: str = ""
    group: str = ""
    confirmed: bool = True
    relation: str = ""
    sort_order: int = 0


@dataclass
class FrameworkDocument:
    framework: dict | None = None
    rows: list[Row] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Row]:
        return [row for row in self.rows if row.kind in kinds]


def decode_upload(raw: bytes, *, filename: str = "file") -> str:
    """The file's text, or FrameworkFileError if it is empty, too large or not
    UTF-8."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise FrameworkFileError(
            [
                ImportProblem(
                    filename,
                    "",
                    f"The file is {len(raw) / 1024 / 1024:.1f} MB; the largest we "
                    f"accept is {MAX_IMPORT_BYTES // 1024 // 1024} MB.",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FrameworkFileError(
            [
                ImportProblem(
                    filename,
                    "",
                    "The file is not UTF-8 text (unreadable byte at position "
                    f"{error.start}). Save it as 'CSV UTF-8' or UTF-8 JSON and try "
                    "again.",
                )
            ]
        ) from error
    if not text.strip():
        raise FrameworkFileError([ImportProblem(filename, "", "The file is empty.")])
    return text


def parse(text: str, *, filename: str) -> FrameworkDocument:
    if filename.lower().endswith(".json") or text.lstrip().startswith("{"):
        return parse_json(text)
    return parse_csv(text)


def _as_bool(value, location, name, problems) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "true", "yes", "y", "1"):
        return True
    if text in ("false", "no", "n", "0"):
        return False
    problems.append(ImportProblem(location, name, f"'{value}' is not yes or no."))
    return True


def parse_csv(text: str) -> FrameworkDocument:
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip().lower() for column in reader.fieldnames or []]
    missing = [column for column in CSV_REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FrameworkFileError(
            [
                ImportProblem(
                    "line 1",
                    ", ".join(missing),
                    f"Missing column(s): {', '.join(missing)}. The columns are: "
                    f"{', '.join(CSV_COLUMNS)}.",
                )
            ]
        )
    reader.fieldnames = header
    document, problems = FrameworkDocument(), []
    for position, record in enumerate(reader):
        location = f"line {reader.line_num}"
        values = {key: (value or "").strip() for key, value in record.items() if key}
        document.rows.append(
            Row(
                kind=values.get("kind", "").lower(),
                code=values.get("code", ""),
                location=location,
                name=values.get("name", ""),
                parent=values.get("parent", ""),
                level=values.get("level", ""),
                text=values.get("text", ""),
                group=values.get("group", "").lower(),
                confirmed=_as_bool(
                    values.get("confirmed", ""), location, "confirmed", problems
                ),
                sort_order=position,
            )
        )
    if not document.rows:
        problems.append(
            ImportProblem("line 2", "", "The file has a header but no rows.")
        )
    if problems:
        raise FrameworkFileError(problems)
    return document


def parse_json(text: str) -> FrameworkDocument:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameworkFileError(
            [
                ImportProblem(
                    f"line {error.lineno}", "", f"This is not valid JSON: {error.msg}."
                )
            ]
        ) from error
    if not isinstance(data, dict) or data.get("format") not in (
        FRAMEWORK_FORMAT,
        CROSSWALK_FORMAT,
    ):
        raise FrameworkFileError(
            [
                ImportProblem(
                    "format",
                    "format",
                    f"Expected a 'format' of '{FRAMEWORK_FORMAT}' or "
                    f"'{CROSSWALK_FORMAT}'.",
                )
            ]
        )
    document, problems = FrameworkDocument(), []
    if data["format"] == FRAMEWORK_FORMAT:
        framework = data.get("framework")
        if not isinstance(framework, dict):
            raise FrameworkFileError([ImportProblem("framework", "", "Missing.")])
        document.framework = framework
        for index, level in enumerate(data.get("levels") or []):
            location = f"levels[{index}]"
            document.rows.append(_json_row("level", level, location, index, problems))
            for sub, pathway in enumerate(level.get("pathways") or []):
                row = _json_row(
                    "pathway", pathway, f"{location}.pathways[{sub}]", sub, problems
                )
                row.parent = str(level.get("code", ""))
                document.rows.append(row)
        for index, item in enumerate(data.get("items") or []):
            kind = str(item.get("kind", "")).lower()
            document.rows.append(
                _json_row(kind, item, f"items[{index}]", index, problems)
            )
    for index, mapping in enumerate(data.get("mappings") or []):
        location = f"mappings[{index}]"
        document.rows.append(
            Row(
                kind="mapping",
                code=str(mapping.get("from", "")),
                parent=str(mapping.get("to", "")),
                relation=str(mapping.get("relation", MappingRelation.COVERS)),
                text=str(mapping.get("note", "")),
                confirmed=_as_bool(
                    mapping.get("confirmed", False), location, "confirmed", problems
                ),
                location=location,
            )
        )
    if problems:
        raise FrameworkFileError(problems)
    return document


def _json_row(kind, data, location, position, problems) -> Row:
    if not isinstance(data, dict):
        problems.append(ImportProblem(location, "", "Expected an object."))
        return Row(kind=kind, code="", location=location)
    return Row(
        kind=kind,
        code=str(data.get("code", "")).strip(),
        location=location,
        name=str(data.get("name", "")).strip(),
        parent=str(data.get("parent", "") or "").strip(),
        level=str(data.get("level", "") or "").strip(),
        text=str(data.get("text", data.get("descriptor", "")) or "").strip(),
        group=str(data.get("group", "") or "").strip().lower(),
        confirmed=_as_bool(
            data.get("confirmed", True), location, "confirmed", problems
        ),
        sort_order=position,
    )


def parse_date(value, location, name, problems) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            ImportProblem(location, name, f"'{value}' is not a date like 2027-03-31.")
        )
        return None


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


def split_reference(reference: str) -> tuple[str, str, str] | None:
    """'pcf@2018:5' -> ('pcf', '2018', '5'), or None if malformed."""
    framework, _, code = reference.partition(":")
    family, _, version = framework.partition("@")
    if not (family and version and code):
        return None
    return family, version, code
