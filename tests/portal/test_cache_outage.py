"""With Redis stopped (a private redis-server of our own, killed), pages that
read or write the cache still work and a save returns at once; only signing
in fails closed, with a clear message (portal/cache.py)."""

import datetime
import time

from django.urls import reverse

import pytest

from portal.middleware import SIGN_IN_PAUSED
from portfolio.evidence.models import Entry
from portfolio.exports.models import Export, ExportStatus
from portfolio.exports.services import export_request
from tests.auth import PASSWORD
from tests.jobs.faults import celery_on
from tests.portfolio.notifications.worker import PrivateRedis
from tests.search.test_faults import _draft_form

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def stopped_redis(settings, tmp_path):
    """The cache and the broker on a private Redis, which is then stopped."""
    redis = PrivateRedis(tmp_path)
    redis.start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "portal.cache.OptionalRedisCache",
            "LOCATION": redis.url,
        }
    }
    try:
        with celery_on(redis.url):
            yield redis
    finally:
        redis.stop()


def test_exports_page_with_a_pending_export_renders_while_redis_is_down(
    client, signed_in, practitioner, stopped_redis
):
    from django.core.cache import cache

    export = export_request(
        owner=practitioner,
        kind="pdf",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 1),
    )
    cache.set(f"export-progress:{export.pk}", 40)
    signed_in(practitioner)
    url = reverse("portfolio:export_list")
    assert "40%" in client.get(url).content.decode()

    stopped_redis.stop()
    response = client.get(url)
    assert response.status_code == 200
    # The export is listed as waiting, with no progress to show.
    assert Export.objects.get().status == ExportStatus.PENDING
    assert "40%" not in response.content.decode()


def test_a_save_returns_in_under_a_second_while_redis_is_down(
    client, signed_in, practitioner, stopped_redis, django_capture_on_commit_callbacks
):
    signed_in(practitioner)
    stopped_redis.stop()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portfolio:entry_create"), _draft_form("Saved offline zqoffline")
        )
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert Entry.objects.filter(title="Saved offline zqoffline").exists()
    assert elapsed < 1, elapsed


def test_signing_in_fails_closed_with_a_clear_message_while_redis_is_down(
    client, practitioner, stopped_redis
):
    stopped_redis.stop()
    response = client.post(
        reverse("account_login"),
        {"login": practitioner.email, "password": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert SIGN_IN_PAUSED in response.content.decode()
    # Not signed in: the home page still sends the person to the login form.
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("account_login"))
