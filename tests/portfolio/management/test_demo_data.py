"""The run command's demo data: every role can sign in, and the demo
practitioner's dashboard has a real year to show."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.appraisal.models import Objective
from portfolio.appraisal.selectors import development_plan
from portfolio.evidence.models import EntryMapping
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.selectors import registration_readiness
from portfolio.management.demo_entries import DEMO_ENTRIES
from portfolio.people.models import Supervision, User
from portfolio.supervision.models import SupervisionSession
from portfolio.supervision.selectors import supervision_due_for_supervisee
from tests.auth import sign_in

pytestmark = pytest.mark.usefixtures("shipped_frameworks")


def _load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_data_gives_a_year_of_cpd_and_supervision():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    assert sam.entries.filter(state="complete").count() >= 4
    assert sam.entries.filter(state="draft").exists()
    assert sam.career_level.code == "social-worker"
    assert Supervision.objects.filter(
        supervisee=sam, supervisor__email="supervisor@example.org"
    ).exists()
    assert sam.entries.filter(review_state="waiting").count() == 1


def test_demo_data_is_idempotent():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    first = _history(sam)
    _load()
    assert sam.entries.count() == len(DEMO_ENTRIES) == 10
    assert Supervision.objects.filter(supervisee=sam).count() == 1
    assert _history(sam) == first


def _history(sam) -> dict:
    return {
        "entries": sorted(sam.entries.values_list("title", "activity_date", "state")),
        "sessions": list(
            SupervisionSession.objects.filter(supervision__supervisee=sam)
            .order_by("held_on")
            .values_list("held_on", flat=True)
        ),
        "appraisals": sam.appraisals.count(),
        "objectives": Objective.objects.filter(appraisal__supervisee=sam).count(),
        "notifications": sorted(sam.notifications.values_list("text", flat=True)),
        "confirmed": sam.entries.filter(review_state="confirmed").count(),
    }


def test_demo_practitioner_has_last_year_and_the_start_of_this_one():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    today = timezone.localdate()
    this_year = registration_year_containing(today)
    last_year = registration_year_containing(this_year.starts - timedelta(days=1))
    before = sam.entries.filter(activity_date__lt=this_year.starts)
    assert before.count() == 7
    assert not before.exclude(state="complete").exists()
    assert not before.exclude(activity_date__gte=last_year.starts).exists()
    # Spread over last year, recorded as they happened (not all today).
    assert before.values("activity_date").distinct().count() == 7
    assert not before.filter(created_at__date__gte=this_year.starts).exists()
    # Some confirmed by the supervisor.
    confirmed = before.filter(review_state="confirmed")
    assert confirmed.count() == 4
    assert EntryMapping.objects.filter(
        entry__in=confirmed, confirmed_by__email="supervisor@example.org"
    ).exists()
    current = sam.entries.filter(activity_date__gte=this_year.starts)
    assert 1 <= current.filter(state="complete").count() < before.count()
    assert not current.filter(activity_date__gt=today).exists()
    # Nothing from last year is flagged as "dated before this year".
    readiness = registration_readiness(user=sam, today=today)
    assert readiness.outside_year == []


def test_demo_supervision_follows_the_lga_rhythm():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    supervision = Supervision.objects.get(supervisee=sam)
    held = list(
        supervision.sessions.order_by("held_on").values_list("held_on", flat=True)
    )
    assert supervision.starts_on == sam.started_practice_on
    gaps = [
        (later - earlier).days for earlier, later in zip(held, held[1:], strict=False)
    ]
    assert gaps[:5] == [7] * 5  # weekly for the first six weeks
    assert 14 in gaps and gaps[-1] == 30  # then fortnightly, then monthly
    [due] = supervision_due_for_supervisee(supervisee=sam, today=timezone.localdate())
    assert not due.overdue


def test_demo_appraisal_is_signed_with_objectives_and_notifications():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    [appraisal] = sam.appraisals.all()
    assert appraisal.locked_at and appraisal.stage == "signed"
    assert appraisal.supervisee_signed_at and appraisal.appraiser_signed_at
    assert (
        appraisal.locked_at.date()
        < registration_year_containing(timezone.localdate()).starts
    )
    plan = list(development_plan(user=sam))
    assert len(plan) == 3
    assert all(objective.domains.exists() for objective in plan)
    assert any(objective.evidence.exists() for objective in plan)
    assert sam.notifications.filter(read_at__isnull=True).exists()
    assert sam.notifications.filter(read_at__isnull=False).exists()
    priya = User.objects.get(email="supervisor@example.org")
    assert priya.notifications.filter(text__contains="for review").exists()


def test_the_demo_home_page_says_what_to_do_next(client):
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    sign_in(client, sam)
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-next-objective"' in html
    assert "Lead a case discussion on cumulative harm" in html
    assert 'data-testid="home-supervision-due"' in html
    assert "Waiting for review" in html


def test_the_demo_practitioner_signs_in_and_sees_their_year(client):
    _load()
    response = client.post(
        reverse("account_login"),
        {"login": "practitioner@example.org", "password": "demo-portfolio-2026"},
    )
    assert response.status_code == 302
    page = client.get(reverse("portfolio:dashboard")).content.decode()
    assert "Observed home visit with feedback" in page
    assert 'data-testid="readiness-status">Requirement met' in page


def test_demo_supervisor_signs_in_with_the_published_code(client):
    from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET
    from tests.auth import current_totp_code

    _load()
    client.post(
        reverse("account_login"),
        {"login": "supervisor@example.org", "password": "demo-portfolio-2026"},
    )
    client.post(
        reverse("mfa_authenticate"), {"code": current_totp_code(DEMO_TOTP_SECRET)}
    )
    assert client.get(reverse("supervision:queue")).status_code == 200


def test_demo_totp_code_prints_the_code_allauth_accepts(settings):
    """The command computes the code itself (allauth's TOTP helpers are
    internal); allauth's own check is the judge."""
    from allauth.mfa.models import Authenticator

    from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET
    from tests.auth import current_totp_code

    settings.PORTFOLIO_ALLOW_DEMO_DATA = True
    _load()
    out = io.StringIO()
    call_command("demo_totp_code", stdout=out)
    printed = out.getvalue().strip()
    assert printed in {
        current_totp_code(DEMO_TOTP_SECRET, offset_periods=offset)
        for offset in (-1, 0)  # the period may turn between the two calls
    }
    supervisor = User.objects.get(email="supervisor@example.org")
    kinds = set(
        Authenticator.objects.filter(user=supervisor).values_list("type", flat=True)
    )
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
