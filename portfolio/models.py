"""Django finds the app's models here; each concept keeps its own in a package."""

from portfolio.career.models import LevelChange, LevelRequest
from portfolio.evidence.models import (
    Attachment,
    Entry,
    EntryMapping,
    ReflectionStage,
)
from portfolio.exports.models import Export
from portfolio.notifications.models import Notification
from portfolio.people.models import (
    Invitation,
    Organisation,
    StaffMember,
    Team,
    User,
)
from portfolio.supervision.models import (
    AccessEvent,
    ReviewDecision,
    Supervision,
    SupervisionSession,
)

__all__ = [
    "AccessEvent",
    "Attachment",
    "Entry",
    "EntryMapping",
    "Export",
    "Invitation",
    "LevelChange",
    "LevelRequest",
    "Notification",
    "Organisation",
    "ReflectionStage",
    "ReviewDecision",
    "StaffMember",
    "Supervision",
    "SupervisionSession",
    "Team",
    "User",
]
