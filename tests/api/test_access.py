"""The API's access matrix: every route × every kind of token (each role's
app token with each personal scope, each organisation's system with each
system scope, revoked, expired, none). Not allowed is 404, like the pages."""

from datetime import timedelta

from django.urls import reverse

import pytest

from capabilities.models import Framework
from tests.access.api_table import API_ACCESS, DENIED, HIDDEN, OK, PEOPLE, TOKENS
from tests.access.table import ROLES
from tests.api.tokens import app_client, system_client, token_for
from tests.portal.test_url_access import _routes


def test_every_api_route_is_in_the_table():
    names = {name for route, name in _routes() if name and name.startswith("api:")}
    classified = {name.split("#")[0] for name in API_ACCESS}
    assert names == classified


def _outcome(response) -> str:
    if response.status_code == 404:
        return HIDDEN
    if response.status_code == 401:
        return DENIED
    if response.status_code in (200, 201, 400, 428):
        return OK
    return f"status {response.status_code}"


@pytest.fixture
def tokens(request, org_admin, other_org_admin):
    own_app = app_client(org_admin)
    own_system, _ = system_client(org_admin)
    other_system, _ = system_client(other_org_admin, name="Their HR system")
    made = {}
    for token in TOKENS:
        kind, *rest = token.split(":", 2)
        if kind == "person":
            role, scopes = rest
            made[token] = token_for(
                own_app, user=request.getfixturevalue(role), scope=scopes
            )
        elif kind == "system":
            organisation, scope = rest
            client = own_system if organisation == "own" else other_system
            made[token] = token_for(client, scope=scope)
    revoked = token_for(
        own_app, user=request.getfixturevalue("practitioner"), scope="portfolio:read"
    )
    revoked.revoke()
    made["revoked"] = revoked
    made["expired"] = token_for(
        own_app,
        user=request.getfixturevalue("practitioner"),
        scope="portfolio:read",
        expires_in=timedelta(seconds=-5),
    )
    made["none"] = None
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted(name for name, rule in API_ACCESS.items() if rule is not None)
)
def test_api_access_matrix(name, tokens, client, request, settings):
    # The matrix sends hundreds of requests with one token each: the rate
    # limit is proved in test_endpoints.py.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": None, "token_write": None},
    }
    rule = API_ACCESS[name]
    kwargs = {}
    for kwarg, source in rule.kwargs.items():
        fixture_name, attribute = source.split(".")
        if fixture_name == "pcf":
            value = Framework.objects.filter(family="pcf").first()
        else:
            value = request.getfixturevalue(fixture_name)
        kwargs[kwarg] = getattr(value, attribute)
    url = reverse(name.split("#")[0], kwargs=kwargs)
    mismatches = []
    for token_name, token in tokens.items():
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token.token}"} if token else {}
        if rule.method == "get":
            response = client.get(url, **headers)
        elif rule.multipart:
            response = client.post(url, {}, **headers)
        else:
            response = getattr(client, rule.method)(
                url, {}, content_type="application/json", **headers
            )
        if _outcome(response) != rule.expected(token_name):
            mismatches.append((token_name, response.status_code))
    assert mismatches == [], (name, mismatches)


@pytest.mark.django_db
def test_the_schema_is_public_valid_and_names_every_operation(client):
    from drf_spectacular.validation import validate_schema

    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    validate_schema(schema)  # OpenAPI 3 (raises on an invalid schema)
    paths = schema["paths"]
    assert "/api/v1/learning/completions/" in paths
    assert set(PEOPLE) == set(ROLES) - {"anonymous"}
    assert all(
        "oauth2" in operation["security"][0]
        for operations in paths.values()
        for operation in operations.values()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/me/entries/99999999999999999999/", "/api/v1/nothing/"]
)
def test_a_path_that_names_no_endpoint_is_a_problem_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
