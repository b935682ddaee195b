"""Tokens for the single-use links the portal sends to someone: an
invitation, an appraisal feedback link, a peer's confirmation. Only a hash of
each token is stored, so a copy of the database opens no link."""

import hashlib
import secrets


def link_token_new() -> str:
    """A new token to put in a link (store ``link_token_hash`` of it)."""
    return secrets.token_urlsafe(32)


def link_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
