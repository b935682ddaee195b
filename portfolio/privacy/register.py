"""The register of personal data: every model that holds data about a person
says what it holds, whose it is, the lawful basis, how long it is kept, how
it is exported and how it is erased.

``tests/portfolio/privacy/test_register.py`` fails for a model with a foreign
key to the user, or a field named like a person's data, that is missing here,
the way the URL access matrix fails for an unclassified URL. Another app (or
a model added later) registers its own with ``personal_data_register`` from
its ``AppConfig.ready()``. The privacy notice, the subject access ZIP and
erasure are all driven from this one list.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Basis(StrEnum):
    """UK GDPR article 6 (and 9 where reflections touch casework)."""

    CONTRACT = "contract"  # 6(1)(b): the person's employment
    LEGAL = "legal_obligation"  # 6(1)(c): registration with Social Work England
    PUBLIC_TASK = "public_task"  # 6(1)(e): a local authority's social work
    LEGITIMATE = "legitimate_interests"  # 6(1)(f): security, audit


BASIS_TEXT = {
    Basis.CONTRACT: _("to run your employment (UK GDPR article 6(1)(b))"),
    Basis.LEGAL: _(
        "because Social Work England requires CPD records (article 6(1)(c))"
    ),
    Basis.PUBLIC_TASK: _("to carry out social work as a public task (article 6(1)(e))"),
    Basis.LEGITIMATE: _("to keep the portal secure and accountable (article 6(1)(f))"),
}


class Retention(StrEnum):
    """Rules the daily retention job applies (privacy.retention)."""

    #: Until the portable copy was offered and the leaver's grace period ended.
    PORTFOLIO = "portfolio"
    #: The organisation's ``keep_appraisals_years`` after the person leaves.
    EMPLOYMENT = "employment"
    #: The organisation's ``keep_audit_years`` after the person leaves.
    AUDIT = "audit"
    #: Short-lived: deleted when it expires (sessions, exports, links).
    TRANSIENT = "transient"
    #: As long as the account exists.
    ACCOUNT = "account"


RETENTION_TEXT = {
    Retention.PORTFOLIO: _(
        "until you have been offered your portable portfolio and your grace "
        "period after leaving has ended"
    ),
    Retention.EMPLOYMENT: _(
        "for the years your organisation sets after you leave (6 unless it "
        "chooses otherwise)"
    ),
    Retention.AUDIT: _(
        "for the years your organisation sets for its audit log after you leave "
        "(6 unless it chooses otherwise)"
    ),
    Retention.TRANSIENT: _("only until it expires (days at most)"),
    Retention.ACCOUNT: _("for as long as your account exists"),
}


@dataclass(frozen=True)
class PersonalData:
    """One model's entry in the register.

    ``delete_where``: rows whose field (a lookup path to the user) is the
    person are deleted on erasure, with their files. ``nullify``: foreign
    keys that are set empty where they name the person (someone else's
    record that mentions them). ``scrub``: text fields blanked on the rows
    ``delete_where`` would not remove but ``nullify`` touches. A model with
    none of the three holds nothing of a person on its own (its rows go with
    a parent); ``note`` says so.
    """

    model: str
    what: str
    whose: tuple[str, ...]
    basis: Basis
    retention: Retention
    exported: str
    delete_where: tuple[str, ...] = ()
    nullify: tuple[str, ...] = ()
    scrub: tuple[str, ...] = ()
    note: str = ""
    #: Shown on the privacy notice (internal plumbing rows are not).
    public: bool = True
    fields: tuple[str, ...] = field(default=())


REGISTER: dict[str, PersonalData] = {}


def personal_data_register(*entries: PersonalData) -> None:
    """Add entries to the register (an app's ``ready()`` calls this)."""
    for entry in entries:
        REGISTER[entry.model] = entry


SAR = "subject access ZIP"
#: Rows that would let someone act as the person: never handed over, even in
#: a subject access ZIP (privacy.services.subject_access skips them).
SECRETS = "not exported (secrets)"
PORTABLE = "portable portfolio and subject access ZIP"

personal_data_register(
    # --- portfolio: people ---------------------------------------------------
    PersonalData(
        "portfolio.User",
        "Your name, work email address, roles, team, career level.",
        ("self",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        PORTABLE,
        note="Anonymised on erasure (the row remains so others' records hold).",
    ),
    PersonalData(
        "portfolio.Invitation",
        "Invitations to set up your account.",
        ("user", "invited_by"),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        delete_where=("user",),
        nullify=("invited_by",),
        public=False,
    ),
    PersonalData(
        "portfolio.Supervision",
        "Who supervises you, and whom you supervise.",
        ("supervisee", "supervisor", "created_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        delete_where=("supervisee",),
        nullify=("created_by",),
        # A supervisor's relationships (and their sessions) are their
        # supervisees' records too: they stay, naming the anonymised account.
        note="Relationships as supervisee are erased; as supervisor they stay.",
    ),
    PersonalData(
        "portfolio.Team",
        "The teams you manage.",
        ("managers",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        note="The many-to-many link goes with the account.",
    ),
    PersonalData(
        "portfolio.AuditEvent",
        "Administrative changes you made or that were made about you.",
        ("actor", "subject"),
        Basis.LEGITIMATE,
        Retention.AUDIT,
        SAR,
        nullify=("actor", "subject"),
        scrub=("actor_label", "target_label", "before", "after"),
    ),
    # --- notifications --------------------------------------------------------
    PersonalData(
        "portfolio.Notification",
        "Notifications sent to you.",
        ("recipient",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("recipient",),
    ),
    PersonalData(
        "portfolio.Dispatch",
        "Emails queued or sent to you.",
        ("recipient",),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        delete_where=("recipient",),
        public=False,
    ),
    PersonalData(
        "portfolio.EmailOptOut",
        "The emails you chose not to receive.",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
    ),
    # --- evidence ---------------------------------------------------------------
    PersonalData(
        "portfolio.Attachment",
        "Files you attach to CPD entries.",
        ("entry__owner",),
        Basis.LEGAL,
        Retention.PORTFOLIO,
        PORTABLE,
        delete_where=("entry__owner",),
        fields=("original_name",),
    ),
    PersonalData(
        "portfolio.Entry",
        "Your CPD entries and reflections.",
        ("owner",),
        Basis.LEGAL,
        Retention.PORTFOLIO,
        PORTABLE,
        delete_where=("owner",),
    ),
    PersonalData(
        "portfolio.ReflectionStage",
        "The stages of your reflections.",
        ("entry__owner",),
        Basis.LEGAL,
        Retention.PORTFOLIO,
        PORTABLE,
        note="Goes with its entry.",
        public=False,
    ),
    PersonalData(
        "portfolio.EntryMapping",
        "How your entries map to the PCF, and who confirmed it.",
        ("entry__owner", "confirmed_by"),
        Basis.LEGAL,
        Retention.PORTFOLIO,
        PORTABLE,
        nullify=("confirmed_by",),
        note="Goes with its entry; a confirmer's name is removed.",
        public=False,
    ),
    PersonalData(
        "portfolio.AccessEvent",
        "Who looked at your portfolio, and whose you looked at.",
        ("owner", "viewer"),
        Basis.LEGITIMATE,
        Retention.AUDIT,
        SAR,
        delete_where=("owner",),
        nullify=("viewer",),
    ),
    # --- supervision -----------------------------------------------------------
    PersonalData(
        "portfolio.ReviewDecision",
        "Supervisors' reviews of your entries, and reviews you wrote.",
        ("entry__owner", "reviewer"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        delete_where=("entry__owner",),
        nullify=("reviewer",),
    ),
    PersonalData(
        "portfolio.SupervisionSession",
        "Supervision sessions you took part in.",
        ("supervision__supervisee", "supervision__supervisor", "created_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        nullify=("created_by",),
        note="Goes with its supervision relationship.",
    ),
    PersonalData(
        "portfolio.PeerConfirmationLink",
        "The peer you named to confirm a discussion.",
        ("entry__owner",),
        Basis.LEGAL,
        Retention.TRANSIENT,
        SAR,
        delete_where=("entry__owner",),
        fields=("peer_name",),
        public=False,
    ),
    # --- appraisal -------------------------------------------------------------
    PersonalData(
        "portfolio.Appraisal",
        "Your appraisals, and those you carried out.",
        ("supervisee", "appraiser"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        delete_where=("supervisee",),
        note="An appraiser's own name stays on appraisals of others (their record).",
    ),
    PersonalData(
        "portfolio.Addendum",
        "Notes added to a signed appraisal.",
        ("appraisal__supervisee", "author"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        delete_where=("appraisal__supervisee",),
    ),
    # --- asye ------------------------------------------------------------------
    PersonalData(
        "portfolio.AssessedYear",
        "Your assessed and supported year in employment.",
        ("nqsw", "assessor", "manager", "created_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        delete_where=("nqsw",),
        nullify=("manager", "created_by"),
    ),
    PersonalData(
        "portfolio.SupportPlan",
        "Your ASYE support plan.",
        ("year__nqsw", "recorded_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        nullify=("recorded_by",),
        note="Goes with its year.",
        public=False,
    ),
    PersonalData(
        "portfolio.YearReview",
        "Reviews of your ASYE.",
        ("year__nqsw", "recorded_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        nullify=("recorded_by",),
        note="Goes with its year.",
        public=False,
    ),
    PersonalData(
        "portfolio.PanelMember",
        "Your membership of an ASYE moderation panel.",
        ("member", "added_by"),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("member",),
        nullify=("added_by",),
    ),
    PersonalData(
        "portfolio.PanelDecision",
        "Moderation panel decisions you made.",
        ("member",),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        nullify=("member",),
        public=False,
    ),
    # --- career ------------------------------------------------------------------
    PersonalData(
        "portfolio.LevelChange",
        "Your history on the career path.",
        ("person", "recorded_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        PORTABLE,
        delete_where=("person",),
        nullify=("recorded_by",),
    ),
    PersonalData(
        "portfolio.LevelRequest",
        "Your requests to move up a level, and recommendations you made.",
        ("person", "recommended_by", "decided_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        delete_where=("person",),
        nullify=("recommended_by", "decided_by"),
    ),
    # --- exports, reports --------------------------------------------------------
    PersonalData(
        "portfolio.Export",
        "Exports you asked for (kept 7 days).",
        ("owner",),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        delete_where=("owner",),
    ),
    PersonalData(
        "portfolio.ReportView",
        "Reports you opened (the reports' own audit log).",
        ("viewer",),
        Basis.LEGITIMATE,
        Retention.AUDIT,
        SAR,
        nullify=("viewer",),
    ),
    PersonalData(
        "portfolio.PersonYearSummary",
        "Your CPD figures for each registration year, as the organisation "
        "reports count them.",
        ("person",),
        Basis.PUBLIC_TASK,
        Retention.PORTFOLIO,
        SAR,
        delete_where=("person",),
        note="Worked out from your CPD entries, and rebuilt whenever they change.",
        public=False,
    ),
    # --- privacy ------------------------------------------------------------------
    PersonalData(
        "portfolio.PortableImport",
        "Portable portfolios you uploaded.",
        ("owner",),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        delete_where=("owner",),
    ),
    PersonalData(
        "portfolio.ImportedItem",
        "Records you brought from another employer.",
        ("owner",),
        Basis.LEGAL,
        Retention.PORTFOLIO,
        PORTABLE,
        delete_where=("owner",),
    ),
    PersonalData(
        "portfolio.SubjectAccessRequest",
        "Subject access requests about you, and ones you handled.",
        ("subject", "requested_by"),
        Basis.LEGAL,
        Retention.AUDIT,
        SAR,
        delete_where=("subject",),
        nullify=("requested_by",),
    ),
    PersonalData(
        "portfolio.ErasureRequest",
        "Erasure requests about you (kept, without your data, as proof).",
        ("subject", "requested_by", "decided_by"),
        Basis.LEGAL,
        Retention.AUDIT,
        SAR,
        nullify=("subject", "requested_by", "decided_by"),
    ),
    PersonalData(
        "portfolio.LegalHold",
        "Legal holds on your records.",
        ("person", "placed_by"),
        Basis.LEGAL,
        Retention.AUDIT,
        SAR,
        delete_where=("person",),
        nullify=("placed_by",),
    ),
    # --- capabilities, search, learning --------------------------------------------
    PersonalData(
        "capabilities.FrameworkImportJob",
        "Framework files you uploaded (organisation admins).",
        ("uploaded_by",),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        delete_where=("uploaded_by",),
        public=False,
    ),
    PersonalData(
        "search.IndexRebuild",
        "Search rebuilds a site admin started.",
        ("requested_by",),
        Basis.LEGITIMATE,
        Retention.TRANSIENT,
        SAR,
        nullify=("requested_by",),
        public=False,
    ),
    PersonalData(
        "learning.ReadMark",
        "Learning content you marked as read.",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
    ),
    PersonalData(
        "learning.ContentView",
        "Learning content you opened.",
        ("user",),
        Basis.LEGITIMATE,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
    ),
    PersonalData(
        "learning.EventAttendance",
        "Training events you attended, and attendance you recorded.",
        ("attendee", "recorded_by"),
        Basis.CONTRACT,
        Retention.EMPLOYMENT,
        SAR,
        delete_where=("attendee",),
        nullify=("recorded_by",),
    ),
    # --- portfolio: identity (single sign-on, SCIM, staff uploads) ----------
    PersonalData(
        "portfolio.ProvisionedAccount",
        "Your employer's identifiers for you: HR's user name and external id, "
        "your employee number.",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
        fields=("external_id", "user_name", "employee_number"),
    ),
    PersonalData(
        "portfolio.ScimToken",
        "Which admin made the token HR's system connects with.",
        ("created_by",),
        Basis.LEGITIMATE,
        Retention.AUDIT,
        SECRETS,
        nullify=("created_by",),
        note="The token stays for the organisation; the admin's name goes.",
        public=False,
    ),
    PersonalData(
        "portfolio.StaffImport",
        "Staff lists an admin uploaded (names, work emails, teams, roles) and "
        "what each line changed.",
        ("uploaded_by",),
        Basis.CONTRACT,
        Retention.AUDIT,
        SAR,
        delete_where=("uploaded_by",),
        note="Goes with the admin who uploaded it; what each upload changed "
        "stays in the audit log.",
        public=False,
    ),
    # --- third-party apps -------------------------------------------------------
    PersonalData(
        "account.EmailAddress",
        "Your sign-in email address and whether it is verified.",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
        fields=("email",),
        public=False,
    ),
    PersonalData(
        "account.EmailConfirmation",
        "Links sent to confirm an email address.",
        ("email_address__user",),
        Basis.CONTRACT,
        Retention.TRANSIENT,
        SAR,
        note="Goes with its email address.",
        fields=("email_address",),
        public=False,
    ),
    PersonalData(
        "socialaccount.SocialAccount",
        "The link between your account and your organisation's sign-in "
        "service (its id for you and the details it sent).",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
    ),
    PersonalData(
        "mfa.Authenticator",
        "Your two-factor authentication devices and recovery codes.",
        ("user",),
        Basis.LEGITIMATE,
        Retention.ACCOUNT,
        SECRETS,
        delete_where=("user",),
    ),
    PersonalData(
        "wagtailusers.UserProfile",
        "Your admin preferences (training editors).",
        ("user",),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        delete_where=("user",),
        public=False,
    ),
    PersonalData(
        "wagtailadmin.EditingSession",
        "Which page you are editing in the admin, now.",
        ("user",),
        Basis.LEGITIMATE,
        Retention.TRANSIENT,
        SAR,
        delete_where=("user",),
        public=False,
    ),
    PersonalData(
        "wagtailadmin.FormState",
        "Unsaved admin form state.",
        ("user",),
        Basis.LEGITIMATE,
        Retention.TRANSIENT,
        SAR,
        delete_where=("user",),
        public=False,
    ),
    PersonalData(
        "wagtailcore.APIToken",
        "Admin API tokens you made.",
        ("user",),
        Basis.LEGITIMATE,
        Retention.ACCOUNT,
        SECRETS,
        delete_where=("user",),
        public=False,
    ),
    *[
        PersonalData(
            label,
            "Learning content you edited or uploaded (training editors).",
            whose,
            Basis.CONTRACT,
            Retention.ACCOUNT,
            SAR,
            nullify=whose,
            note="Published content stays; your name is removed from it.",
            public=False,
        )
        for label, whose in (
            ("wagtailcore.Page", ("owner", "locked_by")),
            ("wagtailcore.Revision", ("user",)),
            ("wagtailcore.PageLogEntry", ("user",)),
            ("wagtailcore.ModelLogEntry", ("user",)),
            ("wagtailcore.WorkflowState", ("requested_by",)),
            ("wagtailcore.TaskState", ("finished_by",)),
            ("wagtailimages.Image", ("uploaded_by_user",)),
            ("wagtaildocs.Document", ("uploaded_by_user",)),
            ("wagtailcore.UploadedFile", ("uploaded_by_user",)),
        )
    ],
    *[
        PersonalData(
            label,
            "Comments on learning pages you wrote, and your subscriptions.",
            ("user",),
            Basis.CONTRACT,
            Retention.ACCOUNT,
            SAR,
            delete_where=("user",),
            public=False,
        )
        for label in ("wagtailcore.CommentReply", "wagtailcore.PageSubscription")
    ],
    PersonalData(
        "wagtailcore.Comment",
        "Comments on learning pages you wrote or resolved.",
        ("user", "resolved_by"),
        Basis.CONTRACT,
        Retention.ACCOUNT,
        SAR,
        nullify=("resolved_by",),
        # Deleting a comment would delete other editors' replies with it
        # (CommentReply cascades), so it stays with the anonymised account.
        note="Comments you started stay on the page, under the anonymised "
        "account; your own replies are deleted.",
        public=False,
    ),
    PersonalData(
        "wagtailembeds.Embed",
        "The author named by an embedded video or post (public information, "
        "not about our users).",
        (),
        Basis.PUBLIC_TASK,
        Retention.ACCOUNT,
        "not about our users",
        fields=("author_name",),
        public=False,
    ),
)

#: Where personal data lives outside a model with a foreign key to the user,
#: and how erasure reaches it (privacy.erasure does each).
OTHER_STORES = {
    "sessions": _(
        "Signed-in sessions (django.contrib.sessions, no foreign key): every "
        "session whose stored user id is the person's is deleted."
    ),
    "search": _(
        "The search index (Elasticsearch or the database backend): deleting "
        "each entry records a delete in search's durable outbox, applied after "
        "commit and replayed by the sweep if Elasticsearch is down."
    ),
    "files": _(
        "Attachments, exports, imports and subject access ZIPs in the private "
        "file store: deleted after the rows are."
    ),
    "cache": _(
        "The shared cache holds export progress only: the person's keys are "
        "deleted. No page is cached with personal data in it."
    ),
    "jobs": _(
        "Queued jobs are rows (exports, emails, imports): they are deleted, so "
        "a task already on the broker finds nothing to do."
    ),
}
