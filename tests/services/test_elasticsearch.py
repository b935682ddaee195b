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


def test_a_hung_node_is_given_up_on_within_the_timeout():
    """A node that accepts connections and never answers must not hold a web
    worker: the request fails after about REQUEST_TIMEOUT seconds."""
    import socket
    import time

    from elastic_transport import ConnectionTimeout

    from search.connection import build_client

    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen()
        client = build_client(f"http://127.0.0.1:{hung.getsockname()[1]}")
        started = time.monotonic()
        with pytest.raises(ConnectionTimeout):
            client.info()
        assert time.monotonic() - started < REQUEST_TIMEOUT * 2 + 1


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
