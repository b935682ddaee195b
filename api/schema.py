"""The OpenAPI schema's own parts: only /api/v1/ is described, every
operation documents its problem responses, and the OAuth 2 flows and scopes
come from api.scopes."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from api.scopes import PERSONAL_SCOPES, SYSTEM_SCOPES

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {},
        },
    },
}
#: Every refusal an operation can give; each is a problem body.
PROBLEM_STATUSES = {
    "400": "Bad input: see errors by field.",
    "401": "No valid access token.",
    "404": "Not there, or not for this token.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Conflicts with the resource's state, or an Idempotency-Key reused.",
    "412": "If-Match does not match the current ETag.",
    "415": "Send application/json.",
    "428": "If-Match is required.",
    "429": "Too many requests: see Retry-After.",
}


def only_the_api(endpoints, **kwargs):
    return [
        (path, *rest)
        for path, *rest in endpoints
        if path.startswith("/api/v1/")
        and "/schema/" not in path
        and "/docs/" not in path
    ]


def problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEM_STATUSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result


class OAuth2Scheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.AuditedOAuth2Authentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        scopes = getattr(auto_schema.view, "required_scopes", {})
        scope = scopes.get(auto_schema.method)
        return {self.name: [scope] if scope else []}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/oauth/token/",
                    "scopes": {key: str(text) for key, text in SYSTEM_SCOPES.items()},
                },
                "authorizationCode": {
                    "authorizationUrl": "/oauth/authorize/",
                    "tokenUrl": "/oauth/token/",
                    "scopes": {key: str(text) for key, text in PERSONAL_SCOPES.items()},
                },
            },
        }
