"""The database backend reuses the compiled SQL of "what may this person see"
(search.backends.database._VISIBLE_SQL, issue #15). These prove the reuse
happens and never serves a stale answer: whatever changes between two
searches shows (or hides) on the very next one."""

import datetime

from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping
from portfolio.people.models import Supervision
from search.backends import database
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db

WORD = "zqfresh"


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.ELASTICSEARCH_URL = ""


def _ids(results):
    return {hit.object_id for hit in results.hits}


def _cached_for(user) -> list[tuple]:
    return [key for key in database._VISIBLE_SQL if key[2] and key[2][0] == user.pk]


def test_the_visibility_sql_is_reused_for_the_same_person(practitioner, find):
    EntryFactory(owner=practitioner, title=f"First {WORD}")
    find(practitioner, WORD)
    cached = _cached_for(practitioner)
    assert cached
    find(practitioner, WORD)
    assert _cached_for(practitioner) == cached


def test_a_new_entry_shows_on_the_next_search(practitioner, find):
    first = EntryFactory(owner=practitioner, title=f"First {WORD}")
    assert _ids(find(practitioner, WORD)) == {first.pk}
    second = EntryFactory(owner=practitioner, title=f"Second {WORD}")
    assert _ids(find(practitioner, WORD)) == {first.pk, second.pk}


def test_a_changed_entry_shows_on_the_next_search(practitioner, find):
    entry = EntryFactory(owner=practitioner, title="Nothing to see")
    assert find(practitioner, WORD).total == 0
    entry.title = f"Now about {WORD}"
    entry.save()
    assert _ids(find(practitioner, WORD)) == {entry.pk}


def test_a_new_mapping_shows_under_its_domain_on_the_next_search(practitioner, find):
    entry = EntryFactory(owner=practitioner, title=f"Mapped {WORD}")
    domain = str(item_by_reference("pcf@2018:5").pk)
    assert find(practitioner, WORD, domains=[domain]).total == 0
    EntryMapping.objects.create(entry=entry, item=item_by_reference("pcf@2018:5"))
    results = find(practitioner, WORD, domains=[domain])
    assert _ids(results) == {entry.pk}
    assert dict(results.facets["domains"]) == {domain: 1}


def test_sharing_shows_the_entry_to_the_supervisor_on_the_next_search(
    practitioner, supervisor, supervision, find
):
    from portfolio.supervision.services import entry_share

    entry = EntryFactory(owner=practitioner, title=f"Shared {WORD}", state="complete")
    assert find(supervisor, WORD).total == 0
    entry_share(owner=practitioner, entry=entry, shared=True)
    assert _ids(find(supervisor, WORD)) == {entry.pk}
    entry_share(owner=practitioner, entry=entry, shared=False)
    assert find(supervisor, WORD).total == 0


def test_a_new_supervision_shows_shared_work_and_ending_it_hides_it(
    practitioner, other_team_supervisor, find
):
    entry = EntryFactory(
        owner=practitioner,
        title=f"Shared {WORD}",
        state="complete",
        shared_with_supervisors=True,
    )
    assert find(other_team_supervisor, WORD).total == 0
    supervision = Supervision.objects.create(
        organisation=practitioner.organisation,
        supervisor=other_team_supervisor,
        supervisee=practitioner,
        kind="line_manager",
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    assert _ids(find(other_team_supervisor, WORD)) == {entry.pk}
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    assert find(other_team_supervisor, WORD).total == 0


def test_a_reflection_stage_saved_or_deleted_shows_on_the_next_search(
    practitioner, find
):
    entry = EntryFactory(owner=practitioner, title="A visit")
    stage = entry.stages.create(stage="description", text=f"What happened {WORD}")
    assert _ids(find(practitioner, WORD)) == {entry.pk}
    stage.text = "Nothing of note"
    stage.save()
    assert find(practitioner, WORD).total == 0
    entry.stages.create(stage="analysis", text=f"Why it mattered {WORD}")
    assert _ids(find(practitioner, WORD)) == {entry.pk}
    entry.stages.get(stage="analysis").delete()
    assert find(practitioner, WORD).total == 0


def test_the_kept_document_is_the_one_search_would_build(practitioner):
    from django.db import connection

    from portfolio.evidence.models import Entry
    from portfolio.evidence.search_document import entry_search_vector

    if connection.vendor != "postgresql":
        pytest.skip("documents are kept on PostgreSQL only")
    entry = EntryFactory(owner=practitioner, title=f"Kept {WORD}", learning="Words")
    entry.stages.create(stage="description", text="Reflective supervision")
    row = (
        Entry.objects.filter(pk=entry.pk)
        .annotate(built=entry_search_vector())
        .values("search_document", "built")
        .get()
    )
    assert row["search_document"] and row["search_document"] == row["built"]
