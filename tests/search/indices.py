"""This test run's Elasticsearch indices: a unique prefix, deleted at the end."""

import os
import secrets

#: Every index a test run creates starts with this (SEARCH_INDEX_PREFIX from the
#: environment, so parallel worktrees sharing one node never collide).
RUN_PREFIX = (
    f"{os.environ.get('SEARCH_INDEX_PREFIX', 'portfolio-')}test-{secrets.token_hex(3)}-"
)


def delete_indices(prefix: str) -> None:
    """Delete the indices whose names start with ``prefix`` on the real node
    (by name: the node refuses wildcard deletes)."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        return
    from search.connection import build_client

    client = build_client(url)
    names = list(client.indices.get(index=f"{prefix}*", expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names))
