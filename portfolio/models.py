"""Django finds the app's models here; each concept keeps its own in a package."""

from portfolio.appraisal.models import (
    Addendum,
    Appraisal,
    AppraisalFeedback,
    DomainAssessment,
    FeedbackLink,
    Objective,
)
from portfolio.asye.models import (
    AssessedYear,
    PanelDecision,
    PanelMember,
    Programme,
    ReflectionLogEntry,
    SupportPlan,
    YearReview,
)
from portfolio.career.models import LevelChange, LevelRequest
from portfolio.evidence.models import (
    AccessEvent,
    Attachment,
    Entry,
    EntryMapping,
    ReflectionStage,
)
from portfolio.exports.models import Export
from portfolio.identity.models import (
    IdentityProvider,
    ProvisionedAccount,
    ProvisionedTeam,
    ScimToken,
    StaffImport,
)
from portfolio.notifications.models import Dispatch, EmailOptOut, Notification
from portfolio.people.models import (
    AuditEvent,
    Invitation,
    Organisation,
    StaffMember,
    Supervision,
    Team,
    User,
)
from portfolio.privacy.models import (
    ErasureRequest,
    ImportedItem,
    LegalHold,
    PortableImport,
    PrivacySettings,
    RetentionRun,
    SubjectAccessRequest,
)
from portfolio.reports.models import ReportView
from portfolio.supervision.models import ReviewDecision, SupervisionSession

__all__ = [
    "ErasureRequest",
    "IdentityProvider",
    "ImportedItem",
    "LegalHold",
    "PortableImport",
    "PrivacySettings",
    "ProvisionedAccount",
    "ProvisionedTeam",
    "RetentionRun",
    "ScimToken",
    "StaffImport",
    "SubjectAccessRequest",
    "AuditEvent",
    "YearReview",
    "SupportPlan",
    "ReflectionLogEntry",
    "Programme",
    "PanelMember",
    "PanelDecision",
    "AssessedYear",
    "AccessEvent",
    "Addendum",
    "Appraisal",
    "AppraisalFeedback",
    "Attachment",
    "Entry",
    "Dispatch",
    "DomainAssessment",
    "EmailOptOut",
    "EntryMapping",
    "Export",
    "FeedbackLink",
    "Invitation",
    "LevelChange",
    "LevelRequest",
    "Notification",
    "Objective",
    "Organisation",
    "ReflectionStage",
    "ReportView",
    "ReviewDecision",
    "StaffMember",
    "Supervision",
    "SupervisionSession",
    "Team",
    "User",
]
