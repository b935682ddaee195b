"""Django finds the app's models here; each concept keeps its own in a package."""

from portfolio.evidence.models import (
    Attachment,
    Entry,
    EntryMapping,
    ReflectionStage,
)
from portfolio.exports.models import Export
from portfolio.people.models import (
    Invitation,
    Organisation,
    StaffMember,
    Team,
    User,
)

__all__ = [
    "Attachment",
    "Entry",
    "EntryMapping",
    "Export",
    "Invitation",
    "Organisation",
    "ReflectionStage",
    "StaffMember",
    "Team",
    "User",
]
