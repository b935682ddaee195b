"""Index operations are recorded with the change, applied once committed, and
replayed by the sweep; applying is idempotent and never goes backwards."""

import os

from django.db import transaction

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import MappingChoice
from portfolio.evidence.services import entry_delete, entry_save
from portfolio.supervision.services import entry_share
from search.connection import get_client
from search.models import IndexOperation
from search.services import index_operation_apply, index_replay
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


def _op(entry_id):
    return IndexOperation.objects.get(kind="entry", object_id=entry_id)


@pytest.fixture
def configured(settings):
    """Elasticsearch configured (the real node when the run has one, else an
    address nobody listens on: recording never talks to the node)."""
    settings.ELASTICSEARCH_URL = os.environ.get(
        "ELASTICSEARCH_URL", "http://127.0.0.1:9"
    )


def test_saving_an_entry_records_one_pending_operation(configured, practitioner):
    entry = entry_save(
        saved_by=practitioner,
        values={"title": "Draft", "description": "Some text."},
        stages={},
        mappings=[MappingChoice(item=item_by_reference("pcf@2018:6"), level=None)],
    )
    op = _op(entry.pk)
    assert op.pending and op.action == "index"
    assert IndexOperation.objects.count() == 1
    version = op.version
    entry_save(saved_by=practitioner, entry=entry, values={"title": "Renamed"})
    assert _op(entry.pk).version > version


def test_a_rolled_back_change_records_nothing_and_enqueues_nothing(
    configured, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            entry_save(saved_by=practitioner, values={"title": "Never saved"})
            raise RuntimeError
    assert not IndexOperation.objects.exists()
    assert callbacks == []


def test_deleting_and_sharing_record_operations(configured, practitioner):
    entry = EntryFactory(owner=practitioner, state="complete")
    IndexOperation.objects.all().delete()
    entry_share(owner=practitioner, entry=entry, shared=True)
    assert _op(entry.pk).pending
    IndexOperation.objects.update(status="done")
    entry_id = entry.pk
    entry_delete(entry=entry, deleted_by=practitioner)
    op = _op(entry_id)
    assert op.pending and op.action == "delete"


def test_without_elasticsearch_nothing_is_recorded(settings, practitioner):
    settings.ELASTICSEARCH_URL = ""
    EntryFactory(owner=practitioner)
    assert not IndexOperation.objects.exists()
    assert index_replay() == 0


@pytest.mark.elasticsearch
def test_the_committed_change_is_applied_by_the_task(
    practitioner, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = entry_save(saved_by=practitioner, values={"title": "Applied zqtask"})
    op = _op(entry.pk)
    assert not op.pending and op.applied_version == op.version
    document = get_client().get(
        index=f"{settings.SEARCH_INDEX_PREFIX}entries", id=f"entry-{entry.pk}"
    )
    assert document["_source"]["title"] == "Applied zqtask"
    assert document["_version"] == op.version


@pytest.mark.elasticsearch
def test_an_older_write_never_overwrites_a_newer_one(practitioner, settings):
    from search.kinds import get_kind
    from search.services import _write

    entry = EntryFactory(owner=practitioner, title="Newest title")
    index_replay()
    newest = _op(entry.pk).version
    entry.title = "Stale title"
    entry.save(update_fields=["title"])
    # A slow worker that read version `newest - 1` writes late: ignored.
    _write(get_kind("entry"), entry.pk, newest - 1 if newest > 1 else 0)
    document = get_client().get(
        index=f"{settings.SEARCH_INDEX_PREFIX}entries", id=f"entry-{entry.pk}"
    )
    assert document["_source"]["title"] == "Newest title"
    # The real op for the change is still pending and wins.
    assert index_operation_apply(kind="entry", object_id=entry.pk)
    document = get_client().get(
        index=f"{settings.SEARCH_INDEX_PREFIX}entries", id=f"entry-{entry.pk}"
    )
    assert document["_source"]["title"] == "Stale title"


@pytest.mark.elasticsearch
def test_the_sweep_applies_everything_pending_once(practitioner):
    entries = [EntryFactory(owner=practitioner) for _ in range(3)]
    assert IndexOperation.objects.filter(status="pending").count() == 3
    assert index_replay() == 3
    assert index_replay() == 0
    assert all(not _op(entry.pk).pending for entry in entries)


@pytest.mark.elasticsearch
def test_erasing_a_person_leaves_no_search_documents(practitioner, settings):
    entries = [
        EntryFactory(owner=practitioner, title="Erased zqerase") for _ in range(2)
    ]
    index_replay()
    client = get_client()
    alias = f"{settings.SEARCH_INDEX_PREFIX}entries"

    def documents_of(person_id):
        query = {"term": {"owner_id": person_id}}
        return client.count(index=alias, query=query)["count"]

    person_id = practitioner.pk
    assert documents_of(person_id) == len(entries)
    practitioner.delete()
    index_replay()
    assert documents_of(person_id) == 0
