"""A two-node Elasticsearch cluster (scripts/services.sh es-cluster) loses a
node in the middle of searches and edits: no errors, and once the outbox is
replayed every edit is in the index (0 lost updates)."""

import os
import re
import secrets
import signal
import subprocess

from django.urls import reverse

import pytest

from portfolio.evidence.models import Entry
from search import breaker
from search.connection import get_client
from search.documents import forget_ensured
from search.models import IndexOperation
from search.selectors import FALLBACK_NOTICE
from search.services import index_replay
from tests.factories.portfolio import EntryFactory
from tests.scale.processes import ROOT
from tests.search.indices import RUN_PREFIX
from tests.search.test_faults import _documents, _draft_form

pytestmark = [pytest.mark.es_cluster, pytest.mark.django_db]

ENTRIES = 12
ROUNDS = 24
#: The round at which node 2 is killed.
KILL_AT = 6
DATA_NODE = "portfolio-cluster-2"


@pytest.fixture
def cluster(settings):
    url = os.environ["ELASTICSEARCH_CLUSTER_URL"]
    prefix = f"{RUN_PREFIX}cluster-{secrets.token_hex(3)}-"
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_INDEX_REPLICAS = 1
    settings.SEARCH_REFRESH_ON_WRITE = True
    breaker.reset()
    forget_ensured()
    get_client.cache_clear()
    # A node a previous run stopped may still be coming back.
    health = (
        get_client()
        .options(request_timeout=130)
        .cluster.health(wait_for_nodes="2", timeout="120s")
    )
    assert health["number_of_nodes"] == 2, "the cluster has not got both nodes"
    yield url
    breaker.reset()
    forget_ensured()
    get_client.cache_clear()
    _delete(url, prefix)
    # Bring the stopped node back for the next run, without waiting for it.
    subprocess.Popen(
        [str(ROOT / "scripts" / "services.sh"), "up", "es-cluster"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _delete(url, prefix):
    from search.connection import build_client

    client = build_client(url)
    names = list(client.indices.get(index=f"{prefix}*", expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names))


def _data_node_pid() -> int:
    info = get_client().nodes.info(node_id=DATA_NODE, metric="process")
    (node,) = info["nodes"].values()
    return node["process"]["id"]


def test_losing_a_node_during_searches_and_edits_loses_nothing(
    cluster,
    settings,
    client,
    signed_in,
    practitioner,
    django_capture_on_commit_callbacks,
):
    entries = [
        EntryFactory(owner=practitioner, title=f"Cluster entry {n} zqcluster")
        for n in range(ENTRIES)
    ]
    assert index_replay(limit=1000) == ENTRIES
    alias = f"{settings.SEARCH_INDEX_PREFIX}entries"
    health = (
        get_client()
        .options(request_timeout=70)
        .cluster.health(index=alias, wait_for_status="green", timeout="60s")
    )
    assert health["status"] == "green"  # the replica is on the other node
    pid = _data_node_pid()
    signed_in(practitioner)
    search_url = reverse("search:search")

    errors, fallbacks = [], 0
    for round_ in range(ROUNDS):
        if round_ == KILL_AT:
            os.kill(pid, signal.SIGKILL)  # a crashed machine, not a shutdown
        entry = entries[round_ % ENTRIES]
        title = f"Cluster entry {round_ % ENTRIES} zqcluster v{round_}"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("portfolio:entry_edit", args=[entry.pk]), _draft_form(title)
            )
        if response.status_code != 302:
            errors.append(("edit", round_, response.status_code))
        response = client.get(search_url, {"q": f"v{round_}"})
        # The words found are marked up (<mark>): compare the text.
        body = re.sub(r"<[^>]+>", "", response.content.decode())
        if response.status_code >= 500 or title not in body:
            errors.append(("search", round_, response.status_code))
        fallbacks += FALLBACK_NOTICE in body
    assert errors == []

    # The outbox may have delayed an update during the failover; replaying
    # it applies every one (with the breaker closed again).
    delayed = IndexOperation.objects.filter(status="pending").count()
    breaker.reset()
    index_replay(limit=1000)
    assert not IndexOperation.objects.filter(status="pending").exists()
    documents = _documents(alias)
    lost = [
        entry.pk
        for entry in Entry.objects.filter(pk__in=[e.pk for e in entries])
        if documents[f"entry-{entry.pk}"][1]["title"] != entry.title
    ]
    assert lost == []
    # The figures for the notes (pytest -s shows them).
    figures = f"{fallbacks} of {ROUNDS} searches fell back, {delayed} updates delayed"
    print(f"\nnode lost at round {KILL_AT}: {figures}")  # noqa: T201
    health = get_client().cluster.health()
    assert health["number_of_nodes"] == 1 and health["status"] in ("yellow", "green")
