"""Who may see an entry is written twice: as the database rule of
EntryPermissionPolicy (portfolio/evidence/policies.py) and as the
Elasticsearch query of search/kinds/entries.py (the database search backend
filters by the policy itself). This runs the same canary cases through the
policy and through both search backends and fails if any viewer's answers
differ, so the two rules cannot drift apart unnoticed."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wagtail.permissions import policy_registry

import pytest

from portfolio.evidence.models import Entry
from portfolio.people.models import Supervision
from portfolio.supervision.services import entry_share
from tests.factories.portfolio import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db

#: Every canary entry carries this word, so one search finds all it may.
TOKEN = "agreezq"
DAY = datetime.timedelta(days=1)


def _supervision(supervisor, supervisee, *, started, ended=None):
    return Supervision.objects.create(
        organisation=supervisee.organisation,
        supervisor=supervisor,
        supervisee=supervisee,
        kind="line_manager",
        starts_on=timezone.localdate() - started,
        ends_on=(timezone.localdate() - ended) if ended else None,
    )


@pytest.fixture
def cases(
    practitioner,
    other_practitioner,
    supervisor,
    other_team_supervisor,
    other_organisation,
):
    """The practitioner's current supervisor (for 30 days), a new supervisor
    (for 5 days), and one whose supervision ended 10 days ago; entries in
    every state that decides who sees them."""
    _supervision(supervisor, practitioner, started=30 * DAY)
    new_supervisor = other_team_supervisor
    _supervision(new_supervisor, practitioner, started=5 * DAY)
    ended_supervisor = UserFactory(
        organisation=practitioner.organisation, is_supervisor=True
    )
    _supervision(ended_supervisor, practitioner, started=200 * DAY, ended=10 * DAY)
    # Still on record as supervising, but has since moved organisation.
    moved_supervisor = UserFactory(
        organisation=practitioner.organisation, is_supervisor=True
    )
    _supervision(moved_supervisor, practitioner, started=60 * DAY)
    moved_supervisor.organisation = other_organisation
    moved_supervisor.team = None
    moved_supervisor.save()

    def entry(key, owner=practitioner, **fields):
        return key, EntryFactory(owner=owner, title=f"{key} {TOKEN}", **fields)

    now = timezone.now()
    entries = dict(
        [
            entry("own_draft", state="draft"),
            entry("own_complete", state="complete"),
            entry("shared", state="complete", shared_with_supervisors=True),
            entry("shared_draft", state="draft", shared_with_supervisors=True),
            entry(
                "review_20_days_ago",
                state="complete",
                review_state="waiting",
                review_requested_at=now - 20 * DAY,
            ),
            entry(
                "review_today",
                state="complete",
                review_state="waiting",
                review_requested_at=now,
            ),
            entry(
                "review_before_any_current_supervision",
                state="complete",
                review_state="confirmed",
                review_requested_at=now - 100 * DAY,
            ),
            entry("withdrawn_share", state="complete", shared_with_supervisors=True),
            entry(
                "other_team",
                owner=other_practitioner,
                state="complete",
                shared_with_supervisors=True,
            ),
        ]
    )
    entry_share(owner=practitioner, entry=entries["withdrawn_share"], shared=False)
    return {
        "entries": entries,
        "viewers": {
            "owner": practitioner,
            "current_supervisor": supervisor,
            "new_supervisor": new_supervisor,
            "ended_supervisor": ended_supervisor,
            "moved_supervisor": moved_supervisor,
            "other_practitioner": other_practitioner,
            "signed_out": AnonymousUser(),
        },
    }


def _policy_sees(user, entries) -> set[str]:
    visible = set(
        policy_registry.get_by_type(Entry)
        .instances_user_has_any_permission_for(user, ["view"])
        .filter(pk__in=[entry.pk for entry in entries.values()])
        .values_list("pk", flat=True)
    )
    return {key for key, entry in entries.items() if entry.pk in visible}


def _search_finds(find, user, entries) -> set[str]:
    results = find(user, TOKEN, page_size=50)
    found = {hit.object_id for hit in results.hits if hit.kind == "entry"}
    assert results.total == len(found)  # no hidden entry is even counted
    return {key for key, entry in entries.items() if entry.pk in found}


#: What each viewer must see: proof that the agreement below is not vacuous.
EXPECTED = {
    "owner": {
        "own_draft",
        "own_complete",
        "shared",
        "shared_draft",
        "review_20_days_ago",
        "review_today",
        "review_before_any_current_supervision",
        "withdrawn_share",
    },
    "current_supervisor": {"shared", "review_20_days_ago", "review_today"},
    # A new supervisor sees what is shared, and reviews asked for since they
    # began; never an older review request.
    "new_supervisor": {"shared", "review_today"},
    "ended_supervisor": set(),
    "moved_supervisor": set(),
    "other_practitioner": {"other_team"},
    "signed_out": set(),
}


@pytest.mark.parametrize("viewer", sorted(EXPECTED))
def test_the_policy_and_the_search_agree(backend, cases, find, viewer):
    user, entries = cases["viewers"][viewer], cases["entries"]
    policy = _policy_sees(user, entries)
    search = _search_finds(find, user, entries)
    assert search == policy, f"{backend} search and the policy disagree"
    assert policy == EXPECTED[viewer]


def test_a_deactivated_supervisee_is_hidden_from_both(
    backend, cases, find, practitioner
):
    practitioner.is_active = False
    practitioner.save()
    supervisor = cases["viewers"]["current_supervisor"]
    entries = cases["entries"]
    assert _policy_sees(supervisor, entries) == set()
    assert _search_finds(find, supervisor, entries) == set()
