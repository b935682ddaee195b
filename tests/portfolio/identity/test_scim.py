"""SCIM at /scim/v2/: the organisation's bearer token, its scope, leavers and
movers through it, and bad input changing nothing."""

import json

from django.urls import reverse

import pytest

from portfolio.identity.models import ScimToken
from portfolio.identity.scim import auth as scim_auth
from portfolio.identity.services import scim_token_rotate
from portfolio.people.models import AuditEvent, Supervision, User
from tests.auth import sign_in
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db

SCIM = "application/scim+json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def token(org_admin):
    return scim_token_rotate(changed_by=org_admin, organisation=org_admin.organisation)


@pytest.fixture
def other_token(other_org_admin):
    return scim_token_rotate(
        changed_by=other_org_admin, organisation=other_org_admin.organisation
    )


def call(client, method, path, token, body=None):
    return getattr(client, method)(
        f"/scim/v2/{path}",
        data=json.dumps(body) if body is not None else None,
        content_type=SCIM,
        headers={"Authorization": f"Bearer {token}"},
    )


def new_user(email="dee@northmoor.gov.uk", **extra):
    return {
        "schemas": [USER_SCHEMA],
        "userName": email,
        "name": {"givenName": "Dee", "familyName": "Joiner"},
        "emails": [{"value": email, "primary": True}],
        "active": True,
        **extra,
    }


def test_no_token_or_a_wrong_one_is_401(client, token):
    assert client.get("/scim/v2/Users").status_code == 401
    assert call(client, "get", "Users", "not-the-token").status_code == 401


def test_a_session_is_not_a_credential(client, org_admin):
    sign_in(client, org_admin)
    assert client.get("/scim/v2/Users").status_code == 401


def test_the_token_is_stored_hashed_and_rotation_revokes_the_old_one(
    client, org_admin, token
):
    assert not ScimToken.objects.filter(token_hash=token).exists()
    new = scim_token_rotate(changed_by=org_admin, organisation=org_admin.organisation)
    assert call(client, "get", "Users", token).status_code == 401
    assert call(client, "get", "Users", new).status_code == 200
    assert AuditEvent.objects.filter(action="scim.token_rotated").count() == 2


def test_a_joiner_is_created_in_the_tokens_organisation(client, token, organisation):
    response = call(client, "post", "Users", token, new_user())
    assert response.status_code == 201, response.content
    person = User.objects.get(email="dee@northmoor.gov.uk")
    assert person.organisation == organisation and person.is_practitioner
    assert AuditEvent.objects.filter(action="person.provisioned", subject=person)


def test_everything_is_scoped_to_the_tokens_organisation(
    client, token, other_token, practitioner, other_org_admin
):
    listed = call(client, "get", "Users", other_token).json()
    emails = {r["userName"] for r in listed["Resources"]}
    assert practitioner.email not in emails
    assert other_org_admin.email in emails
    assert (
        call(client, "get", f"Users/{practitioner.pk}", other_token).status_code == 404
    )
    found = call(
        client, "get", f'Users?filter=userName eq "{practitioner.email}"', other_token
    ).json()
    assert found["totalResults"] == 0
    found = call(
        client, "get", f'Users?filter=userName eq "{practitioner.email}"', token
    ).json()
    assert found["totalResults"] == 1


def test_pagination(client, token, organisation):
    for n in range(3):
        UserFactory(organisation=organisation, email=f"p{n}@northmoor.gov.uk")
    page = call(client, "get", "Users?startIndex=2&count=2", token).json()
    assert page["startIndex"] == 2 and page["itemsPerPage"] == 2
    assert page["totalResults"] >= 4


def test_scim_deactivation_ends_a_live_session_within_one_request(
    client, token, supervisor, practitioner, supervision, org_admin
):
    session_client = type(client)()
    sign_in(session_client, supervisor)
    assert session_client.get(reverse("home")).status_code == 200
    response = call(
        client,
        "patch",
        f"Users/{supervisor.pk}",
        token,
        {
            "schemas": [PATCH_SCHEMA],
            # Entra ID sends the value as a string.
            "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    # The very next request is signed out.
    nxt = session_client.get(reverse("home"))
    assert nxt.status_code == 302 and nxt["Location"].startswith(
        reverse("account_login")
    )
    supervisor.refresh_from_db()
    assert not supervisor.is_active  # kept, not deleted
    supervision.refresh_from_db()
    assert supervision.ends_on is not None
    row = AuditEvent.objects.get(action="person.deactivated", subject=supervisor)
    assert row.actor is None and "SCIM" in row.actor_label
    # The supervisee is flagged to the organisation admin.
    sign_in(client, org_admin)
    page = client.get(reverse("portfolio:people_list"))
    banner = page.content.decode().split('data-testid="needing-supervisor"')[1]
    assert practitioner.get_full_name() in banner.split("</ul>")[0]


def test_scim_delete_deactivates_and_keeps_the_record(client, token, practitioner):
    assert call(client, "delete", f"Users/{practitioner.pk}", token).status_code == 204
    practitioner.refresh_from_db()
    assert not practitioner.is_active
    assert call(client, "get", f"Users/{practitioner.pk}", token).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"schemas": [USER_SCHEMA], "userName": "not-an-email"},
        {"schemas": [USER_SCHEMA]},
        "not json",
    ],
)
def test_a_body_that_breaks_the_schema_is_400_and_changes_nothing(client, token, body):
    before = User.objects.count()
    response = client.post(
        "/scim/v2/Users",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type=SCIM,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert User.objects.count() == before


def test_a_duplicate_email_is_409_and_changes_nothing(client, token, other_org_admin):
    response = call(client, "post", "Users", token, new_user(other_org_admin.email))
    assert response.status_code == 409
    other_org_admin.refresh_from_db()
    assert other_org_admin.organisation.slug == "eastbridge"


def test_moving_team_through_a_group(client, token, practitioner, other_team):
    response = call(
        client,
        "patch",
        f"Groups/{other_team.pk}",
        token,
        {
            "schemas": [PATCH_SCHEMA],
            "Operations": [
                {
                    "op": "add",
                    "path": "members",
                    "value": [{"value": str(practitioner.pk)}],
                }
            ],
        },
    )
    assert response.status_code == 200, response.content
    practitioner.refresh_from_db()
    assert practitioner.team == other_team


def test_rate_limited_per_token(client, token, monkeypatch):
    monkeypatch.setattr(scim_auth, "RATE_LIMIT_PER_MINUTE", 3)
    codes = [
        call(client, "get", "ServiceProviderConfig", token).status_code
        for _ in range(5)
    ]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


def test_supervision_of_the_leaver_is_not_current_any_more(
    client, token, supervisor, practitioner, supervision
):
    call(client, "delete", f"Users/{supervisor.pk}", token)
    from portfolio.people.selectors import current_supervisions

    assert not current_supervisions().filter(pk=supervision.pk).exists()
    assert Supervision.objects.filter(pk=supervision.pk).exists()
