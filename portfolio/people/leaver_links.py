"""The link in a leaver's email that signs them in to the leaving page.

People whose accounts came from their employer's single sign-on, SCIM or a
staff upload have no password, and the employer's identity provider refuses
them once they leave; without this link they could not take their portfolio.
The link names the person and a digest of their account's state: it stops
working once it has been used (signing in changes ``last_login``) and when the
person is reactivated or deactivated again. Whether they may still use it
(their organisation's grace period) is the leaving page's rule, asked on use.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "portfolio.people.leaver_links"


def _state(user) -> str:
    state = f"{user.pk}|{user.is_active}|{user.deactivated_at}|{user.last_login}"
    return salted_hmac(SALT, state).hexdigest()[:32]


def leaver_link_token(user) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=SALT)


def leaver_link_person(token: str):
    """The person a still-valid token names, or None."""
    try:
        data = signing.loads(token, salt=SALT)
        user = get_user_model().objects.filter(pk=int(data["u"])).first()
        claimed = str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not constant_time_compare(claimed, _state(user)):
        return None
    return user
