"""The shapes an import file is read into, and how problems are reported."""

from dataclasses import dataclass, field
from datetime import date

from capabilities.models import ItemKind

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


def split_reference(reference: str) -> tuple[str, str, str] | None:
    """'pcf@2018:5' -> ('pcf', '2018', '5'), or None if malformed."""
    framework, _, code = reference.partition(":")
    family, _, version = framework.partition("@")
    if not (family and version and code):
        return None
    return family, version, code
