"""elasticsearch.dsl against the real node the test command starts."""

import secrets

import pytest
from elasticsearch.dsl import Document, Text

from search.connection import REQUEST_TIMEOUT, get_client

pytestmark = pytest.mark.elasticsearch


def test_the_node_is_healthy_and_an_8x_release():
    client = get_client()
    assert client.cluster.health()["status"] in ("green", "yellow")
    assert client.info()["version"]["number"].startswith("8.")


def test_the_client_gives_up_quickly():
    assert REQUEST_TIMEOUT <= 2


def test_a_dsl_document_is_indexed_found_with_stemming_and_deleted():
    class Probe(Document):
        body = Text(analyzer="english")

        class Index:
            name = f"probe-{secrets.token_hex(4)}"

    client = get_client()
    Probe.init(using=client)
    try:
        Probe(meta={"id": 1}, body="Supervisors reviewed reflective practice").save(
            using=client, refresh=True
        )
        hits = Probe.search(using=client).query("match", body="reviewing").execute()
        assert [hit.meta.id for hit in hits] == ["1"]
        Probe.get(id=1, using=client).delete(using=client, refresh=True)
        assert Probe.search(using=client).count() == 0
    finally:
        Probe._index.delete(using=client)
