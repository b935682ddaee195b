"""scim2-tester (a SCIM 2.0 conformance checker from PyPI) against the live
server, with an organisation's real bearer token."""

import uuid

import pytest
import scim2_tester.filling
from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

from portfolio.identity.services import scim_token_rotate

_generate = scim2_tester.filling.generate_random_value


def _user_names_are_work_emails(context, path, *args, **kwargs):
    """The checker's data, not the server, is adapted: a person's userName is
    their work email address here (as Entra ID's user principal name is), so
    the random userName the checker makes up is given an email's shape."""
    if str(path).endswith("userName"):
        return f"{uuid.uuid4()}@council.test"
    return _generate(context, path, *args, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_the_scim_conformance_checker_passes(live_server, org_admin, team, monkeypatch):
    monkeypatch.setattr(
        scim2_tester.filling, "generate_random_value", _user_names_are_work_emails
    )
    token = scim_token_rotate(changed_by=org_admin, organisation=org_admin.organisation)
    http = Client(
        base_url=f"{live_server.url}/scim/v2",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    results = check_server(SyncSCIMClient(http), raise_exceptions=False)
    failures = [
        f"{r.title} [{r.resource_type}]: {r.reason}"
        for r in results
        if r.status not in (Status.SUCCESS, Status.SKIPPED)
    ]
    assert len(results) > 40
    assert failures == [], "\n".join(failures)
