"""The endpoints' behaviour: entries, ETags, idempotency, problem bodies,
completed learning (JSON and xAPI), compliance figures and rate limits."""

from datetime import timedelta

from django.utils import timezone

import pytest

from api.models import IdempotentResponse
from portfolio.evidence.models import Entry, EntryState
from portfolio.people.models import AuditEvent
from tests.api.tokens import token_for

pytestmark = pytest.mark.django_db

ENTRIES = "/api/v1/me/entries/"


def _key(n=1):
    return {"HTTP_IDEMPOTENCY_KEY": f"key-{n}"}


def test_a_draft_is_created_once_for_one_idempotency_key(api, practitioner_token):
    client = api(practitioner_token)
    body = {"title": "Reading on attachment theory", "cpd_type": "reading_research"}
    first = client.post(ENTRIES, body, headers=_key())
    again = client.post(ENTRIES, body, headers=_key())
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Entry.objects.filter(owner=practitioner_token.user).count() == 1
    assert first.json()["state"] == EntryState.DRAFT


def test_a_post_without_an_idempotency_key_is_refused(api, practitioner_token):
    response = api(practitioner_token).post(ENTRIES, {"title": "No key"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Idempotency-Key" in response.json()["errors"]
    assert not Entry.objects.exists()


def test_a_key_reused_for_another_request_is_a_conflict(api, practitioner_token):
    client = api(practitioner_token)
    client.post(ENTRIES, {"title": "One"}, headers=_key())
    response = client.post(ENTRIES, {"title": "Two"}, headers=_key())
    assert response.status_code == 409
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x", "owner": 1}, "owner"),
        ({"title": "x", "state": "complete"}, "state"),
        ({"title": 5 * ["x"]}, "title"),
        ({"title": "<script>alert(1)</script>"}, "title"),
        ({"title": "x", "hours": "lots"}, "hours"),
        ({"title": "x", "activity_date": "2999-01-01"}, "activity_date"),
    ],
)
def test_bad_input_is_a_problem_and_changes_nothing(
    api, practitioner_token, body, field
):
    response = api(practitioner_token).post(ENTRIES, body, headers=_key())
    assert response.status_code == 400, response.json()
    problem = response.json()
    assert problem["status"] == 400 and problem["title"]
    assert field in problem["errors"]
    assert not Entry.objects.exists()
    assert not IdempotentResponse.objects.exists()


def test_a_draft_is_updated_with_if_match_and_a_stale_etag_is_refused(
    api, practitioner_token
):
    client = api(practitioner_token)
    created = client.post(ENTRIES, {"title": "Draft"}, headers=_key())
    url = created["Location"]
    etag = created["ETag"]
    assert client.patch(url, {"title": "No precondition"}).status_code == 428
    updated = client.patch(url, {"title": "Better"}, headers={"HTTP_IF_MATCH": etag})
    assert updated.status_code == 200
    assert updated["ETag"] != etag
    stale = client.patch(url, {"title": "Lost"}, headers={"HTTP_IF_MATCH": etag})
    assert stale.status_code == 412
    assert client.get(url).json()["title"] == "Better"


def test_a_complete_entry_is_not_changed_through_the_api(api, practitioner_token):
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(owner=practitioner_token.user, state=EntryState.COMPLETE)
    response = api(practitioner_token).patch(
        f"{ENTRIES}{entry.pk}/",
        {"title": "Changed"},
        headers={"HTTP_IF_MATCH": f'"v{entry.version}"'},
    )
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.title != "Changed"


def test_another_persons_entry_is_not_found(
    api, practitioner_token, other_practitioner
):
    from tests.factories.portfolio import EntryFactory

    theirs = EntryFactory(owner=other_practitioner, title="Canary 7731")
    response = api(practitioner_token).get(f"{ENTRIES}{theirs.pk}/")
    assert response.status_code == 404
    assert "Canary" not in response.content.decode()
    listed = api(practitioner_token).get(ENTRIES).json()
    assert listed["results"] == []


def test_entries_are_listed_a_page_at_a_time(api, practitioner_token):
    from tests.factories.portfolio import EntryFactory

    EntryFactory.create_batch(5, owner=practitioner_token.user)
    page = api(practitioner_token).get(ENTRIES, {"page_size": 2}).json()
    assert len(page["results"]) == 2 and page["next"]
    seen = {row["id"] for row in page["results"]}
    following = api(practitioner_token).get(page["next"]).json()
    assert seen.isdisjoint(row["id"] for row in following["results"])


def test_no_token_is_a_401_with_a_bearer_challenge(api):
    response = api().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_revoked_and_expired_tokens_are_refused(api, app, practitioner):
    expired = token_for(
        app, user=practitioner, scope="portfolio:read", expires_in=timedelta(seconds=-1)
    )
    assert api(expired).get("/api/v1/me/").status_code == 401
    revoked = token_for(app, user=practitioner, scope="portfolio:read")
    revoked.revoke()
    assert api(revoked).get("/api/v1/me/").status_code == 401


def test_every_use_of_a_token_is_in_the_audit_log(api, practitioner_token):
    api(practitioner_token).get("/api/v1/me/")
    api(practitioner_token).get(f"{ENTRIES}999/")
    uses = AuditEvent.objects.filter(action="api.token_used").order_by("pk")
    assert [use.after["status"] for use in uses] == [200, 404]
    assert uses[0].subject == practitioner_token.user


def test_too_many_requests_get_a_429_with_retry_after(
    api, practitioner_token, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/minute", "token_write": "1/minute"},
    }
    client = api(practitioner_token)
    statuses = [client.get("/api/v1/me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/me/")
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429
    assert response["Content-Type"] == "application/problem+json"


# --- Completed learning --------------------------------------------------------


def _completion(person, **overrides):
    return {
        "person": person.pk,
        "course_title": "Trauma-informed practice",
        "completed_on": timezone.localdate().isoformat(),
        "hours": "3.5",
        **overrides,
    }


def test_a_completion_becomes_one_draft_with_prompts(
    api, system_token, practitioner, shipped_frameworks
):
    from capabilities.models import Item

    domain = Item.objects.filter(framework__family="pcf", kind="domain").first()
    body = _completion(practitioner, framework_items=[domain.pk])
    first = api(system_token).post(
        "/api/v1/learning/completions/", body, headers=_key()
    )
    again = api(system_token).post(
        "/api/v1/learning/completions/", body, headers=_key()
    )
    assert first.status_code == again.status_code == 201, first.json()
    entry = Entry.objects.get(owner=practitioner)
    assert entry.state == EntryState.DRAFT
    assert entry.reflection_prompts and entry.hours == 3.5
    assert list(entry.mappings.values_list("item_id", flat=True)) == [domain.pk]


def test_an_xapi_statement_becomes_the_same_draft(api, system_token, practitioner):
    statement = {
        "actor": {"objectType": "Agent", "mbox": f"mailto:{practitioner.email}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {
            "id": "https://lms.example/courses/42",
            "definition": {"name": {"en-GB": "Court skills"}},
        },
        "result": {"completion": True, "duration": "PT1H30M"},
        "timestamp": timezone.now().isoformat(),
    }
    response = api(system_token).post(
        "/api/v1/learning/xapi/statements/", statement, headers=_key()
    )
    assert response.status_code == 201, response.json()
    entry = Entry.objects.get(owner=practitioner)
    assert (entry.title, entry.hours, entry.source_url) == (
        "Court skills",
        1.5,
        "https://lms.example/courses/42",
    )


def test_a_completion_outside_the_registration_year_changes_nothing(
    api, system_token, practitioner
):
    old = (timezone.localdate() - timedelta(days=400)).isoformat()
    response = api(system_token).post(
        "/api/v1/learning/completions/",
        _completion(practitioner, completed_on=old),
        headers=_key(),
    )
    assert response.status_code == 400
    assert "completed_on" in response.json()["errors"]
    assert not Entry.objects.exists()


def test_another_organisations_system_cannot_record_for_our_people(
    api, other_org_admin, practitioner
):
    from tests.api.tokens import system_client

    theirs, _secret = system_client(other_org_admin)
    token = token_for(theirs, scope="learning:write")
    response = api(token).post(
        "/api/v1/learning/completions/", _completion(practitioner), headers=_key()
    )
    assert response.status_code == 404
    assert not Entry.objects.exists()


def test_compliance_reports_a_person_complete_once_their_year_is_met(
    api, system_token, practitioner
):
    from tests.factories.portfolio import EntryFactory

    today = timezone.localdate()
    for title, peer in (
        ("Reading on neglect", ""),
        ("Court skills workshop", "We talked it through."),
    ):
        EntryFactory(
            owner=practitioner,
            state=EntryState.COMPLETE,
            title=title,
            learning=f"What I learnt from {title}",
            activity_date=today,
            completed_at=timezone.now(),
            peer_reflection=peer,
        )
    rows = api(system_token).get("/api/v1/compliance/people/").json()
    mine = next(row for row in rows if row["person"] == practitioner.pk)
    assert mine["is_met"] is True and mine["counting"] == 2
    assert (mine["appraisal"], mine["supervision"]) == ("not_started", "no_supervisor")


def test_compliance_per_person_follows_supervision_and_appraisal(
    api, system_token, practitioner, signed_appraisal
):
    # The fixture's appraisal covers the registration year ending 30 Nov 2026.
    rows = api(system_token).get("/api/v1/compliance/people/", {"year": 2026}).json()
    mine = next(row for row in rows if row["person"] == practitioner.pk)
    assert mine["appraisal"] == "signed"
    assert mine["supervision"] in ("on_time", "overdue")


def _upload(client, entry, name, content, key=1):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    assert isinstance(client, Client)
    return client.post(
        f"{ENTRIES}{entry.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
        HTTP_AUTHORIZATION=f"Bearer {_upload.token.token}",
        HTTP_IDEMPOTENCY_KEY=f"upload-{key}",
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "notes.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("report.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("empty.txt", b""),
    ],
)
def test_a_file_that_fails_the_upload_checks_is_refused(
    client, practitioner_token, name, content
):
    from portfolio.evidence.models import Attachment
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(owner=practitioner_token.user)
    _upload.token = practitioner_token
    response = _upload(client, entry, name, content)
    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    assert not Attachment.objects.exists()


def test_a_plain_text_file_is_attached_to_a_draft_once(client, practitioner_token):
    from portfolio.evidence.models import Attachment
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(owner=practitioner_token.user)
    _upload.token = practitioner_token
    first = _upload(client, entry, "notes.txt", b"Notes from the session.")
    again = _upload(client, entry, "notes.txt", b"Notes from the session.")
    assert first.status_code == again.status_code == 201, first.json()
    assert Attachment.objects.filter(entry=entry).count() == 1
    listed = api_list = client.get(
        f"{ENTRIES}{entry.pk}/attachments/",
        HTTP_AUTHORIZATION=f"Bearer {practitioner_token.token}",
    ).json()
    assert [row["original_name"] for row in listed] == ["notes.txt"]
    assert api_list == listed
