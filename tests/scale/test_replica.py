"""Organisation reports read from a real PostgreSQL streaming replica
(scripts/services.sh starts one with pg_basebackup): what the reader sees
when it lags (replay paused with pg_wal_replay_pause()), that no write ever
goes there, and that a lost replica only sends the reads back to the
primary."""

import time

from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from portfolio.people.models import Team
from portfolio.reports.models import ReportView
from replica import replica_reads
from tests.auth import sign_in
from tests.factories.portfolio import UserFactory
from tests.portfolio.reports.conftest import riverside  # noqa: F401 - a fixture
from tests.portfolio.reports.helpers import parse_report_page

pytestmark = [
    pytest.mark.replica,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

WAIT_SECONDS = 60


@pytest.fixture
def replica(settings):
    """The `replica` alias on the real replica (the test runner made it a
    mirror of the primary), with routing on, and replay running afterwards."""
    mirrored = connections["replica"].settings_dict
    real = {
        **connections.settings["replica"],
        "NAME": connections["default"].settings_dict["NAME"],
        # Still marked as a mirror: the runner must never flush a standby.
        "TEST": mirrored["TEST"],
    }
    connections["replica"].close()
    connections["replica"].settings_dict = real
    settings.PORTFOLIO_READ_REPLICA = True
    settings.PORTFOLIO_REPLICA_LAG_NOTICE_SECONDS = 2
    try:
        yield connections["replica"]
    finally:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
        connections["replica"].close()
        connections["replica"].settings_dict = mirrored


def _primary_lsn() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        return cursor.fetchone()[0]


def _replica_has(replica, lsn: str, *, column: str) -> bool:
    with replica.cursor() as cursor:
        cursor.execute(f"SELECT pg_wal_lsn_diff({column}, %s::pg_lsn) >= 0", [lsn])
        return cursor.fetchone()[0]


def _wait(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _caught_up(replica) -> None:
    lsn = _primary_lsn()
    _wait(
        lambda: _replica_has(replica, lsn, column="pg_last_wal_replay_lsn()"),
        "the replica to replay",
    )


def _readiness(client, riverside):  # noqa: F811
    response = client.get(
        reverse("reports:cpd-readiness"), {"year": riverside.year.ends.year}
    )
    assert response.status_code == 200
    return response, parse_report_page(response.content).tables


def test_a_report_reads_from_the_replica_writes_only_to_the_primary_and_says_when_it_lags(
    client,
    riverside,  # noqa: F811
    replica,
):
    sign_in(client, riverside.admin)
    _caught_up(replica)
    with CaptureQueriesContext(replica) as on_replica:
        response, before = _readiness(client, riverside)
    statements = [query["sql"].lstrip().split()[0].upper() for query in on_replica]
    assert statements and set(statements) <= {"SELECT", "WITH"}
    assert b'data-testid="report-freshness"' not in response.content
    # The audit row of that view went to the primary.
    assert ReportView.objects.using("default").filter(viewer=riverside.admin).exists()

    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    paused_at = time.monotonic()
    UserFactory(
        organisation=riverside.organisation,
        team=Team.objects.get(organisation=riverside.organisation, name="North"),
        email="newcomer@riverside.example",
    )
    lsn = _primary_lsn()
    _wait(
        lambda: _replica_has(replica, lsn, column="pg_last_wal_receive_lsn()"),
        "the replica to receive the change",
    )
    # Real lag: the change has arrived but is not applied. Wait until it is
    # old enough to be worth telling the reader.
    _wait(lambda: time.monotonic() - paused_at > 2.5, "the lag to grow")
    response, paused = _readiness(client, riverside)
    assert paused == before
    assert b'data-testid="report-freshness"' in response.content
    assert "seconds behind" in response.content.decode()

    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")
    _caught_up(replica)
    response, after = _readiness(client, riverside)
    assert after != before
    assert b'data-testid="report-freshness"' not in response.content


def test_a_write_inside_replica_reads_goes_to_the_primary(riverside, replica):  # noqa: F811
    with replica_reads() as used_replica:
        assert used_replica
        # A write there would fail: "cannot execute INSERT in a read-only
        # transaction".
        team = Team.objects.create(organisation=riverside.organisation, name="East")
    assert Team.objects.using("default").filter(pk=team.pk).exists()
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True


def test_a_lost_replica_sends_the_report_to_the_primary(client, riverside, replica):  # noqa: F811
    reachable = replica.settings_dict
    replica.close()
    replica.settings_dict = {**reachable, "PORT": 1}
    try:
        sign_in(client, riverside.admin)
        with replica_reads() as used_replica:
            assert not used_replica
        response, tables = _readiness(client, riverside)
        assert tables
        assert b'data-testid="report-freshness"' not in response.content
    finally:
        replica.close()
        replica.settings_dict = reachable
