"""The load balancer's endpoints: liveness never touches a service; readiness
fails only for the database and reports the rest as degraded."""

import json

from django.db import connection
from django.urls import reverse

import pytest

from portal.celery import app

pytestmark = [pytest.mark.redis, pytest.mark.elasticsearch]


def _ready(client):
    response = client.get(reverse("health_ready"))
    return response.status_code, json.loads(response.content)


def test_liveness_answers_without_any_service(client):
    # No database mark: any query here would fail the test.
    response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_ready_when_every_service_answers(client):
    status, body = _ready(client)
    assert status == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage", "search"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_a_lost_search_node_or_broker_degrades_but_stays_in_rotation(
    client, settings, monkeypatch
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    for name in ("broker_url", "broker_write_url"):
        monkeypatch.setattr(app.conf, name, "redis://127.0.0.1:1/0")
    status, body = _ready(client)
    assert status == 200
    assert body["status"] == "degraded"
    assert not body["checks"]["search"]["ok"]
    assert not body["checks"]["broker"]["ok"]
    assert body["checks"]["database"]["ok"] and body["checks"]["storage"]["ok"]
    # Nothing about the failure is shown to whoever asks.
    assert "refused" not in json.dumps(body).lower()


def test_a_lost_database_takes_the_instance_out_of_rotation(client, django_db_blocker):
    with django_db_blocker.unblock():
        reachable = connection.settings_dict
        connection.close()
        connection.settings_dict = {**reachable, "PORT": 1}
        try:
            status, body = _ready(client)
        finally:
            connection.close()
            connection.settings_dict = reachable
    assert status == 503
    assert body["status"] == "unavailable"
    assert not body["checks"]["database"]["ok"]
    assert body["checks"]["cache"]["ok"]
