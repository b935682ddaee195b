"""Issue 14, item 3: the embedded default (SQLite, as `make run` serves it)
under concurrent requests. About half the responses of a learning page (which
records a view) and of the readiness report (which writes its audit row) used
to fail with "database is locked" at 8 concurrent connections.

This starts the real thing: a database file migrated and loaded as `make run`
does, then `manage.py runserver` (threaded) in a subprocess, and fires
concurrent signed-in clients at both pages.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
REQUESTS_PER_CLIENT = int(os.environ.get("SQLITE_REQUESTS_PER_CLIENT", "12"))

SIGN_IN_AND_FIND_PAGES = """
import json
from django.test import Client
from django.urls import reverse
from learning.models import ResearchSummaryPage
from portfolio.people.models import User
from tests.auth import sign_in

sessions = {}
for email in ("practitioner@example.org", "psw@example.org"):
    client = Client()
    sign_in(client, User.objects.get(email=email))
    sessions[email] = client.cookies["sessionid"].value
print(json.dumps({
    "sessions": sessions,
    "learning_page": ResearchSummaryPage.objects.live().first().url,
    "report": reverse("reports:cpd-readiness"),
}))
"""


def _environment(database: Path) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "PORTFOLIO_"))
        and key not in {"REDIS_URL", "ELASTICSEARCH_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        PORTFOLIO_PRIVATE_MEDIA_ROOT=str(database.parent / "private"),
        DJANGO_DEBUG="true",
    )
    return environment


def _manage(environment, *arguments) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(base: str, server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited: {server.stderr.read()}")
        try:
            urllib.request.urlopen(f"{base}/accessibility/", timeout=2)  # noqa: S310
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    pytest.fail("runserver did not start")


def _fire(base: str, targets: list[tuple[str, str]]) -> dict:
    """CLIENTS threads, each sending REQUESTS_PER_CLIENT requests in turn to
    every (path, session) target. Returns the counts by outcome."""
    outcomes: dict[str, int] = {}
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(number: int):
        start.wait()
        for count in range(REQUESTS_PER_CLIENT):
            path, session = targets[(number + count) % len(targets)]
            request = urllib.request.Request(  # noqa: S310 - our own test server
                base + path, headers={"Cookie": f"sessionid={session}"}
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                    outcome = str(response.status)
            except urllib.error.HTTPError as error:
                outcome = str(error.code)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                outcome = type(error).__name__
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return outcomes


def test_concurrent_requests_on_the_embedded_default_never_fail(tmp_path):
    database = tmp_path / "db.sqlite3"
    environment = _environment(database)
    for command in ("migrate", "load_frameworks", "load_demo_data"):
        _manage(environment, command, *(["--no-input"] if command == "migrate" else []))
    _manage(environment, "load_learning_content")
    found = json.loads(
        _manage(environment, "shell", "-c", SIGN_IN_AND_FIND_PAGES).splitlines()[-1]
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_serving(base, server)
        sessions = found["sessions"]
        targets = [
            (found["learning_page"], sessions["practitioner@example.org"]),
            (found["report"], sessions["psw@example.org"]),
        ]
        started = time.monotonic()
        outcomes = _fire(base, targets)
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)
    total = sum(outcomes.values())
    print(  # noqa: T201 - the figures for the coordinator's note
        f"\nSQLite, {CLIENTS} concurrent clients: {total} requests in "
        f"{seconds:.1f} s, outcomes {outcomes}"
    )
    assert total == CLIENTS * REQUESTS_PER_CLIENT
    assert outcomes == {"200": total}
