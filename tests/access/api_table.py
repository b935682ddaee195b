"""Who may reach every API route, by token: one declarative table.

A token is a person's (a practitioner's app, authorisation code) for each role
of tests/access/table.py, with each combination of the personal scopes; or a
system's (client credentials) of the first organisation or another one, with
each system scope; or revoked, expired, or none at all.

Outcomes: OK (the endpoint answered: 2xx, or 400/428 for the empty request the
matrix sends), HIDDEN (404, exactly like a route that does not exist), DENIED
(401: no valid token).
"""

from dataclasses import dataclass, field

from tests.access.table import ROLES

OK, HIDDEN, DENIED = "ok", "hidden", "denied"

PERSONAL_SCOPE_SETS = (
    "portfolio:read",
    "portfolio:write",
    "portfolio:read portfolio:write",
)
SYSTEM_SCOPE_SETS = ("people:read", "compliance:read", "learning:write")
#: A deactivated person's token (in their leaving grace period or not) is
#: refused as a revoked one is: the grace period is for the portal's leaving
#: page alone.
PEOPLE = tuple(role for role in ROLES if role != "anonymous")


def person_tokens():
    return [
        f"person:{role}:{scopes}" for role in PEOPLE for scopes in PERSONAL_SCOPE_SETS
    ]


def system_tokens():
    return [
        f"system:{organisation}:{scope}"
        for organisation in ("own", "other")
        for scope in SYSTEM_SCOPE_SETS
    ]


TOKENS = (*person_tokens(), *system_tokens(), "revoked", "expired", "none")


@dataclass(frozen=True)
class ApiRule:
    method: str = "get"
    #: Which tokens get OK: a function of the token's description.
    allowed: object = None
    kwargs: dict = field(default_factory=dict)
    #: Sent as multipart/form-data (a file upload) rather than JSON.
    multipart: bool = False

    def expected(self, token: str) -> str:
        if token in ("revoked", "expired", "none") or token.startswith(
            ("person:deactivated:", "person:leaver_in_grace:")
        ):
            return DENIED
        return OK if self.allowed(token) else HIDDEN


def any_token(token):
    return True


def personal(scope, roles=PEOPLE):
    def allowed(token):
        kind, *rest = token.split(":", 2)
        if kind != "person":
            return False
        role, scopes = rest[0], rest[1]
        return role in roles and scope in scopes.split()

    return allowed


def system(scope, organisations=("own", "other")):
    def allowed(token):
        parts = token.split(":", 2)
        return parts[0] == "system" and parts[1] in organisations and parts[2] == scope

    return allowed


READ, WRITE = "portfolio:read", "portfolio:write"
OWNER = ("practitioner",)

API_ACCESS = {
    "api:schema": None,  # public: the schema itself (probed below)
    "api:docs": None,
    "api:not_found": None,  # every other path: a problem 404 (test_access.py)
    "api:me": ApiRule(allowed=any_token),
    "api:entries": ApiRule(allowed=personal(READ)),
    "api:entries#post": ApiRule(method="post", allowed=personal(WRITE)),
    "api:entry": ApiRule(allowed=personal(READ, OWNER), kwargs={"pk": "entry.pk"}),
    "api:entry#patch": ApiRule(
        method="patch", allowed=personal(WRITE, OWNER), kwargs={"pk": "entry.pk"}
    ),
    "api:entry_attachments": ApiRule(
        allowed=personal(READ, OWNER), kwargs={"pk": "attachment.entry_id"}
    ),
    "api:entry_attachments#post": ApiRule(
        method="post",
        multipart=True,
        allowed=personal(WRITE, OWNER),
        kwargs={"pk": "attachment.entry_id"},
    ),
    "api:readiness": ApiRule(allowed=personal(READ)),
    "api:coverage": ApiRule(allowed=personal(READ)),
    "api:frameworks": ApiRule(allowed=any_token),
    "api:framework": ApiRule(allowed=any_token, kwargs={"pk": "pcf.pk"}),
    "api:learning_pages": ApiRule(allowed=any_token),
    "api:learning_page": ApiRule(allowed=any_token, kwargs={"pk": "learning_page.pk"}),
    "api:people": ApiRule(allowed=system("people:read")),
    "api:person": ApiRule(
        allowed=system("people:read", ("own",)), kwargs={"pk": "practitioner.pk"}
    ),
    "api:teams": ApiRule(allowed=system("people:read")),
    "api:compliance_people": ApiRule(allowed=system("compliance:read")),
    "api:compliance_teams": ApiRule(allowed=system("compliance:read")),
    "api:completions": ApiRule(method="post", allowed=system("learning:write")),
    "api:xapi_statements": ApiRule(method="post", allowed=system("learning:write")),
}
