"""The home page says what to do next, for a practitioner and a supervisor."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from capabilities.models import Level
from capabilities.selectors import item_by_reference
from tests.factories.learning import research_summary

pytestmark = pytest.mark.django_db


def _home(client, signed_in, user) -> str:
    signed_in(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _coverage_queries(client, path) -> int:
    """How many times the page counted the person's coverage (its one
    grouped query over entry mappings), with nothing cached: a read
    between saves comes from the cache (portfolio.evidence.freshness)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if 'FROM "portfolio_entrymapping"' in query["sql"]
        and "GROUP BY" in query["sql"]
    )


def test_practitioner_home_shows_readiness_and_what_is_missing(
    client, signed_in, practitioner
):
    html = _home(client, signed_in, practitioner)
    assert 'data-testid="home-readiness-status"' in html
    assert "Not yet met" in html
    assert "2 more complete pieces of CPD" in html
    assert "At least 1 piece of CPD that includes peer reflection." in html


def test_practitioner_home_shows_reviews_waiting_and_returned(
    client, signed_in, practitioner, shared_entry
):
    from tests.factories.portfolio import EntryFactory

    EntryFactory(
        owner=practitioner,
        state="complete",
        title="Returned reflection",
        review_state="changes_requested",
    )
    html = _home(client, signed_in, practitioner)
    reviews = html.split('data-testid="home-reviews"')[1].split("</ul>")[0]
    assert "Shared reflection" in reviews
    assert "Waiting for review" in reviews
    assert "Returned reflection" in reviews
    assert "Changes requested" in reviews


def test_practitioner_home_shows_next_objective_and_supervision_due(
    client, signed_in, practitioner, signed_appraisal, supervisor
):
    signed_appraisal.objectives.create(
        text="Later objective", due_on=datetime.date.today() + datetime.timedelta(200)
    )
    signed_appraisal.objectives.create(
        text="Run a case discussion on neglect",
        due_on=datetime.date.today() + datetime.timedelta(60),
    )
    html = _home(client, signed_in, practitioner)
    objective = html.split('data-testid="home-next-objective"')[1].split("</p>")[0]
    assert "Run a case discussion on neglect" in objective
    assert "Later objective" not in objective
    due = html.split('data-testid="home-supervision-due"')[1].split("</ul>")[0]
    assert f"Next supervision with {supervisor}" in due


def test_practitioner_home_suggests_learning_with_coverage_read_once(
    client, signed_in, practitioner, shipped_frameworks
):
    practitioner.target_level = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )
    practitioner.save()
    page = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    html = _home(client, signed_in, practitioner)
    assert 'data-testid="recommendations"' in html
    assert page.title in html
    assert _coverage_queries(client, reverse("home")) == 1


def test_dashboard_reads_coverage_once(
    client, signed_in, practitioner, shipped_frameworks
):
    practitioner.target_level = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )
    practitioner.save()
    signed_in(practitioner)
    assert _coverage_queries(client, reverse("portfolio:dashboard")) == 1


def test_supervisor_home_shows_the_review_queue(
    client, signed_in, supervisor, shared_entry
):
    html = _home(client, signed_in, supervisor)
    assert "Evidence your supervisees share with you will appear here" not in html
    queue = html.split('data-testid="home-queue"')[1].split("</ul>")[0]
    assert "Shared reflection" in queue
    assert reverse("supervision:entry_review", args=[shared_entry.pk]) in queue
    assert "See the review queue (1 entry)" in html


def test_supervisor_home_shows_supervisees_supervision_due(
    client, signed_in, supervisor, supervision
):
    html = _home(client, signed_in, supervisor)
    due = html.split('data-testid="home-supervisees-due"')[1].split("</ul>")[0]
    assert str(supervision.supervisee) in due
    assert 'data-testid="home-queue-empty"' in html


def test_supervisor_does_not_see_other_teams_queue(
    client, signed_in, other_team_supervisor, shared_entry
):
    html = _home(client, signed_in, other_team_supervisor)
    assert "Shared reflection" not in html
    assert 'data-testid="home-queue-empty"' in html
