"""Two gunicorn instances, two Celery workers and two beats on the same
database, cache, broker and object storage, as a deployment on several
machines runs them. Sessions, rate limits and files are shared; each job is
done once whichever worker takes it; only one beat sends.

The processes share one private redis-server (never the shared one) and
this test run's database and storage prefix."""

import datetime
import time

from django.core.files.storage import storages

import pytest
import requests

from portfolio.evidence.models import Attachment
from portfolio.exports.models import Export, ExportStatus
from portfolio.exports.orphans import stored_names
from portfolio.exports.services import export_request
from tests.auth import PASSWORD
from tests.factories.portfolio import EntryFactory, UserFactory
from tests.jobs.faults import celery_on
from tests.portfolio.notifications.worker import PrivateRedis
from tests.scale.processes import (
    answers,
    beat,
    gunicorn,
    process_env,
    wait_for,
    worker,
)

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

TOO_MANY = "Too many failed login attempts"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, django_db_setup, django_db_blocker):
    tmp = tmp_path_factory.mktemp("deployment")
    redis = PrivateRedis(tmp)
    redis.start()
    base = f"redis://127.0.0.1:{redis.port}"
    env = process_env(redis_url=base)
    (web_a, url_a), (web_b, url_b) = (
        gunicorn("web-a", env, tmp),
        gunicorn("web-b", env, tmp),
    )
    workers = [worker("worker-1", env, tmp), worker("worker-2", env, tmp)]
    processes = [web_a, web_b, *workers]
    try:
        wait_for(
            lambda: answers(url_a) and answers(url_b),
            "both web servers",
            during=processes,
        )
        yield {
            "urls": (url_a, url_b),
            "web": (web_a, web_b),
            "workers": workers,
            "broker": f"{base}/0",
            "redis": base,
            "tmp": tmp,
        }
    finally:
        for process in processes:
            process.stop()
        redis.stop()


def _browser() -> requests.Session:
    """A browser behind the load balancer: whichever server answers, the
    Host is the site's (allauth's per-account rate limit key includes it)."""
    session = requests.Session()
    session.headers["Host"] = "portal.test"
    return session


def _csrf(session: requests.Session, url: str) -> str:
    session.get(f"{url}/accounts/login/", timeout=10)
    return session.cookies["csrftoken"]


def _log_in(session, url, email, password):
    return session.post(
        f"{url}/accounts/login/",
        data={
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": _csrf(session, url),
        },
        allow_redirects=False,
        timeout=10,
    )


def test_a_session_rate_limits_and_files_are_shared_by_both_web_servers(deployment):
    url_a, url_b = deployment["urls"]
    person = UserFactory(email="two-servers@example.org", first_name="Robin")
    entry = EntryFactory(owner=person, title="Shared across servers")

    browser = _browser()
    assert _log_in(browser, url_a, person.email, PASSWORD).status_code == 302
    # Signed in on A, and B knows the session.
    home = browser.get(f"{url_b}/", allow_redirects=False, timeout=10)
    assert home.status_code == 200
    assert "Robin" in home.text

    # An upload through A, downloaded through B.
    uploaded = browser.post(
        f"{url_a}/portfolio/entries/{entry.pk}/attachments/",
        files={"file": ("notes.pdf", PDF, "application/pdf")},
        headers={"X-CSRFToken": browser.cookies["csrftoken"], "Referer": url_a},
        allow_redirects=False,
        timeout=20,
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    attachment = Attachment.objects.get(entry=entry)
    download = browser.get(
        f"{url_b}/portfolio/attachments/{attachment.pk}/", timeout=20
    )
    assert download.status_code == 200
    assert download.content == PDF
    # Someone else, signed in on B, gets nothing.
    other = UserFactory(email="someone-else@example.org")
    intruder = _browser()
    assert _log_in(intruder, url_b, other.email, PASSWORD).status_code == 302
    assert (
        intruder.get(f"{url_a}/portfolio/attachments/{attachment.pk}/", timeout=20)
    ).status_code == 404

    # Wrong passwords spread over both servers count together: 5 per 5
    # minutes for one account (ACCOUNT_RATE_LIMITS), whichever server.
    target = UserFactory(email="guessed@example.org")
    attacker = _browser()
    answers_ = [
        _log_in(attacker, (url_a, url_b)[n % 2], target.email, "wrong-password-1")
        for n in range(6)
    ]
    assert [a.status_code for a in answers_] == [200] * 6
    assert not any(TOO_MANY in a.text for a in answers_[:5])
    assert TOO_MANY in answers_[5].text
    # Even the right password is refused now, on either server.
    for url in (url_a, url_b):
        refused = _log_in(attacker, url, target.email, PASSWORD)
        assert refused.status_code == 200 and TOO_MANY in refused.text


def _exports_built(exports) -> bool:
    return all(
        status in (ExportStatus.READY, ExportStatus.FAILED)
        for status in Export.objects.filter(pk__in=[e.pk for e in exports]).values_list(
            "status", flat=True
        )
    )


def test_each_job_is_done_once_whichever_worker_takes_it(deployment):
    person = UserFactory(email="exports@example.org")
    EntryFactory(owner=person, activity_date=datetime.date(2026, 1, 5))
    workers = deployment["workers"]
    with celery_on(deployment["broker"]) as app:
        exports = [
            export_request(
                owner=person,
                kind="zip",
                period_start=datetime.date(2025, 12, 3),
                period_end=datetime.date(2026, 10, 29),
            )
            for _ in range(6)
        ]
        # Each one a second time, as a redelivery or a sweep would.
        for export in exports:
            app.send_task("portfolio.export_build", args=[export.pk], queue="exports")
    wait_for(lambda: _exports_built(exports), "the exports", during=workers)
    built = Export.objects.filter(pk__in=[e.pk for e in exports])
    assert {e.status for e in built} == {ExportStatus.READY}
    # One file each, under a name of its own: a second build would have
    # stored a second file, and a shared name would let one person's export
    # overwrite another's (the period is this test's own, so the name is too).
    ours = sorted(
        name
        for name in stored_names(storages["private"], "exports")
        if "/portfolio-2025-12-03-to-2026-10-29" in name
    )
    assert len(ours) == len(exports)
    assert set(ours) == {e.file.name for e in built}
    # Both workers took some of the work.
    done_by = {
        process.name
        for process in workers
        for line in process.json_lines()
        if "portfolio.export_build" in line.get("message", "")
        and "succeeded" in line.get("message", "")
    }
    assert done_by == {"worker-1", "worker-2"}


def test_a_request_id_follows_the_request_into_its_job(deployment):
    url_a, _ = deployment["urls"]
    person = UserFactory(email="traced@example.org")
    browser = _browser()
    assert _log_in(browser, url_a, person.email, PASSWORD).status_code == 302
    response = browser.post(
        f"{url_a}/portfolio/exports/",
        data={
            "kind": "pdf",
            "period_start": "2025-12-01",
            "period_end": "2026-11-01",
        },
        headers={
            "X-CSRFToken": browser.cookies["csrftoken"],
            "X-Request-ID": "trace-many-processes-1",
        },
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302, response.text[:500]
    assert response.headers["X-Request-ID"] == "trace-many-processes-1"
    export = Export.objects.get(owner=person)
    workers = deployment["workers"]
    wait_for(lambda: _exports_built([export]), "the export", during=workers)

    def traced():
        return [
            line
            for process in workers
            for line in process.json_lines()
            if line.get("request_id") == "trace-many-processes-1"
        ]

    wait_for(lambda: traced(), "the job's log line", timeout=20)
    assert any(line["task"] == "portfolio.export_build" for line in traced())


def test_only_one_of_two_beats_sends_and_the_other_takes_over(deployment):
    env = process_env(
        redis_url=deployment["redis"], extra={"PORTFOLIO_TEST_BEAT_TICK": "1"}
    )
    tmp = deployment["tmp"]
    beats = [beat("beat-1", env, tmp), beat("beat-2", env, tmp)]

    def sends(process) -> int:
        return sum(
            "Sending due task test-beat-tick" in line.get("message", "")
            for line in process.json_lines()
        )

    try:
        wait_for(
            lambda: sum(sends(b) for b in beats) >= 5, "the beat ticks", during=beats
        )
        counts = sorted((sends(b), b.name) for b in beats)
        assert counts[0][0] == 0, counts
        leader = next(b for b in beats if b.name == counts[1][1])
        standby = next(b for b in beats if b is not leader)
        leader.stop()
        sent_by_leader = sends(leader)
        started = time.monotonic()
        wait_for(lambda: sends(standby) >= 3, "the other beat", during=[standby])
        takeover = time.monotonic() - started
        assert sends(leader) == sent_by_leader
        # A graceful stop releases the lock: no wait for it to expire.
        assert takeover < 10, takeover
    finally:
        for process in beats:
            process.stop()
