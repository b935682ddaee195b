"""The production settings harden, refuse half-configuration, and pass
Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_check_deploy_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-0987654321",
        DJANGO_ALLOWED_HOSTS="portfolio.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_ALLOWED_HOSTS="portfolio.example.gov.uk",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def _production_database_setting(**env):
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        " print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-0987654321",
        DJANGO_ALLOWED_HOSTS="portfolio.example.gov.uk",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_production_keeps_database_connections_and_checks_them_first():
    # A new connection per request costs more than a small page (issue #15).
    assert _production_database_setting() == ["60", "True"]
    assert _production_database_setting(DJANGO_CONN_MAX_AGE="0") == ["0", "True"]


def test_the_embedded_default_needs_no_environment():
    result = _manage("check", DJANGO_SETTINGS_MODULE="portal.settings.base")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_pages_carry_security_headers():
    response = Client().get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_forms_are_protected_against_csrf(practitioner):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"login": practitioner.email, "password": "x"}
    )
    assert response.status_code == 403


def test_every_scheduled_task_exists():
    from portal.celery import app
    from portal.schedule import BEAT_SCHEDULE

    app.loader.import_default_modules()
    for entry in BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
