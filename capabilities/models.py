"""Capability frameworks as data.

One general shape fits the PCF (levels, super-domains, domains, statements), Social
Work England's standards (no levels) and the Knowledge and Skills Statements: a
``Framework`` has ordered ``Level``s (with optional ``Pathway``s) and a tree of
``Item``s. ``DomainGroup``, ``Domain`` and ``Statement`` are the kinds of item,
exposed as proxy models so evidence, crosswalks and version mappings can point at
any item through one foreign key.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobs import queues
from jobs.models import DurableJob

#: Offered to every organisation's staff whatever it chooses: every social
#: worker in England works to the PCF and is regulated against these standards.
ALWAYS_ON_FAMILIES = ("pcf", "swe-standards")


def default_framework_families() -> list[str]:
    """What an organisation offers besides the always-on frameworks until its
    admin chooses: the national statements the portal ships."""
    return ["kss-cf-practitioner", "kss-cf-supervisor", "kss-adults"]


class Framework(models.Model):
    family = models.SlugField(
        _("family"),
        max_length=60,
        help_text=_("Short identifier shared by every version, e.g. 'pcf'."),
    )
    version = models.CharField(_("version"), max_length=20, help_text=_("e.g. 2018"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("Where the content came from and what is not yet confirmed."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text=_("The earlier version this one supersedes."),
    )
    #: A local framework or copy belongs to one organisation; national ones to none.
    owner_organisation = models.ForeignKey(
        "portfolio.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"

    @property
    def key(self) -> str:
        return f"{self.family}@{self.version}"


class LevelGroup(models.TextChoices):
    QUALIFYING = "qualifying", _("Qualifying")
    QUALIFIED = "qualified", _("Qualified")
    ADVANCED = "advanced", _("Advanced")
    STRATEGIC = "strategic", _("Strategic")


class Level(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="levels"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(
        _("group"), max_length=20, choices=LevelGroup.choices, blank=True
    )
    descriptor = models.TextField(_("descriptor"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_confirmed = models.BooleanField(
        _("confirmed from an official text"), default=True
    )

    class Meta:
        ordering = ["framework", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="level_code_unique"
            )
        ]

    def __str__(self):
        return self.name


class Pathway(models.Model):
    """A route within a level, e.g. PCF Advanced: Advanced Practitioner."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="pathways")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    descriptor = models.TextField(_("descriptor"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["level", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"], name="pathway_code_unique"
            )
        ]

    def __str__(self):
        return self.name


class ItemKind(models.TextChoices):
    GROUP = "group", _("Domain group")
    DOMAIN = "domain", _("Domain")
    STATEMENT = "statement", _("Statement")


class Item(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("For statements written for one level."),
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("Unique in the framework, e.g. 5 or 4.3.")
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_confirmed = models.BooleanField(
        _("confirmed from an official text"), default=True
    )

    class Meta:
        ordering = ["framework", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="item_code_unique"
            )
        ]

    def __str__(self):
        label = self.name or self.text[:60]
        return f"{self.framework.short_name} {self.code} {label}".strip()


class _KindManager(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class DomainGroup(Item):
    """A grouping of domains, such as the PCF's Purpose, Practice and Impact."""

    objects = _KindManager(ItemKind.GROUP)

    class Meta:
        proxy = True


class Domain(Item):
    objects = _KindManager(ItemKind.DOMAIN)

    class Meta:
        proxy = True


class Statement(Item):
    objects = _KindManager(ItemKind.STATEMENT)

    class Meta:
        proxy = True


class MappingRelation(models.TextChoices):
    #: The two items overlap: evidence for one counts towards the other.
    COVERS = "covers", _("covers")
    #: The source belongs to an earlier version and lives on as the target.
    REPLACED_BY = "replaced_by", _("is replaced by")


class ItemMapping(models.Model):
    """A crosswalk between items of two frameworks, or a version mapping."""

    source = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="mappings_out"
    )
    target = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="mappings_in"
    )
    relation = models.CharField(
        max_length=20, choices=MappingRelation.choices, default=MappingRelation.COVERS
    )
    note = models.CharField(max_length=300, blank=True)
    is_confirmed = models.BooleanField(default=False)
    #: A local mapping made by one organisation; national ones have none.
    owner_organisation = models.ForeignKey(
        "portfolio.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "relation"], name="item_mapping_unique"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.get_relation_display()} {self.target}"


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be imported")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


#: What the uploader is told when the import could not be run at all.
IMPORT_GAVE_UP = "The import could not be finished. Try again."


class FrameworkImportJob(DurableJob):
    """A file uploaded on the admin screen, kept until a task has applied it;
    then what happened (the counts, or every problem, line by line)."""

    job_task_name = "capabilities.import_job_apply"
    job_queue = queues.EXPORTS
    #: Longer than the task's hard time limit (see Export).
    job_stale_after = timedelta(minutes=7)
    job_max_attempts = 5

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    #: Where a new framework goes: the uploader's organisation, or national.
    owner_organisation = models.ForeignKey(
        "portfolio.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(max_length=255)
    #: The decoded file (at most MAX_IMPORT_BYTES), cleared once applied.
    content = models.TextField(blank=True)
    target = models.ForeignKey(
        Framework, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.PENDING
    )
    summary = models.CharField(max_length=300, blank=True)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @classmethod
    def job_failure_fields(cls, error: str) -> dict:
        # The uploader sees the problems, not the technical error; the file
        # has no further use.
        return {
            **super().job_failure_fields(error),
            "problems": [IMPORT_GAVE_UP],
            "content": "",
        }
