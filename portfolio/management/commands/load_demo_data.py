"""Create a fictional organisation with one account per role, for trying the
portal locally. Idempotent: running it again resets the demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from capabilities.models import Level
from portfolio.management.demo_entries import demo_entries_create
from portfolio.management.demo_history import (
    demo_appraisal_create,
    demo_notifications_create,
    demo_reviews_create,
    demo_supervision_create,
)
from portfolio.management.demo_mfa import demo_authenticators_activate
from portfolio.people.groups import staff_member_sync_groups
from portfolio.people.models import Organisation, Team, User
from portfolio.people.selectors import user_requires_mfa

DEMO_PASSWORD = "demo-portfolio-2026"  # noqa: S105 (published demo password)
#: Shared authenticator secret of the demo accounts that must use MFA; add it
#: to an authenticator app, or run `manage.py demo_totp_code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

ORGANISATIONS = {
    "northmoor": (
        "Northmoor Borough Council",
        ["Children in Need North", "Child Protection South", "Adult Social Care"],
    ),
    "eastbridge": ("Eastbridge City Council", ["Family Support"]),
}

#: email, first, last, organisation slug, team, role flags
ACCOUNTS = [
    (
        "practitioner@example.org",
        "Sam",
        "Okafor",
        "northmoor",
        "Children in Need North",
        {"is_practitioner"},
    ),
    (
        "supervisor@example.org",
        "Priya",
        "Shah",
        "northmoor",
        "Children in Need North",
        {"is_practitioner", "is_supervisor"},
    ),
    (
        "other-supervisor@example.org",
        "Gareth",
        "Evans",
        "northmoor",
        "Child Protection South",
        {"is_practitioner", "is_supervisor"},
    ),
    ("training@example.org", "Tom", "Reid", "northmoor", None, {"is_training_editor"}),
    (
        "training-reviewer@example.org",
        "Rachel",
        "Okafor",
        "northmoor",
        None,
        {"is_training_editor", "is_training_reviewer"},
    ),
    (
        "psw@example.org",
        "Alex",
        "Morgan",
        "northmoor",
        None,
        {"is_practitioner", "is_org_admin"},
    ),
    (
        "eastbridge-admin@example.org",
        "Jo",
        "Kaur",
        "eastbridge",
        None,
        {"is_org_admin"},
    ),
    ("admin@example.org", "Site", "Admin", None, None, set()),
]

#: Supervisors who manage a team, and so see its reports.
TEAM_MANAGERS = {"supervisor@example.org": ("northmoor", "Children in Need North")}


class Command(BaseCommand):
    help = "Create the demo organisations and one account per role."

    def handle(self, *args, **options):
        if not settings.PORTFOLIO_ALLOW_DEMO_DATA:
            raise CommandError("Demo data is switched off in these settings.")
        with transaction.atomic():
            organisations = self._organisations()
            for email, first, last, org_slug, team_name, flags in ACCOUNTS:
                organisation = organisations.get(org_slug)
                team = (
                    Team.objects.get(organisation=organisation, name=team_name)
                    if team_name
                    else None
                )
                user = self._account(email, first, last, organisation, team, flags)
                self.stdout.write(
                    f"  {email:32} {', '.join(str(r.label) for r in user.roles)}"
                )
            self._team_managers()
            self._portfolios()
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts ready; password: {DEMO_PASSWORD}")
        )

    def _team_managers(self):
        for email, (org_slug, team_name) in TEAM_MANAGERS.items():
            team = Team.objects.get(organisation__slug=org_slug, name=team_name)
            team.managers.add(User.objects.get(email=email))

    def _portfolios(self):
        """A year of CPD for each demo practitioner, with levels set, once the
        frameworks are loaded (`load_frameworks`)."""

        social_worker = Level.objects.filter(
            framework__family="pcf", framework__is_active=True, code="social-worker"
        ).first()
        experienced = Level.objects.filter(
            framework__family="pcf",
            framework__is_active=True,
            code="experienced-social-worker",
        ).first()
        for email in ("practitioner@example.org", "supervisor@example.org"):
            user = User.objects.get(email=email)
            user.career_level, user.target_level = social_worker, experienced
            user.save(update_fields=["career_level", "target_level"])
            demo_entries_create(user=user)
        self._supervision()

    def _supervision(self):
        """Priya has supervised Sam since Sam started practice: sessions on
        the LGA rhythm, last year's entries reviewed and some confirmed, a
        signed appraisal whose objectives are Sam's development plan, one of
        this year's entries waiting for review, and notifications."""
        import datetime

        from django.utils import timezone

        sam = User.objects.get(email="practitioner@example.org")
        priya = User.objects.get(email="supervisor@example.org")
        today = timezone.localdate()
        sam.started_practice_on = today - datetime.timedelta(days=400)
        sam.save(update_fields=["started_practice_on"])
        people = {"supervisee": sam, "supervisor": priya, "today": today}
        demo_supervision_create(**people)
        demo_reviews_create(**people)
        appraisal = demo_appraisal_create(**people)
        demo_notifications_create(**people, appraisal=appraisal)

    def _organisations(self):
        result = {}
        for slug, (name, teams) in ORGANISATIONS.items():
            organisation, _ = Organisation.objects.get_or_create(
                slug=slug, defaults={"name": name}
            )
            for team_name in teams:
                Team.objects.get_or_create(organisation=organisation, name=team_name)
            result[slug] = organisation
        return result

    def _account(self, email, first, last, organisation, team, flags):
        user = User.objects.filter(email=email).first() or User(email=email)
        user.first_name, user.last_name = first, last
        user.organisation, user.team = organisation, team
        for flag in (
            "is_practitioner",
            "is_supervisor",
            "is_training_editor",
            "is_training_reviewer",
            "is_org_admin",
        ):
            setattr(user, flag, flag in flags)
        user.is_superuser = user.is_staff = organisation is None
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        staff_member_sync_groups(user=user)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
        Authenticator.objects.filter(user=user).delete()
        if user_requires_mfa(user=user):
            demo_authenticators_activate(user=user, totp_secret=DEMO_TOTP_SECRET)
        return user
