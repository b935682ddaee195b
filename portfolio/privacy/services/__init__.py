"""Writes for personal-data handling, one concept per module."""

from portfolio.privacy.services.erasure import (
    erasure_approve,
    erasure_request,
    person_erase,
)
from portfolio.privacy.services.holds import (
    legal_hold_lift,
    legal_hold_place,
    privacy_settings_update,
)
from portfolio.privacy.services.imports import (
    portable_import_apply,
    portable_import_confirm,
    portable_import_upload,
)
from portfolio.privacy.services.leavers import (
    leaver_link_redeem,
    leaver_portfolio_request,
)
from portfolio.privacy.services.retention import retention_run
from portfolio.privacy.services.subject_access import (
    subject_access_build,
    subject_access_request,
)

__all__ = [
    "erasure_approve",
    "erasure_request",
    "leaver_link_redeem",
    "leaver_portfolio_request",
    "legal_hold_lift",
    "legal_hold_place",
    "person_erase",
    "portable_import_apply",
    "portable_import_confirm",
    "portable_import_upload",
    "privacy_settings_update",
    "retention_run",
    "subject_access_build",
    "subject_access_request",
]
