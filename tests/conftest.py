"""Shared fixtures: one organisation with a person in every role, and another
organisation to prove nothing leaks across employers."""

import io
import os

import pytest

from tests.auth import enrol_totp, sign_in
from tests.factories.portfolio import OrganisationFactory, TeamFactory, UserFactory

SERVICE_MARKERS = {
    "postgres": "DATABASE_URL",
    "redis": "CELERY_BROKER_URL",
    "elasticsearch": "ELASTICSEARCH_URL",
    "s3": "S3_BUCKET",
    "replica": "DATABASE_REPLICA_URL",
    "es_cluster": "ELASTICSEARCH_CLUSTER_URL",
}


def _sign_s3_requests_with_the_real_clock():
    """S3 checks a request's signature against its own clock, so a test that
    moves Django's clock (time_machine) must not move the one boto signs
    with: that would test the object store's clock-skew check, not the portal.
    """
    import datetime

    import botocore.auth
    from time_machine import escape_hatch

    def real_utc_now(remove_tzinfo=True):
        clock = (
            escape_hatch.datetime.datetime
            if escape_hatch.is_travelling()
            else datetime.datetime
        )
        now = clock.now(datetime.UTC)
        return now.replace(tzinfo=None) if remove_tzinfo else now

    botocore.auth.get_current_datetime = real_utc_now


if os.environ.get("S3_BUCKET"):
    _sign_s3_requests_with_the_real_clock()


def pytest_runtest_setup(item):
    """A test that needs a service runs against the real thing. Where the
    service is not configured it is skipped locally, but in CI (or with
    PORTFOLIO_REQUIRE_SERVICES=1) a missing service fails the test instead."""
    required = os.environ.get("CI") or os.environ.get("PORTFOLIO_REQUIRE_SERVICES")
    for marker, variable in SERVICE_MARKERS.items():
        if item.get_closest_marker(marker) and not os.environ.get(variable):
            if required:
                pytest.fail(f"{variable} must be set: this test needs {marker}.")
            pytest.skip(f"{variable} is not set")


def _load_shipped_frameworks():
    from django.core.management import call_command

    from capabilities.models import Framework

    if not Framework.objects.filter(family="pcf").exists():
        call_command("load_frameworks", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once per session; each test's transaction is rolled back, so the
    # data stays. Transactional tests flush it, hence the fixture below too.
    with django_db_blocker.unblock():
        _load_shipped_frameworks()


@pytest.fixture
def shipped_frameworks(db):
    """The frameworks and crosswalks the portal ships, loaded as `make run` does."""
    _load_shipped_frameworks()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northmoor Borough Council", slug="northmoor")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Eastbridge City Council", slug="eastbridge")


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="Children in Need North")


@pytest.fixture
def other_team(organisation):
    return TeamFactory(organisation=organisation, name="Child Protection South")


@pytest.fixture
def practitioner(organisation, team):
    return UserFactory(organisation=organisation, team=team, email="sam@example.org")


@pytest.fixture
def other_practitioner(organisation, other_team):
    return UserFactory(
        organisation=organisation, team=other_team, email="lee@example.org"
    )


def _with_mfa(user):
    enrol_totp(user)
    return user


@pytest.fixture
def supervisor(organisation, team):
    return _with_mfa(
        UserFactory(
            organisation=organisation,
            team=team,
            is_supervisor=True,
            email="priya@example.org",
        )
    )


@pytest.fixture
def other_team_supervisor(organisation, other_team):
    return _with_mfa(
        UserFactory(
            organisation=organisation,
            team=other_team,
            is_supervisor=True,
            email="gareth@example.org",
        )
    )


@pytest.fixture
def training_editor(organisation):
    user = UserFactory(
        organisation=organisation,
        team=None,
        is_practitioner=False,
        is_training_editor=True,
        email="tom@example.org",
    )
    return _with_mfa(user)


@pytest.fixture
def org_admin(organisation):
    return _with_mfa(
        UserFactory(
            organisation=organisation,
            team=None,
            is_org_admin=True,
            email="alex@example.org",
        )
    )


@pytest.fixture
def other_org_admin(other_organisation):
    return _with_mfa(
        UserFactory(
            organisation=other_organisation,
            team=None,
            is_practitioner=False,
            is_org_admin=True,
            email="jo@example.org",
        )
    )


@pytest.fixture
def site_admin(db):
    return _with_mfa(
        UserFactory(
            organisation=None,
            team=None,
            is_practitioner=False,
            is_superuser=True,
            is_staff=True,
            email="admin@example.org",
        )
    )


@pytest.fixture
def deactivated(organisation, team):
    return UserFactory(
        organisation=organisation, team=team, is_active=False, email="gone@example.org"
    )


@pytest.fixture
def leaver_in_grace(organisation, team):
    """Deactivated ten days ago: within the default 90 days' grace."""
    import datetime

    from django.utils import timezone

    return UserFactory(
        organisation=organisation,
        team=team,
        is_active=False,
        deactivated_at=timezone.now() - datetime.timedelta(days=10),
        email="leaving@example.org",
    )


@pytest.fixture
def leaver_export(leaver_in_grace):
    """A finished portable portfolio of the leaver's."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from portfolio.exports.models import Export, ExportKind, ExportStatus

    export = Export(
        owner=leaver_in_grace,
        kind=ExportKind.PORTABLE,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        status=ExportStatus.READY,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    export.file.save("portable.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return export


@pytest.fixture
def portable_import(practitioner):
    """An upload of the practitioner's, waiting for them to check it."""
    from django.core.files.base import ContentFile

    from portfolio.privacy.models import PortableImport

    upload = PortableImport(
        owner=practitioner,
        sha256="0" * 64,
        source_organisation="Westfold County Council",
        preview={"person": "Sam", "entries": [], "records": {}, "mappings": []},
    )
    upload.file.save("portable.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return upload


@pytest.fixture
def subject_access(practitioner, org_admin):
    """A finished subject access request about the practitioner."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from portfolio.privacy.models import SubjectAccessRequest

    request = SubjectAccessRequest(
        organisation=practitioner.organisation,
        subject=practitioner,
        subject_label=str(practitioner),
        requested_by=org_admin,
        received_on=timezone.localdate(),
        due_on=timezone.localdate(),
        status=SubjectAccessRequest.READY,
    )
    request.file.save("sar.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return request


@pytest.fixture
def legal_hold(practitioner, org_admin):
    from portfolio.privacy.models import LegalHold

    return LegalHold.objects.create(
        person=practitioner, reason="Employment tribunal", placed_by=org_admin
    )


@pytest.fixture
def erasure_asked(deactivated, site_admin):
    """Erasure of a deactivated person, asked by someone other than the
    organisation admin (so that admin may approve it)."""
    from portfolio.privacy.models import ErasureRequest

    return ErasureRequest.objects.create(
        organisation=deactivated.organisation,
        subject=deactivated,
        subject_label=str(deactivated),
        reason="Asked in writing.",
        requested_by=site_admin,
    )


@pytest.fixture
def signed_in(client):
    """``signed_in(user)`` returns the client logged in as that person."""

    def _sign_in(user):
        sign_in(client, user)
        return client

    return _sign_in


@pytest.fixture(scope="session", autouse=True)
def _search_indices_of_this_run():
    # Saving an entry or publishing a page indexes it (search/signals.py):
    # every test run writes to indices of its own, deleted at the end.
    from django.conf import settings

    from tests.search.indices import RUN_PREFIX, delete_indices

    settings.SEARCH_INDEX_PREFIX = RUN_PREFIX
    yield
    delete_indices(RUN_PREFIX)


@pytest.fixture(autouse=True)
def _empty_cache():
    # allauth keeps rate limits in the cache: one test's failed logins must not
    # throttle the next test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_celery(settings):
    """The Celery app pointed at the real broker, not eager."""
    from portal.celery import app

    previous = (
        app.conf.task_always_eager,
        app.conf.broker_url,
        app.conf.result_backend,
    )
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    app.conf.result_backend = settings.CELERY_BROKER_URL
    yield app
    app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend = previous


@pytest.fixture
def learning_page(shipped_frameworks):
    """A published research summary supporting two PCF domains."""
    from capabilities.models import Item
    from tests.factories.learning import research_summary

    domains = Item.objects.filter(
        framework__family="pcf", framework__is_active=True, kind="domain"
    ).order_by("sort_order")[:2]
    return research_summary(items=domains)


@pytest.fixture
def training_event(db):
    from tests.factories.learning import training_event

    return training_event()


@pytest.fixture
def entry(practitioner):
    """A draft CPD entry of the practitioner's."""
    from tests.factories.portfolio import EntryFactory

    return EntryFactory(owner=practitioner)


@pytest.fixture
def attachment(entry):
    from tests.factories.portfolio import AttachmentFactory

    return AttachmentFactory(entry=entry)


@pytest.fixture
def export(practitioner, entry, settings, django_capture_on_commit_callbacks):
    """A finished PDF export of the practitioner's portfolio."""
    from portfolio.evidence.registration_year import registration_year_containing
    from portfolio.exports.services import export_request

    year = registration_year_containing(entry.activity_date)
    with django_capture_on_commit_callbacks(execute=True):
        made = export_request(
            owner=practitioner,
            kind="pdf",
            period_start=year.starts,
            period_end=min(year.ends, entry.activity_date),
        )
    made.refresh_from_db()
    return made


@pytest.fixture
def supervision(supervisor, practitioner):
    """The supervisor currently supervises the practitioner (same team)."""
    import datetime

    from django.utils import timezone

    from portfolio.people.models import Supervision

    return Supervision.objects.create(
        organisation=practitioner.organisation,
        supervisor=supervisor,
        supervisee=practitioner,
        kind="line_manager",
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )


@pytest.fixture
def shared_entry(practitioner, supervision):
    """A complete, mapped entry the practitioner has sent for review."""
    from django.utils import timezone

    from capabilities.selectors import item_by_reference
    from portfolio.evidence.models import EntryMapping
    from tests.factories.portfolio import EntryFactory

    _load_shipped_frameworks()
    entry = EntryFactory(
        owner=practitioner,
        state="complete",
        title="Shared reflection",
        review_state="waiting",
        review_requested_at=timezone.now(),
    )
    EntryMapping.objects.create(entry=entry, item=item_by_reference("pcf@2018:6"))
    return entry


@pytest.fixture
def supervision_session(supervision):
    from django.utils import timezone

    return supervision.sessions.create(
        held_on=timezone.localdate(),
        minutes=90,
        kind="individual",
        topics="Workload and a complex assessment.",
        agreed_actions="Book a case discussion.",
        supervisor_note="Private: seemed tired.",
        created_by=supervision.supervisor,
    )


@pytest.fixture
def level_request(practitioner, supervision):
    """The practitioner (at Social Worker) asks to become Experienced."""
    from capabilities.models import Level
    from portfolio.career.models import LevelRequest

    _load_shipped_frameworks()
    levels = Level.objects.filter(framework__family="pcf", framework__version="2018")
    practitioner.career_level = levels.get(code="social-worker")
    practitioner.save()
    return LevelRequest.objects.create(
        person=practitioner,
        level=levels.get(code="experienced-social-worker"),
        reason="Two years of complex child protection work.",
    )


@pytest.fixture
def recommended_request(level_request, supervisor):
    level_request.state = "recommended"
    level_request.recommended_by = supervisor
    level_request.save()
    return level_request


@pytest.fixture
def appraisal(supervisor, practitioner, supervision):
    import datetime

    from portfolio.appraisal.services import appraisal_start

    _load_shipped_frameworks()
    return appraisal_start(
        appraiser=supervisor,
        supervisee=practitioner,
        kind="annual",
        period_start=datetime.date(2025, 12, 1),
        period_end=datetime.date(2026, 11, 30),
    )


@pytest.fixture
def signed_appraisal(appraisal):
    from django.utils import timezone

    now = timezone.now()
    appraisal.stage = "signed"
    appraisal.supervisee_signed_at = appraisal.appraiser_signed_at = now
    appraisal.locked_at = now
    appraisal.save()
    return appraisal


@pytest.fixture
def plan_objective(signed_appraisal):
    import datetime

    return signed_appraisal.objectives.create(
        text="Lead a case discussion.", due_on=datetime.date(2027, 6, 30)
    )


@pytest.fixture
def notification(practitioner):
    """An unread notification of the practitioner's, pointing at their dashboard."""
    from portfolio.notifications.services import notification_create

    return notification_create(
        recipient=practitioner, text="Something for you.", link="/portfolio/"
    )


@pytest.fixture
def asye_year(org_admin, practitioner, supervisor):
    """The practitioner's ASYE, started four months ago, the supervisor their
    assessor (assigned by their organisation admin)."""
    import datetime

    from django.utils import timezone

    from portfolio.asye.models import Programme
    from portfolio.asye.services import asye_year_assign

    return asye_year_assign(
        assigned_by=org_admin,
        nqsw=practitioner,
        assessor=supervisor,
        programme=Programme.objects.get(code="asye"),
        starts_on=timezone.localdate() - datetime.timedelta(days=120),
    )


@pytest.fixture
def asye_year_at_panel(asye_year, org_admin, supervisor):
    """The year after its final review, recommended for a pass; the
    organisation admin sits on the moderation panel."""
    from django.utils import timezone

    from portfolio.asye.services import (
        panel_member_add,
        recommendation_make,
        year_review_record,
    )

    panel_member_add(added_by=org_admin, member=org_admin)
    year_review_record(
        year=asye_year,
        recorded_by=supervisor,
        month=12,
        held_on=timezone.localdate(),
        nqsw_view="I have grown in confidence.",
        manager_view="Ready to practise without extra support.",
        judgement="Meets the PCF at ASYE level across the domains.",
        progress="on_track",
    )
    return recommendation_make(
        year=asye_year, made_by=supervisor, recommendation="pass"
    )


@pytest.fixture
def api_system(org_admin):
    """A system registered for the first organisation by its admin."""
    from tests.api.tokens import system_client

    client, _secret = system_client(org_admin)
    return client


@pytest.fixture
def api_practitioner_token(org_admin, practitioner):
    """The practitioner's token for an app of their organisation."""
    from tests.api.tokens import app_client, token_for

    return token_for(app_client(org_admin), user=practitioner, scope="portfolio:read")


#: The test identity provider scripts/services.sh starts (Keycloak, realm
#: "portfolio": scripts/keycloak/realm-portfolio.json).
KEYCLOAK_URL = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:18089")
KEYCLOAK_REALM = f"{KEYCLOAK_URL}/realms/portfolio"


@pytest.fixture
def identity_providers(organisation, other_organisation, org_admin, other_org_admin):
    """Single sign-on turned on for both organisations, through Keycloak:
    OpenID Connect for the first, SAML for the other."""
    from portfolio.identity.services import identity_provider_save

    oidc = identity_provider_save(
        changed_by=org_admin,
        organisation=organisation,
        protocol="oidc",
        enabled=True,
        email_domains=["council.test"],
        issuer=KEYCLOAK_REALM,
        client_id="portfolio-oidc",
        client_secret="portfolio-oidc-test-secret",
    )
    saml = identity_provider_save(
        changed_by=other_org_admin,
        organisation=other_organisation,
        protocol="saml",
        enabled=True,
        email_domains=["council.test"],
        metadata_url=f"{KEYCLOAK_REALM}/protocol/saml/descriptor",
        entity_id=KEYCLOAK_REALM,
    )
    return oidc, saml


@pytest.fixture
def staff_import(org_admin):
    """A checked staff upload of the first organisation, not yet applied."""
    from portfolio.identity.staff_import import staff_import_check

    return staff_import_check(
        uploaded_by=org_admin,
        organisation=org_admin.organisation,
        filename="staff.csv",
        data=b"email,first_name,last_name\nnew.joiner@example.org,New,Joiner\n",
    )
