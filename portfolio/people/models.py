"""People: organisations, teams, users, invitations, and who supervises whom."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from capabilities.models import default_framework_families
from portfolio.people.roles import ROLE_FIELDS, Role


class Organisation(models.Model):
    """An employer of social workers, such as a local authority."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    mfa_required_for_practitioners = models.BooleanField(
        _("require two-factor authentication for social workers"),
        default=False,
        help_text=_("Practitioners see only their own portfolio."),
    )
    mfa_required_for_supervisors = models.BooleanField(
        _("require two-factor authentication for supervisors"),
        default=True,
        help_text=_("Supervisors can read their supervisees' evidence."),
    )
    mfa_required_for_training_editors = models.BooleanField(
        _("require two-factor authentication for training editors"),
        default=True,
        help_text=_("Training editors publish content every member reads."),
    )
    appraisal_scale = models.JSONField(
        _("appraisal rating scale"),
        default=list,
        blank=True,
        help_text=_(
            "The ratings appraisals use, lowest first. Empty: the portal's default."
        ),
    )
    mfa_required_for_org_admins = models.BooleanField(
        _("require two-factor authentication for organisation admins"),
        default=True,
        help_text=_("Organisation admins manage accounts and see reports."),
    )
    #: Families of national frameworks the staff map evidence to, besides the
    #: always-on ones (capabilities.models.ALWAYS_ON_FAMILIES).
    framework_families = models.JSONField(
        _("frameworks offered"),
        default=default_framework_families,
        blank=True,
        help_text=_(
            "The national frameworks staff can map evidence to, besides the PCF "
            "and Social Work England's standards."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=200)
    #: Supervisors who manage the team: they see its reports (and only its).
    managers = models.ManyToManyField(
        "portfolio.User",
        blank=True,
        related_name="managed_teams",
        verbose_name=_("team managers"),
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="team_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name


class PortfolioUserManager(UserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: a member of one organisation (site admins may have
    none). Roles are flags because one person often holds several."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True
    )
    is_practitioner = models.BooleanField(_("social worker"), default=False)
    is_supervisor = models.BooleanField(_("supervisor"), default=False)
    is_training_editor = models.BooleanField(_("training team editor"), default=False)
    is_org_admin = models.BooleanField(_("organisation admin"), default=False)
    is_training_reviewer = models.BooleanField(
        _("training team reviewer"),
        default=False,
        help_text=_("Approves learning content before it is published."),
    )
    #: When they started practising as a qualified social worker: sets how
    #: often they should be supervised (newly qualified more often).
    started_practice_on = models.DateField(
        _("started in practice on"), null=True, blank=True
    )
    #: Where the practitioner stands on the career path, and where they aim.
    career_level = models.ForeignKey(
        "capabilities.Level",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current level"),
    )
    career_pathway = models.ForeignKey(
        "capabilities.Pathway",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pathway"),
        help_text=_("At the Advanced level: practitioner, educator or manager."),
    )
    target_level = models.ForeignKey(
        "capabilities.Level",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target level"),
    )
    #: Raised by every write to the person's entries, their mappings and
    #: reviews (portfolio.evidence.freshness), in the same transaction: cached
    #: reads of their portfolio (coverage, readiness) are keyed by it, so a
    #: save is never followed by a stale page. Loaded with the user on every
    #: request, so checking it costs nothing.
    portfolio_version = models.PositiveBigIntegerField(default=0, editable=False)

    #: When the account was last deactivated: a leaver may still sign in to
    #: take their portfolio for the organisation's grace period from then.
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = PortfolioUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def roles(self) -> frozenset[Role]:
        held = {role for role, field in ROLE_FIELDS.items() if getattr(self, field)}
        if self.is_superuser:
            held.add(Role.SITE_ADMIN)
        return frozenset(held)


class StaffMember(User):
    """A person as seen by whoever manages accounts. A proxy so that the people
    policy governs the portal's views without changing how Wagtail's own user
    admin (site admins only) is governed."""

    class Meta:
        proxy = True
        verbose_name = _("staff member")


class Invitation(models.Model):
    """A single-use, expiring link that lets an invited person set a password."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: SHA-256 of the token: the token itself is only ever in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.user}"


class SupervisionType(models.TextChoices):
    LINE_MANAGER = "line_manager", _("Line manager")
    PRACTICE_SUPERVISOR = "practice_supervisor", _("Practice supervisor")
    PRACTICE_EDUCATOR = "practice_educator", _("Practice educator or ASYE assessor")


class Supervision(models.Model):
    """A supervisor ↔ supervisee relationship, current from ``starts_on`` until
    ``ends_on`` (inclusive; open-ended when empty)."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervising"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervised_by"
    )
    kind = models.CharField(_("type"), max_length=30, choices=SupervisionType.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["supervisee__last_name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")),
                name="supervision_not_self",
            )
        ]

    def __str__(self):
        return f"{self.supervisor} supervises {self.supervisee}"


class AuditEvent(models.Model):
    """One administrative change or sensitive read: who did what to whom, with
    the values before and after. Append-only: nothing in the portal edits or
    deletes a row (the admin and the policy refuse it), so an organisation can
    rely on it when a decision is questioned."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Who did it; empty for a system (SCIM, an API client, a scheduled job),
    #: named in ``actor_label`` instead.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("done by"), max_length=200)
    #: The person the change is about, when it is about a person.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(_("what"), max_length=200, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["subject", "-at"]),
        ]

    def __str__(self):
        return f"{self.actor_label} {self.action} {self.target_label}"
