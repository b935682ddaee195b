"""Kept answers to API POSTs are replayed for a day, then deleted."""

from datetime import timedelta

from django.utils import timezone

import pytest

from api.models import IdempotentResponse
from api.tasks import idempotent_responses_purge_task
from portal.schedule import BEAT_SCHEDULE

pytestmark = pytest.mark.django_db

ENTRIES = "/api/v1/me/entries/"


def _draft(api, token, key):
    return api(token).post(
        ENTRIES,
        {
            "title": "Reading on trauma-informed practice",
            "cpd_type": "reading_research",
        },
        headers={"HTTP_IDEMPOTENCY_KEY": key},
    )


def test_an_answer_older_than_a_day_is_purged_and_a_fresh_one_still_replays(
    api, practitioner_token
):
    old = _draft(api, practitioner_token, "yesterday-1")
    fresh = _draft(api, practitioner_token, "today-1")
    assert old.status_code == fresh.status_code == 201
    IdempotentResponse.objects.filter(key="yesterday-1").update(
        created_at=timezone.now() - timedelta(hours=25)
    )

    idempotent_responses_purge_task.delay()

    assert list(IdempotentResponse.objects.values_list("key", flat=True)) == ["today-1"]
    replay = _draft(api, practitioner_token, "today-1")
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == fresh.json()


def test_the_purge_is_scheduled_daily():
    assert BEAT_SCHEDULE["api-idempotent-responses-purge"]["task"] == (
        idempotent_responses_purge_task.name
    )
