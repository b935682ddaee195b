import pytest

from tests.api.tokens import app_client, system_client, token_for

SYSTEM_SCOPES = "people:read compliance:read learning:write"


@pytest.fixture
def system(org_admin):
    client, _secret = system_client(org_admin)
    return client


@pytest.fixture
def system_token(system):
    return token_for(system, scope=SYSTEM_SCOPES)


@pytest.fixture
def app(org_admin):
    return app_client(org_admin)


@pytest.fixture
def practitioner_token(app, practitioner):
    return token_for(app, user=practitioner, scope="portfolio:read portfolio:write")


@pytest.fixture
def api(client):
    """Django's test client speaking JSON."""

    class Api:
        def __init__(self, token=None):
            self.token = token

        def _headers(self, headers):
            sent = dict(headers or {})
            if self.token is not None:
                sent["HTTP_AUTHORIZATION"] = f"Bearer {self.token.token}"
            return sent

        def get(self, path, data=None, headers=None):
            return client.get(path, data or {}, **self._headers(headers))

        def post(self, path, data=None, headers=None):
            return client.post(
                path,
                data or {},
                content_type="application/json",
                **self._headers(headers),
            )

        def patch(self, path, data=None, headers=None):
            return client.patch(
                path,
                data or {},
                content_type="application/json",
                **self._headers(headers),
            )

    return Api
