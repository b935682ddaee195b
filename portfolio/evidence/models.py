"""CPD evidence: entries, their reflections, capability mappings and files."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.evidence.reflection import STAGES, ReflectiveModel


class ReviewState(models.TextChoices):
    NOT_REQUESTED = "", _("Not sent for review")
    WAITING = "waiting", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    CONFIRMED = "confirmed", _("Confirmed")


class CPDType(models.TextChoices):
    COURSE = "course", _("Course or training")
    E_LEARNING = "e_learning", _("E-learning")
    READING_RESEARCH = "reading_research", _("Reading research")
    RESEARCH_SUMMARY = "research_summary", _("Research summary on this portal")
    PODCAST_VIDEO = "podcast_video", _("Podcast or video")
    SUPERVISION = "supervision", _("Supervision")
    PEER_DISCUSSION = "peer_discussion", _("Peer or group discussion")
    SHADOWING = "shadowing", _("Shadowing")
    PRACTICE_OBSERVATION = "practice_observation", _("Practice observation")
    CONFERENCE = "conference", _("Conference")
    TEACHING = "teaching", _("Teaching or mentoring others")
    OTHER = "other", _("Other")


class ASYEEvidence(models.TextChoices):
    """What the ASYE framework expects a newly qualified social worker to gather."""

    DIRECT_OBSERVATION = "direct_observation", _("Direct observation of practice")
    FEEDBACK_PEOPLE = "feedback_people", _("Feedback from people who use services")
    FEEDBACK_PROFESSIONALS = (
        "feedback_professionals",
        _("Feedback from other professionals"),
    )
    ASSESSED_REPORT = "assessed_report", _("Assessed written report")
    REFLECTION_6_MONTHS = "reflection_6_months", _("Critical reflection at 6 months")
    REFLECTION_12_MONTHS = "reflection_12_months", _("Critical reflection at 12 months")


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


class Entry(models.Model):
    """One piece of CPD, answering Social Work England's questions.

    Drafts may be incomplete; only complete entries count towards the
    registration year and coverage.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    state = models.CharField(
        max_length=10, choices=EntryState.choices, default=EntryState.DRAFT
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    activity_date = models.DateField(_("date of the activity"), null=True, blank=True)
    cpd_type = models.CharField(
        _("type of CPD"), max_length=30, choices=CPDType.choices, blank=True
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(
        _("what it was and why it is relevant to your practice"), blank=True
    )
    learning = models.TextField(_("what you learnt"), blank=True)
    impact = models.TextField(
        _("the impact on your practice and on the people you work with"), blank=True
    )
    peer_reflection = models.TextField(
        _("what you learnt from discussing it with a peer"), blank=True
    )
    peer_role = models.CharField(
        _("your peer's role"),
        max_length=120,
        blank=True,
        help_text=_("Their role, such as 'team manager', not their name."),
    )
    reflective_model = models.CharField(
        _("reflective model"),
        max_length=20,
        choices=ReflectiveModel.choices,
        blank=True,
    )
    source_url = models.URLField(_("link"), blank=True, max_length=500)
    #: The learning page this entry was recorded from, if any. A reference to
    #: Wagtail's Page (not to a learning model) keeps portfolio below learning.
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Questions the source suggested to reflect on, shown in the editor.
    reflection_prompts = models.JSONField(default=list, blank=True)
    asye_evidence = models.CharField(
        _("ASYE evidence"), max_length=30, choices=ASYEEvidence.choices, blank=True
    )
    #: The owner's choice: complete entries shared with their current
    #: supervisors (sending for review shares too).
    shared_with_supervisors = models.BooleanField(default=False)
    review_state = models.CharField(
        max_length=20, choices=ReviewState.choices, blank=True, default=""
    )
    review_requested_at = models.DateTimeField(null=True, blank=True)
    #: Increases with every save; autosave sends it back to detect conflicts.
    version = models.PositiveIntegerField(default=1)
    #: Made when the "Record CPD" form is rendered and sent with every save
    #: from it (the form's own and the background autosave), so whichever of
    #: them arrives first creates the entry and the others update that row.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    #: The text the practitioner confirmed was anonymised (a hash), and when.
    anonymised_text_hash = models.CharField(max_length=64, blank=True)
    anonymised_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    #: When the peer the owner reflected with confirmed the discussion took
    #: place (through a single-use link: supervision's PeerConfirmationLink).
    peer_confirmed_at = models.DateTimeField(null=True, blank=True)
    #: PostgreSQL's text-search document of the entry and its reflection
    #: stages, kept by portfolio.evidence.search_document in the transaction
    #: of every write to them, so database search reads it instead of building
    #: it for every visible entry on every search (issue #15). Empty until
    #: first kept (and always on SQLite); search then builds it as before.
    search_document = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-activity_date", "-updated_at"]
        verbose_name_plural = _("entries")
        indexes = [
            models.Index(fields=["owner", "state", "activity_date"]),
            # The organisation reports: complete entries dated in one
            # registration year, for everyone (issue #15).
            models.Index(
                fields=["activity_date", "owner"],
                include=["id"],
                condition=models.Q(state="complete"),
                name="entry_complete_by_date",
            ),
        ]
        constraints = [
            # Entries made before keys existed have none; NULLs never clash.
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"], name="entry_owner_key_unique"
            )
        ]

    def __str__(self):
        return self.title or _("Untitled draft")

    @property
    def is_complete(self) -> bool:
        return self.state == EntryState.COMPLETE


class ReflectionStage(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=40)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage"], name="stage_unique")
        ]

    def __str__(self):
        return f"{self.entry} – {self.stage}"

    @property
    def label(self) -> str:
        for stage in STAGES.get(self.entry.reflective_model, ()):
            if stage.key == self.stage:
                return str(stage.label)
        return self.stage.replace("_", " ").capitalize()


@dataclass(frozen=True)
class MappingChoice:
    """One mapping of an entry before it is saved: a framework item, the level
    it is evidence at, and why. A value, not a table: it lives beside
    EntryMapping so the selectors that propose mappings and the services that
    save them share it without importing each other."""

    item: object
    level: object | None
    justification: str = ""


class EntryMapping(models.Model):
    """The entry claimed as evidence for one framework item, at a level."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="mappings")
    item = models.ForeignKey(
        "capabilities.Item", on_delete=models.PROTECT, related_name="evidence"
    )
    level = models.ForeignKey(
        "capabilities.Level",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    justification = models.CharField(_("why this counts"), max_length=500, blank=True)
    #: Set when a supervisor confirms the mapping (and level).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "item"], name="mapping_unique")
        ]
        indexes = [
            # The organisation reports read a year's entries' mappings from
            # the index alone (issue #15).
            models.Index(
                fields=["entry", "item"],
                include=["confirmed_at"],
                name="mapping_entry_item_confirmed",
            )
        ]

    def __str__(self):
        return f"{self.entry} → {self.item}"


def private_storage():
    """Attachments and exports are never under MEDIA_ROOT: nothing serves them
    but the permission-checked download views. A callable, so migrations do not
    record one machine's folder."""
    return storages["private"]


def _attachment_path(instance, filename):
    return f"attachments/{instance.entry.owner_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=_attachment_path)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class AccessEvent(models.Model):
    """Someone other than the owner opened, reviewed or exported a portfolio
    item. The owner can read these."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    entry = models.ForeignKey(
        "portfolio.Entry", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    description = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["owner", "-at"])]

    def __str__(self):
        return f"{self.viewer} {self.action} {self.description}"
