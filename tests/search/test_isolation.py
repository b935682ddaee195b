"""Who may find what, on both backends, proven with canary strings: no hit,
count, facet or highlight may reveal another person's text."""

import datetime

from django.utils import timezone

import pytest

from portfolio.people.models import Supervision
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db

COMMON = "assessment"


@pytest.fixture
def portfolios(practitioner, other_practitioner, supervisor, supervision):
    """The practitioner (supervised by the supervisor) and another
    practitioner, each with entries in every state; all mention COMMON."""

    def entry(owner, canary, **fields):
        return EntryFactory(
            owner=owner,
            title=f"{canary} {COMMON}",
            description=f"Notes on the {COMMON}: {canary}.",
            **fields,
        )

    return {
        "draft": entry(practitioner, "canarydraftzq", state="draft"),
        "private": entry(practitioner, "canaryprivatezq", state="complete"),
        "shared": entry(
            practitioner,
            "sharedpublishedzq",
            state="complete",
            shared_with_supervisors=True,
            cpd_type="course",
        ),
        "reviewed": entry(
            practitioner,
            "reviewsentzq",
            state="complete",
            review_state="waiting",
            review_requested_at=timezone.now(),
        ),
        "shared_draft": entry(
            practitioner,
            "canarysharedraftzq",
            state="draft",
            shared_with_supervisors=True,
        ),
        "other": entry(
            other_practitioner,
            "canaryotherzq",
            state="complete",
            shared_with_supervisors=True,
            cpd_type="conference",
            activity_date=datetime.date(2021, 5, 1),
        ),
    }


def _leaks(results, canary: str) -> list[str]:
    found = []
    for hit in results.hits:
        if canary in hit.title.lower() or canary in hit.snippet.lower():
            found.append(hit.title)
    return found


CANARIES = ("canarydraftzq", "canaryprivatezq", "canarysharedraftzq", "canaryotherzq")


@pytest.mark.parametrize("canary", CANARIES)
def test_a_supervisor_finds_no_trace_of_what_was_not_shared(
    backend, supervisor, portfolios, find, canary
):
    results = find(supervisor, canary)
    assert results.total == 0
    assert results.hits == []
    assert all(values == [] for values in results.facets.values())


def test_a_supervisor_sees_only_shared_complete_entries_of_supervisees(
    backend, supervisor, portfolios, find
):
    results = find(supervisor, COMMON)
    ids = {hit.object_id for hit in results.hits}
    assert ids == {portfolios["shared"].pk, portfolios["reviewed"].pk}
    assert results.total == 2
    # The other practitioner's conference and 2021 are not even counted.
    assert "entry:conference" not in dict(results.facets["type"])
    assert "2021" not in dict(results.facets["year"])
    for canary in CANARIES:
        assert _leaks(results, canary) == []


def test_a_practitioner_sees_all_their_own_and_nobody_elses(
    backend, practitioner, other_practitioner, portfolios, find
):
    mine = find(practitioner, COMMON, page_size=20)
    assert {hit.object_id for hit in mine.hits} == {
        portfolios[key].pk
        for key in ("draft", "private", "shared", "reviewed", "shared_draft")
    }
    assert _leaks(mine, "canaryotherzq") == []
    theirs = find(other_practitioner, COMMON, page_size=20)
    assert {hit.object_id for hit in theirs.hits} == {portfolios["other"].pk}
    assert find(other_practitioner, "canaryprivatezq").total == 0


def test_another_teams_supervisor_finds_nothing(
    backend, other_team_supervisor, portfolios, find
):
    results = find(other_team_supervisor, COMMON)
    assert results.total == 0 and results.hits == []
    assert all(values == [] for values in results.facets.values())


def test_ending_the_supervision_hides_everything_on_the_next_search(
    backend, supervisor, supervision, portfolios, find
):
    assert find(supervisor, "sharedpublishedzq").total == 1
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    assert find(supervisor, "sharedpublishedzq").total == 0
    assert find(supervisor, COMMON).total == 0


def test_a_deactivated_supervisee_is_hidden(
    backend, supervisor, practitioner, portfolios, find
):
    practitioner.is_active = False
    practitioner.save()
    assert find(supervisor, COMMON).total == 0


def test_a_new_supervisor_does_not_inherit_an_old_review_request(
    backend, practitioner, other_team_supervisor, find
):
    requested = timezone.now() - datetime.timedelta(days=60)
    old_review = EntryFactory(
        owner=practitioner,
        title="Old review zqold",
        state="complete",
        review_state="confirmed",
        review_requested_at=requested,
    )
    other_team_supervisor.team = practitioner.team
    other_team_supervisor.save()
    Supervision.objects.create(
        organisation=practitioner.organisation,
        supervisor=other_team_supervisor,
        supervisee=practitioner,
        kind="line_manager",
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    assert find(other_team_supervisor, "zqold").total == 0
    old_review.review_requested_at = timezone.now()
    old_review.save()
    assert find(other_team_supervisor, "zqold").total == 1


def test_signed_out_people_find_nothing(backend, portfolios, find):
    from django.contrib.auth.models import AnonymousUser

    assert find(AnonymousUser(), COMMON).total == 0


def test_withdrawing_a_shared_entry_hides_it_on_the_next_search(
    backend, practitioner, supervisor, portfolios, find
):
    from portfolio.supervision.services import entry_share

    assert find(supervisor, "sharedpublishedzq").total == 1
    entry_share(owner=practitioner, entry=portfolios["shared"], shared=False)
    assert find(supervisor, "sharedpublishedzq").total == 0
    entry_share(owner=practitioner, entry=portfolios["shared"], shared=True)
    assert find(supervisor, "sharedpublishedzq").total == 1
