"""Reading framework files (JSON or CSV) into rows. Nothing here writes to the
database, and nothing is checked against it: see ``checking``."""

import csv
import io
import json

from capabilities.importing.rows import (
    CROSSWALK_FORMAT,
    CSV_COLUMNS,
    CSV_REQUIRED_COLUMNS,
    FRAMEWORK_FORMAT,
    MAX_IMPORT_BYTES,
    FrameworkDocument,
    FrameworkFileError,
    ImportProblem,
    Row,
    _as_bool,
)
from capabilities.models import MappingRelation


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
