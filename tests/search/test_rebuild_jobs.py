"""Rebuilding the index from the admin: recorded first, run by a task with
progress, re-queued when lost, and for site admins only."""

import datetime

from django.utils import timezone

import pytest

from jobs.services import job_sweep
from search.models import IndexRebuild, RebuildStatus
from search.rebuild_jobs import rebuild_request, rebuild_run
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db
URL = "/admin/search-index/"


@pytest.mark.elasticsearch
def test_a_site_admin_rebuilds_and_sees_the_progress(
    signed_in, site_admin, practitioner, django_capture_on_commit_callbacks
):
    for number in range(3):
        EntryFactory(owner=practitioner, title=f"Entry {number}")
    client = signed_in(site_admin)
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    assert response.status_code == 302
    rebuild = IndexRebuild.objects.get()
    assert rebuild.status == RebuildStatus.DONE
    assert (rebuild.loaded, rebuild.total, rebuild.percent) == (3, 3, 100)
    assert rebuild.requested_by == site_admin
    assert "3 / 3 (100%)" in client.get(URL).content.decode()


def test_the_row_is_written_before_the_task_and_asking_twice_gives_the_same(
    site_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = rebuild_request(requested_by=site_admin)
        again = rebuild_request(requested_by=site_admin)
    assert first.pk == again.pk
    assert IndexRebuild.objects.get().status == RebuildStatus.QUEUED
    assert len(queued) == 1


def test_a_redelivered_task_does_nothing(
    site_admin, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=False):
        rebuild = rebuild_request(requested_by=site_admin)
    assert rebuild_run(rebuild_id=rebuild.pk) is False  # fails: no Elasticsearch
    rebuild.refresh_from_db()
    assert rebuild.status == RebuildStatus.FAILED
    assert rebuild.error == "Elasticsearch is not configured."
    assert rebuild_run(rebuild_id=rebuild.pk) is False
    assert IndexRebuild.objects.get().attempts == 1


def test_the_sweep_requeues_a_lost_rebuild_and_gives_up_eventually(
    site_admin, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=False):
        rebuild = rebuild_request(requested_by=site_admin)
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert job_sweep(IndexRebuild, now=timezone.now()) == 0  # not stale yet
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert job_sweep(IndexRebuild, now=later) == 1
    assert len(queued) == 1
    IndexRebuild.objects.filter(pk=rebuild.pk).update(
        status=RebuildStatus.RUNNING,
        attempts=IndexRebuild.job_max_attempts,
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    assert job_sweep(IndexRebuild) == 0
    rebuild.refresh_from_db()
    assert rebuild.status == RebuildStatus.FAILED


@pytest.mark.parametrize(
    "role", ["practitioner", "supervisor", "training_editor", "org_admin"]
)
def test_only_site_admins_may_rebuild(role, request, signed_in):
    client = signed_in(request.getfixturevalue(role))
    for method in ("get", "post"):
        response = getattr(client, method)(URL)
        # Wagtail sends people without admin access to sign in, and people
        # with it (but not a site admin) back to the admin's dashboard.
        assert response.status_code in (302, 403), (role, method)
        if response.status_code == 302:
            assert response["Location"].split("?")[0] in ("/accounts/login/", "/admin/")
    assert not IndexRebuild.objects.exists()
