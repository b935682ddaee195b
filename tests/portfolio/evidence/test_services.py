"""Saving, completing and deleting entries."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence import services
from portfolio.evidence.models import Entry, EntryState, MappingChoice
from portfolio.evidence.services import (
    EntryConflict,
    IdentifiersFound,
    entry_delete,
    entry_save,
)
from tests.factories.portfolio import AttachmentFactory, EntryFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "title": "Reading: working with uncertainty",
    "activity_date": datetime.date(2026, 10, 1),
    "cpd_type": "reading_research",
    "hours": Decimal("2"),
    "description": "I read a research summary on analytical assessment.",
    "learning": "Hypotheses should be tested with the family, not just recorded.",
    "impact": "I now list competing explanations in my assessments.",
}


def _mapping(reference="pcf@2018:6", level=None):
    return MappingChoice(item_by_reference(reference), level)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))


def test_a_draft_can_be_saved_half_written(practitioner):
    entry = entry_save(saved_by=practitioner, values={"title": "Half a thought"})
    assert entry.state == EntryState.DRAFT and entry.version == 1


def test_completing_needs_every_answer(practitioner):
    with pytest.raises(ValidationError) as error:
        entry_save(
            saved_by=practitioner,
            values={"title": "Only a title"},
            mappings=[_mapping()],
            complete=True,
        )
    assert set(error.value.message_dict) >= {"activity_date", "learning", "impact"}
    assert not Entry.objects.exists()


def test_completing_needs_a_mapping(practitioner):
    with pytest.raises(ValidationError) as error:
        entry_save(saved_by=practitioner, values=ANSWERS, complete=True)
    assert error.value.message_dict["mappings"] == [services.NO_MAPPING]


def test_a_complete_entry_keeps_its_mappings_and_stages(practitioner):
    entry = entry_save(
        saved_by=practitioner,
        values={**ANSWERS, "reflective_model": "gibbs"},
        stages={"feelings": "Anxious at first.", "not_a_stage": "ignored"},
        mappings=[_mapping("pcf@2018:6"), _mapping("swe-standards@2019:4.3")],
        complete=True,
    )
    assert entry.state == EntryState.COMPLETE and entry.completed_at
    assert dict(entry.stages.values_list("stage", "text")) == {
        "feelings": "Anxious at first."
    }
    assert entry.mappings.count() == 2


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"activity_date": datetime.date(2026, 12, 25)},
            "activity_date",
            services.DATE_IN_FUTURE,
        ),
        ({"hours": Decimal("0.1")}, "hours", services.HOURS_OUT_OF_RANGE),
        ({"hours": Decimal("500")}, "hours", services.HOURS_OUT_OF_RANGE),
    ],
)
def test_bad_values_are_refused_even_in_drafts(practitioner, values, field, message):
    with pytest.raises(ValidationError) as error:
        entry_save(saved_by=practitioner, values=values)
    assert error.value.message_dict[field] == [message]


def test_identifiers_stop_completion_until_fixed_or_confirmed(practitioner):
    values = {**ANSWERS, "learning": "Mrs Dawson at BD7 1AB told me what helped."}
    with pytest.raises(IdentifiersFound) as found:
        entry_save(
            saved_by=practitioner, values=values, mappings=[_mapping()], complete=True
        )
    kinds = {match.kind for match in found.value.matches["learning"]}
    assert {"name", "postcode"} <= kinds
    assert not Entry.objects.exists()

    entry = entry_save(
        saved_by=practitioner,
        values=values,
        mappings=[_mapping()],
        complete=True,
        confirm_anonymised=True,
    )
    assert entry.anonymised_confirmed_at is not None
    # The confirmation holds for that text; editing it asks again.
    entry = entry_save(
        saved_by=practitioner,
        entry=entry,
        values=values,
        mappings=[_mapping()],
        complete=True,
    )
    with pytest.raises(IdentifiersFound):
        entry_save(
            saved_by=practitioner,
            entry=entry,
            values={**values, "impact": "I met Mr Jones again."},
            mappings=[_mapping()],
            complete=True,
        )


def test_an_older_version_cannot_overwrite_a_newer_one(practitioner):
    entry = entry_save(saved_by=practitioner, values={"title": "First"})
    entry_save(
        saved_by=practitioner,
        entry=entry,
        values={"title": "Second"},
        expected_version=1,
    )
    with pytest.raises(EntryConflict):
        entry_save(
            saved_by=practitioner,
            entry=entry,
            values={"title": "Stale"},
            expected_version=1,
        )
    entry.refresh_from_db()
    assert entry.title == "Second"


def test_nobody_else_may_change_an_entry(
    practitioner, other_practitioner, supervisor, org_admin
):
    entry = EntryFactory(owner=practitioner)
    for intruder in (other_practitioner, supervisor, org_admin):
        with pytest.raises(PermissionDenied):
            entry_save(saved_by=intruder, entry=entry, values={"title": "Mine now"})
        with pytest.raises(PermissionDenied):
            entry_delete(entry=entry, deleted_by=intruder)


def test_changing_a_claim_clears_its_supervisor_confirmation(practitioner, supervisor):
    entry = entry_save(
        saved_by=practitioner, values=ANSWERS, mappings=[_mapping()], complete=True
    )
    entry.mappings.update(confirmed_by=supervisor, confirmed_at=timezone.now())
    pcf = item_by_reference("pcf@2018:6").framework
    entry_save(
        saved_by=practitioner,
        entry=entry,
        values=ANSWERS,
        mappings=[_mapping(level=pcf.levels.get(code="asye"))],
        complete=True,
    )
    assert entry.mappings.get().confirmed_at is None


def test_deleting_an_entry_deletes_its_files(
    practitioner, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(entry=EntryFactory(owner=practitioner))
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        entry_delete(entry=attachment.entry, deleted_by=practitioner)
    assert not storage.exists(name)
    assert not Entry.objects.exists()
