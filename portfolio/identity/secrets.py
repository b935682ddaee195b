"""Client secrets at rest: encrypted with a key from the environment
(``PORTFOLIO_SECRETS_KEY``, falling back to one derived from Django's secret
key), so a database dump alone does not hand out an organisation's IdP
credentials. Secrets are never decrypted for display, only for allauth."""

import base64
import hashlib

from django.conf import settings

from cryptography.fernet import Fernet, InvalidToken


def _fernet() -> Fernet:
    key = getattr(settings, "PORTFOLIO_SECRETS_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"portfolio-secrets:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def secret_decrypt(token: str) -> str:
    """The plain secret, or "" if the key changed (the admin re-enters it)."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
