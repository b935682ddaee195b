"""Issue 14, item 1: the editor's background draft save and "Save and complete"
of a new entry carry the same idempotency key, so they resolve to one row in
whichever order they arrive, and at the same moment, and the completing save
always wins over a late draft save."""

import datetime
import threading
import time
import uuid
from decimal import Decimal

from django.db import connection, transaction

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import Entry, EntryState
from portfolio.evidence.services import (
    ALREADY_COMPLETE,
    EntryConflict,
    MappingChoice,
    entry_save,
)

ANSWERS = {
    "title": "Workshop: analysis in assessments",
    "activity_date": datetime.date.today() - datetime.timedelta(days=2),
    "cpd_type": "course",
    "hours": Decimal("3"),
    "description": "A half-day workshop on analysis and decision-making.",
    "learning": "Hypotheses should be tested with the family.",
    "impact": "My assessments now set out the explanations I considered.",
}
HALF_TYPED = {"title": "Workshop: anal"}


def _complete(user, key):
    return entry_save(
        saved_by=user,
        values=ANSWERS,
        mappings=[MappingChoice(item_by_reference("pcf@2018:6"), None)],
        complete=True,
        idempotency_key=key,
    )


def _autosave(user, key):
    return entry_save(
        saved_by=user, values=HALF_TYPED, autosave=True, idempotency_key=key
    )


def _the_one_entry(user) -> Entry:
    entries = list(Entry.objects.filter(owner=user))
    assert len(entries) == 1, [(e.title, e.state) for e in entries]
    entry = entries[0]
    assert entry.state == EntryState.COMPLETE
    assert entry.title == ANSWERS["title"]
    assert entry.mappings.count() == 1
    return entry


@pytest.mark.django_db
class TestInEitherOrder:
    def test_autosave_first_then_complete_updates_the_draft(self, practitioner):
        key = uuid.uuid4()
        draft = _autosave(practitioner, key)
        completed = _complete(practitioner, key)
        assert completed.pk == draft.pk
        assert _the_one_entry(practitioner).version == 2

    def test_a_late_autosave_does_not_touch_the_completed_entry(self, practitioner):
        key = uuid.uuid4()
        _complete(practitioner, key)
        with pytest.raises(EntryConflict) as conflict:
            _autosave(practitioner, key)
        assert str(conflict.value) == ALREADY_COMPLETE
        assert _the_one_entry(practitioner).version == 1

    def test_a_draft_from_the_same_new_form_does_not_undo_completion(
        self, practitioner
    ):
        key = uuid.uuid4()
        _complete(practitioner, key)
        with pytest.raises(EntryConflict):
            entry_save(saved_by=practitioner, values=HALF_TYPED, idempotency_key=key)
        _the_one_entry(practitioner)

    def test_completing_twice_from_one_form_keeps_one_entry(self, practitioner):
        key = uuid.uuid4()
        _complete(practitioner, key)
        _complete(practitioner, key)
        assert _the_one_entry(practitioner).version == 2

    def test_keys_are_per_owner(self, practitioner, other_practitioner):
        key = uuid.uuid4()
        _autosave(practitioner, key)
        _autosave(other_practitioner, key)
        assert Entry.objects.filter(idempotency_key=key).count() == 2

    def test_autosave_never_changes_a_complete_entry_by_its_address(self, practitioner):
        entry = _complete(practitioner, None)
        with pytest.raises(EntryConflict):
            entry_save(
                saved_by=practitioner, entry=entry, values=HALF_TYPED, autosave=True
            )
        _the_one_entry(practitioner)


def _in_thread(target, results, name):
    def run():
        try:
            results[name] = target()
        except Exception as error:  # noqa: BLE001 - the outcome is the result
            results[name] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestAtTheSameMoment:
    """Real transactions on PostgreSQL, one connection per thread."""

    @pytest.mark.parametrize("first", ["autosave", "complete"])
    def test_the_second_insert_waits_then_updates_or_yields(
        self, practitioner, shipped_frameworks, first
    ):
        key = uuid.uuid4()
        saves = {
            "autosave": lambda: _autosave(practitioner, key),
            "complete": lambda: _complete(practitioner, key),
        }
        second = "complete" if first == "autosave" else "autosave"
        inserted = threading.Event()
        results: dict = {}

        def first_save_held_open():
            # The first request has inserted its row but not committed yet
            # when the second one looks for the key and tries to insert.
            with transaction.atomic():
                saved = saves[first]()
                inserted.set()
                time.sleep(0.6)
            return saved

        def second_save():
            inserted.wait(10)
            started = time.monotonic()
            try:
                return saves[second]()
            finally:
                results["waited"] = time.monotonic() - started

        threads = [
            _in_thread(first_save_held_open, results, first),
            _in_thread(second_save, results, second),
        ]
        for thread in threads:
            thread.join(30)
        # The second save really ran into the first one's uncommitted row.
        assert results["waited"] >= 0.4
        entry = _the_one_entry(practitioner)
        assert results["complete"].pk == entry.pk
        if first == "complete":
            assert isinstance(results["autosave"], EntryConflict)
            assert entry.version == 1
        else:
            assert results["autosave"].pk == entry.pk
            assert entry.version == 2

    def test_released_together_many_times_one_entry_each(
        self, practitioner, shipped_frameworks
    ):
        for _round in range(10):
            key = uuid.uuid4()
            start = threading.Barrier(2)
            results: dict = {}

            def released(save, key=key, start=start):
                start.wait(10)
                return save(practitioner, key)

            threads = [
                _in_thread(lambda: released(_autosave), results, "autosave"),
                _in_thread(lambda: released(_complete), results, "complete"),
            ]
            for thread in threads:
                thread.join(30)
            assert not isinstance(results["complete"], Exception), results
            entries = Entry.objects.filter(owner=practitioner, idempotency_key=key)
            assert [entry.state for entry in entries] == [EntryState.COMPLETE]
            assert entries.get().title == ANSWERS["title"]
