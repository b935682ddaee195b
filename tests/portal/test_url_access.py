"""The access-control matrix, generated from the URLconf."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from tests.access.table import (
    ACCESS,
    DELEGATED_PREFIXES,
    HIDDEN,
    LOGIN,
    OK,
    OWN_NAMESPACES,
    REDIRECT,
    ROLES,
    UNAUTHORISED,
)
from tests.auth import sign_in

#: Patterns that are regular expressions without a reversible form.
URL_OVERRIDES = {"admin_password_reset_reroute": "/admin/password_reset/"}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, (f"{namespace}{entry.name}" if entry.name else None)


def _routes():
    return list(_walk(get_resolver().url_patterns))


def test_every_url_is_classified():
    unclassified = [
        (route, name)
        for route, name in _routes()
        if not (
            route.lstrip("^").startswith(tuple(DELEGATED_PREFIXES))
            and not (name or "").startswith(OWN_NAMESPACES)
        )
        and name not in ACCESS
    ]
    assert unclassified == [], "Add these URLs to tests/access/table.py"


def test_the_table_names_only_urls_that_exist():
    names = {name for _route, name in _routes()}
    assert set(ACCESS) <= names


def _client_for(role, client, request):
    if role != "anonymous":
        sign_in(client, request.getfixturevalue(role))
    return client


def _outcome(response) -> str:
    if response.status_code == 404:
        return HIDDEN
    if response.status_code == 401:
        return UNAUTHORISED
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return LOGIN
        return OK if response.request["REQUEST_METHOD"] == "POST" else REDIRECT
    # 400: the view was reached and refused the (empty) input.
    if response.status_code in (200, 400):
        return OK
    return f"status {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_access_matrix(name, role, client, request):
    rule = ACCESS[name]
    for fixture in rule.needs:
        request.getfixturevalue(fixture)
    kwargs = dict(rule.fixed_kwargs)
    for kwarg, source in rule.kwargs.items():
        fixture_name, attribute = source.split(".")
        kwargs[kwarg] = getattr(request.getfixturevalue(fixture_name), attribute)
    url = URL_OVERRIDES.get(name) or reverse(name, kwargs=kwargs)
    client = _client_for(role, client, request)
    response = getattr(client, rule.method)(url, headers=rule.headers)
    assert _outcome(response) == rule.expected(role), (name, role, response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_wagtail_admin_opens_only_for_admin_roles(role, client, request):
    client = _client_for(role, client, request)
    response = client.get("/admin/")
    if role in ("training_editor", "org_admin", "other_org_admin", "site_admin"):
        assert response.status_code == 200
    elif role == "leaver_in_grace":
        assert response.status_code == 404  # kept to the leaving pages
    elif role in ("anonymous", "deactivated"):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        # Signed in without access: a 403 page, not a redirect to the login
        # page that sends them straight back (issue 14, item 2).
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_allauth_account_pages_need_a_session(role, client, request):
    client = _client_for(role, client, request)
    assert client.get(reverse("account_login")).status_code in (200, 302)
    response = client.get(reverse("account_email"))
    if role == "leaver_in_grace":
        assert response.status_code == 404  # kept to the leaving pages
    elif role in ("anonymous", "deactivated"):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 200
