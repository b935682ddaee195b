"""The supervisor's pages read from caches (issue #15) and still show every
change at once: the supervisee page keeps its heatmap rendered under the
supervisee's portfolio version and the relationships that decide what the
supervisor sees, and the appraisal page reads the same cached coverage.

Each test opens the page first, so what it shows is cached, then changes
something the way the portal does, then opens the page again."""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from capabilities.selectors import active_pcf, item_by_reference
from portfolio.evidence.models import MappingChoice
from portfolio.evidence.services import entry_save
from portfolio.people.models import Supervision
from portfolio.supervision.services import (
    entry_request_review,
    entry_share,
    review_decide,
)

pytestmark = pytest.mark.django_db
ANSWERS = {
    "activity_date": datetime.date(2026, 10, 1),
    "cpd_type": "reading_research",
    "hours": Decimal("2"),
    "description": "I read a research summary on analytical assessment.",
    "learning": "Hypotheses should be tested with the family, not just recorded.",
    "impact": "I now list competing explanations in my assessments.",
}


def _entry(owner, title, *, share=True):
    """A complete entry mapped to PCF domain 6 at social worker level, shared
    with the owner's supervisors, saved as the entry form saves it."""
    level = active_pcf().levels.get(code="social-worker")
    entry = entry_save(
        saved_by=owner,
        entry=None,
        values={**ANSWERS, "title": title},
        mappings=[MappingChoice(item_by_reference("pcf@2018:6"), level)],
        complete=True,
        expected_version=None,
    )
    if share:
        entry = entry_share(owner=owner, entry=entry, shared=True)
    return entry


def _domain_6(html: str) -> list[str]:
    """The heatmap row of PCF domain 6, a cell per level: entries mapped, and
    those confirmed in brackets when there are any ("0", "2", "1 (1)")."""
    row = re.search(r'data-testid="heatmap-domain-6">(.*?)</tr>', html, re.S)
    assert row, "no heatmap on the page"
    return [
        cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]


NONE = ["0"] * 9


def _supervisee_page(client, supervision) -> str:
    response = client.get(reverse("supervision:supervisee", args=[supervision.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_entry_shared_after_the_page_was_seen_shows_at_once(
    client, signed_in, supervisor, practitioner, supervision
):
    _entry(practitioner, "First shared reflection")
    signed_in(supervisor)
    before = _supervisee_page(client, supervision)
    assert "1" in _domain_6(before)

    _entry(practitioner, "Second shared reflection")

    after = _supervisee_page(client, supervision)
    assert "2" in _domain_6(after)
    assert "Second shared reflection" in after
    assert "2 entries, newest first." in after


def test_withdrawing_an_entry_takes_it_off_the_heatmap_at_once(
    client, signed_in, supervisor, practitioner, supervision
):
    entry = _entry(practitioner, "Shared, then withdrawn")
    signed_in(supervisor)
    assert "1" in _domain_6(_supervisee_page(client, supervision))

    entry_share(owner=practitioner, entry=entry, shared=False)

    after = _supervisee_page(client, supervision)
    assert _domain_6(after) == NONE
    assert "Shared, then withdrawn" not in after
    assert "Nothing shared yet." in after


def test_a_confirmation_shows_on_the_supervisee_page_at_once(
    client, signed_in, supervisor, practitioner, supervision
):
    entry = _entry(practitioner, "To be confirmed")
    entry_request_review(owner=practitioner, entry=entry)
    signed_in(supervisor)
    assert "1" in _domain_6(_supervisee_page(client, supervision))

    client.post(reverse("supervision:queue"), {"entries": [entry.pk]})

    assert "1 (1)" in _domain_6(_supervisee_page(client, supervision))


def test_an_earlier_relationship_shows_the_reviews_it_covers_at_once(
    client, signed_in, supervisor, practitioner, supervision
):
    """A review asked for before the relationship began is not the new
    supervisor's (the entry policy); a second, older current relationship
    between the same two people brings it in. Nothing about the supervisee's
    entries changed, so only the relationships in the cache's key show it."""
    entry = _entry(practitioner, "Sent for review long ago", share=False)
    entry_request_review(owner=practitioner, entry=entry)
    type(entry).objects.filter(pk=entry.pk).update(
        review_requested_at=timezone.now() - datetime.timedelta(days=60)
    )
    signed_in(supervisor)
    before = _supervisee_page(client, supervision)
    assert "Sent for review long ago" not in before
    assert _domain_6(before) == NONE

    Supervision.objects.create(
        organisation=practitioner.organisation,
        supervisor=supervisor,
        supervisee=practitioner,
        kind="practice_supervisor",
        starts_on=timezone.localdate() - datetime.timedelta(days=90),
    )

    after = _supervisee_page(client, supervision)
    assert "Sent for review long ago" in after
    assert "1" in _domain_6(after)


def test_another_supervisor_never_gets_a_heatmap_cached_for_someone_else(
    client, signed_in, supervisor, other_team_supervisor, practitioner, supervision
):
    """Two supervisors of one person see what each may: a review asked for
    before the second's relationship began counts only for the first."""
    entry = _entry(practitioner, "Reviewed before the second began", share=False)
    entry_request_review(owner=practitioner, entry=entry)
    second = Supervision.objects.create(
        organisation=practitioner.organisation,
        supervisor=other_team_supervisor,
        supervisee=practitioner,
        kind="practice_supervisor",
        starts_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    signed_in(supervisor)
    assert "1" in _domain_6(_supervisee_page(client, supervision))
    second.starts_on = timezone.localdate()
    second.save()
    type(entry).objects.filter(pk=entry.pk).update(
        review_requested_at=timezone.now() - datetime.timedelta(days=2)
    )

    signed_in(other_team_supervisor)
    theirs = _supervisee_page(client, second)
    assert "Reviewed before the second began" not in theirs
    assert _domain_6(theirs) == NONE


def test_the_appraisers_heatmap_shows_a_new_share_at_once(
    client, signed_in, supervisor, practitioner, appraisal
):
    signed_in(supervisor)
    url = reverse("appraisal:detail", args=[appraisal.pk])
    assert _domain_6(client.get(url).content.decode()) == NONE

    _entry(practitioner, "Shared before the appraisal meeting")
    review_decide(
        reviewer=supervisor,
        entries=[practitioner.entries.get()],
        kind="confirmed",
    )

    assert "1 (1)" in _domain_6(client.get(url).content.decode())


def test_the_session_form_keeps_what_was_typed_and_starts_blank_again(
    client, signed_in, supervisor, supervision
):
    """The blank form is kept rendered (issue #15); a form sent back with
    errors is never the kept one, and never kept."""
    signed_in(supervisor)
    url = reverse("supervision:supervisee", args=[supervision.pk])
    blank = client.get(url).content.decode()
    assert 'name="minutes"' in blank and "Talked about caseload" not in blank

    wrong = client.post(
        url, {"minutes": "2", "kind": "individual", "topics": "Talked about caseload"}
    ).content.decode()
    assert "Talked about caseload</textarea>" in wrong
    assert 'value="2"' in wrong
    assert "govuk-error-summary" in wrong

    again = client.get(url).content.decode()
    assert "Talked about caseload" not in again
    assert 'value="2"' not in again
    assert again.count('name="minutes"') == 1
