"""Reading framework files (JSON or CSV) into plain rows, and checking them.

Nothing here writes to the database: ``services.framework_import`` writes only
after every check has passed, so a bad file changes nothing.
"""

from capabilities.importing.checking import check_document
from capabilities.importing.reading import decode_upload, parse, parse_csv, parse_json
from capabilities.importing.rows import (
    CROSSWALK_FORMAT,
    CSV_COLUMNS,
    CSV_KINDS,
    FRAMEWORK_FORMAT,
    MAX_IMPORT_BYTES,
    FrameworkDocument,
    FrameworkFileError,
    ImportProblem,
    Row,
    parse_date,
    split_reference,
)

__all__ = [
    "CROSSWALK_FORMAT",
    "CSV_COLUMNS",
    "CSV_KINDS",
    "FRAMEWORK_FORMAT",
    "MAX_IMPORT_BYTES",
    "FrameworkDocument",
    "FrameworkFileError",
    "ImportProblem",
    "Row",
    "check_document",
    "decode_upload",
    "parse",
    "parse_csv",
    "parse_date",
    "parse_json",
    "split_reference",
]
