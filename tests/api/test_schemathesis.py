"""Schemathesis against the live schema, in-process through Django's WSGI
handler: every operation, with valid and invalid input (positive and
negative modes), authenticated as a system's token and as a practitioner's
app token. No response may be a server error or break the schema.

Examples per operation are bounded so the whole run stays near a minute.
"""

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig

from tests.api.tokens import app_client, system_client, token_for

CONFIG = {
    "generation": {
        "mode": "all",
        "max-examples": 6,
        "deterministic": True,
        "database": "none",
    },
    "phases": {"stateful": {"enabled": False}},
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        "response_headers_conformance": {"enabled": True},
        "negative_data_rejection": {"enabled": True},
    },
}


def _live_schema():
    """The schema as /api/v1/schema/ serves it, fetched through the WSGI
    handler the operations are then called through."""
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/", WSGIHandler(), config=SchemathesisConfig.from_dict(CONFIG)
    )


schema = _live_schema()


@pytest.fixture(autouse=True)
def _in_process(db, settings):
    # Rate limits would turn most of the run into 429s; they are proved in
    # test_endpoints.py.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": None, "token_write": None},
    }
    # Django's test client keeps the test's connection open between requests;
    # the bare WSGI handler would close it (and with it the test transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def system_token(org_admin):
    client, _secret = system_client(org_admin)
    return token_for(client, scope="people:read compliance:read learning:write")


@pytest.fixture
def app_token(org_admin, practitioner):
    return token_for(
        app_client(org_admin), user=practitioner, scope="portfolio:read portfolio:write"
    )


#: The token fixtures are made once per operation on purpose: every example
#: of an operation runs in that test's transaction with the same token.
ONE_TOKEN_PER_OPERATION = hypothesis_settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


@schema.parametrize()
@ONE_TOKEN_PER_OPERATION
def test_every_operation_with_a_systems_token(case, system_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {system_token.token}"})


@schema.parametrize()
@ONE_TOKEN_PER_OPERATION
def test_every_operation_with_a_practitioners_app_token(case, app_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {app_token.token}"})
