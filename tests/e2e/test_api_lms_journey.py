"""A learning system's journey, end to end over real HTTP: the organisation
admin registers it in Chromium (secret shown once), it gets a token from the
token endpoint, posts a completion twice with one Idempotency-Key; the
practitioner finds one draft with the course's prompts, completes it in
Chromium, and the compliance endpoint then reports them complete for the
year."""

import base64
import json
import urllib.error
import urllib.request

from django.utils import timezone

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _call(url, *, method="GET", body=None, headers=None, form=None):
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = "&".join(f"{key}={value}" for key, value in form.items()).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    # The live server, over http on loopback.
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _register_system(page, org_admin) -> tuple[str, str]:
    sign_in_through_pages(page, org_admin)
    page.goto("/api-clients/")
    assert_accessible(page)
    page.get_by_test_id("register-client").click()
    page.get_by_label("Name of the system or app").fill("Northmoor Learning Hub")
    page.get_by_label("A system of the organisation", exact=False).check()
    assert_accessible(page)
    page.get_by_test_id("register").click()
    client_id = page.get_by_test_id("client-id").inner_text()
    secret = page.get_by_test_id("client-secret").inner_text()
    assert_accessible(page)
    # The secret is never shown again.
    page.goto("/api-clients/")
    assert secret not in page.content()
    # The API's documentation renders from the live schema under the CSP.
    page.get_by_role("link", name="Read the API documentation").click()
    page.get_by_text("Record a completed course as a draft CPD entry").first.wait_for(
        state="attached"
    )
    page.context.clear_cookies()
    return client_id, secret


def _token(base, client_id, secret, scope) -> str:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    status, token = _call(
        f"{base}/oauth/token/",
        method="POST",
        form={"grant_type": "client_credentials", "scope": scope.replace(" ", "+")},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert status == 200, token
    return token["access_token"]


def test_a_learning_system_records_a_course_the_practitioner_completes(
    page, live_server, org_admin, practitioner, shipped_frameworks
):
    from capabilities.models import Item
    from portfolio.evidence.models import Entry, EntryState
    from tests.factories.portfolio import EntryFactory

    today = timezone.localdate()
    # Earlier this year: one complete piece with peer reflection.
    EntryFactory(
        owner=practitioner,
        state=EntryState.COMPLETE,
        title="Reading on neglect and the toxic trio",
        learning="How the research frames cumulative harm.",
        activity_date=today,
        completed_at=timezone.now(),
        peer_reflection="My supervisor and I compared two cases.",
    )
    domain = Item.objects.get(
        framework__family="pcf", framework__is_active=True, kind="domain", code="6"
    )

    client_id, secret = _register_system(page, org_admin)
    base = live_server.url
    token = _token(base, client_id, secret, "learning:write compliance:read")
    auth = {"Authorization": f"Bearer {token}"}

    before, figures = _call(f"{base}/api/v1/compliance/people/", headers=auth)
    assert before == 200
    assert not next(r for r in figures if r["person"] == practitioner.pk)["is_met"]

    completion = {
        "person_email": practitioner.email,
        "course_title": "Trauma-informed practice",
        "completed_on": today.isoformat(),
        "hours": "3.5",
        "framework_items": [domain.pk],
        "course_url": "https://lms.example/courses/trauma-informed",
    }
    key = {**auth, "Idempotency-Key": "lms-completion-0001"}
    first = _call(
        f"{base}/api/v1/learning/completions/",
        method="POST",
        body=completion,
        headers=key,
    )
    second = _call(
        f"{base}/api/v1/learning/completions/",
        method="POST",
        body=completion,
        headers=key,
    )
    assert first[0] == second[0] == 201
    assert first[1] == second[1]
    drafts = Entry.objects.filter(owner=practitioner, state=EntryState.DRAFT)
    assert drafts.count() == 1

    sign_in_through_pages(page, practitioner)
    page.goto(f"/portfolio/entries/{drafts.get().pk}/edit/")
    prompts = page.get_by_test_id("reflection-prompts").inner_text()
    assert "What did you learn that you did not know before?" in prompts
    assert page.get_by_label("Title").input_value() == "Trauma-informed practice"
    assert_accessible(page)
    page.get_by_label("What was it, and why is it relevant to your practice?").fill(
        "A day's course on trauma-informed approaches with families."
    )
    page.get_by_label("What did you learn?").fill(
        "How to plan visits so that parents feel safe enough to talk."
    )
    page.get_by_label(
        "What impact has it had on your practice, and on the people you work with?"
    ).fill("I now agree the shape of each visit with the family in advance.")
    page.get_by_test_id("complete").click()
    assert page.get_by_test_id("entry-state").inner_text() == "Complete"
    page.goto("/api-access/")
    assert_accessible(page)

    status, figures = _call(f"{base}/api/v1/compliance/people/", headers=auth)
    mine = next(r for r in figures if r["person"] == practitioner.pk)
    assert status == 200
    assert mine["is_met"] is True and mine["counting"] == 2
