"""Writes to the frameworks: importing a file (at once, or as a background job
for the admin screen), and saving one from the admin."""

from capabilities.services.frameworks import (
    NO_TARGET_FRAMEWORK,
    ImportSummary,
    framework_import,
    framework_save_from_admin,
)
from capabilities.services.import_jobs import (
    import_job_apply,
    import_job_create,
)

__all__ = [
    "NO_TARGET_FRAMEWORK",
    "ImportSummary",
    "framework_import",
    "framework_save_from_admin",
    "import_job_apply",
    "import_job_create",
]
