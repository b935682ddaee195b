"""Two-factor authentication for the demo accounts, through allauth's public
API only: its ``Authenticator`` model, the MFA adapter's ``encrypt`` (which is
how allauth stores secrets, so a project adapter that changes it still works)
and the ``MFA_TOTP_*`` settings. allauth's ``internal`` modules may change in
any release, so nothing here imports them.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from allauth.mfa import app_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator


def demo_authenticators_activate(*, user, totp_secret: str) -> None:
    """Give ``user`` an authenticator app with ``totp_secret`` and a set of
    recovery codes, as allauth's own set-up pages would."""
    adapter = get_adapter()
    Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.TOTP,
        data={"secret": adapter.encrypt(totp_secret)},
    )
    Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        # allauth derives the codes from this seed (40 random bytes, in hex).
        data={"seed": adapter.encrypt(secrets.token_hex(40)), "used_mask": 0},
    )


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The time-based code (RFC 6238, HMAC-SHA1 as allauth uses) for ``secret``
    at ``at`` (now by default)."""
    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    digits = app_settings.TOTP_DIGITS
    return f"{value % 10**digits:0{digits}}"
