"""The portable portfolio on PostgreSQL: export a practitioner's full year,
import it as a new person at a fresh organisation, and find every item there
with its mappings, field by field; a second import changes nothing."""

import io
import json
import zipfile

import pytest

from portfolio.evidence.models import Entry
from portfolio.exports.portable import MANIFEST, RECORD, portable_schema
from portfolio.privacy.models import ImportedItem, ImportStatus, PortableImport
from portfolio.privacy.services import portable_import_confirm, portable_import_upload

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ENTRY_FIELDS = (
    "title",
    "activity_date",
    "cpd_type",
    "hours",
    "description",
    "learning",
    "impact",
    "peer_reflection",
    "peer_role",
    "source_url",
    "asye_evidence",
    "reflective_model",
    "state",
)


def _import(owner, data, capture) -> PortableImport:
    upload = portable_import_upload(owner=owner, name="portable.zip", data=data)
    with capture(execute=True):
        portable_import_confirm(owner=owner, import_id=upload.pk)
    upload.refresh_from_db()
    return upload


def _mappings(entry):
    return sorted(
        (
            m.item.framework.family,
            m.item.framework.version,
            m.item.code,
            m.level.code if m.level_id else None,
            m.justification,
        )
        for m in entry.mappings.select_related("item__framework", "level")
    )


def _files(entry):
    found = []
    for attachment in entry.attachments.all():
        with attachment.file.open("rb") as handle:
            found.append(
                (attachment.original_name, attachment.content_type, handle.read())
            )
    return sorted(found)


def test_the_zip_follows_its_schema_and_lists_every_file(portable_zip):
    from jsonschema import Draft202012Validator

    archive = zipfile.ZipFile(io.BytesIO(portable_zip))
    manifest = json.loads(archive.read(MANIFEST))
    record = json.loads(archive.read(RECORD))
    schema = portable_schema()
    for document, definition in ((manifest, "manifest"), (record, "record")):
        Draft202012Validator({**schema, "$ref": f"#/$defs/{definition}"}).validate(
            document
        )
    listed = {item["path"] for item in manifest["files"]}
    assert listed == set(archive.namelist()) - {MANIFEST}
    assert {"portfolio.json", "leap2a.xml", "portfolio.pdf"} <= listed
    # The supervisor's private note never leaves with the supervisee.
    assert record["supervision_sessions"][0]["supervisor_note"] == ""
    assert "Private: seemed tired." not in archive.read(RECORD).decode()


def test_round_trip_brings_every_item_field_by_field(
    practitioner, full_year, portable_zip, newcomer, django_capture_on_commit_callbacks
):
    upload = _import(newcomer, portable_zip, django_capture_on_commit_callbacks)
    assert upload.status == ImportStatus.DONE, upload.error
    originals = {e.title: e for e in Entry.objects.filter(owner=practitioner)}
    arrived = {e.title: e for e in Entry.objects.filter(owner=newcomer)}
    assert set(arrived) == set(originals)
    for title, original in originals.items():
        copy = arrived[title]
        for field in ENTRY_FIELDS:
            assert getattr(copy, field) == getattr(original, field), (title, field)
        assert {s.stage: s.text for s in copy.stages.all()} == {
            s.stage: s.text for s in original.stages.all()
        }
        assert _mappings(copy) == _mappings(original)
        assert _files(copy) == _files(original)
        # Marked as imported, with where from; never confirmed here.
        marker = ImportedItem.objects.get(entry=copy)
        assert marker.source_organisation == "Northmoor Borough Council"
        assert not copy.mappings.filter(confirmed_at__isnull=False).exists()
    confirmed = ImportedItem.objects.get(entry=arrived["Court skills training"])
    assert confirmed.data["confirmations"][0]["organisation"] == (
        "Northmoor Borough Council"
    )
    assert confirmed.data["confirmations"][0]["item"] == "6"

    records = {
        item.kind: item
        for item in ImportedItem.objects.filter(owner=newcomer, entry__isnull=True)
    }
    assert set(records) == {"session", "appraisal", "level_change", "asye"}
    session = records["session"].data
    assert (session["topics"], session["agreed_actions"], session["minutes"]) == (
        "Workload and a complex assessment.",
        "Book a case discussion.",
        90,
    )
    appraisal = records["appraisal"].data
    assert appraisal["objectives"][0]["text"] == "Lead a case discussion."
    assert appraisal["objectives"][0]["domains"] == [
        {"family": "pcf", "version": "2018", "code": "9"}
    ]
    rated = [a for a in appraisal["self_assessment"] if a["rating"] == 3]
    assert rated[0]["commentary"] == "Growing in confidence."
    with records["appraisal"].file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    change = records["level_change"].data
    assert (change["from_level"], change["to_level"]) == (
        "social-worker",
        "experienced-social-worker",
    )
    asye = records["asye"].data
    assert asye["reflection_log"][0]["text"] == "My first month on duty."
    assert asye["reviews"][0]["judgement"] == "On track."


def test_a_second_import_of_the_same_file_changes_nothing(
    full_year, portable_zip, newcomer, django_capture_on_commit_callbacks
):
    _import(newcomer, portable_zip, django_capture_on_commit_callbacks)
    entries = Entry.objects.filter(owner=newcomer).count()
    items = ImportedItem.objects.filter(owner=newcomer).count()
    second = portable_import_upload(
        owner=newcomer, name="portable.zip", data=portable_zip
    )
    assert {e["outcome"] for e in second.preview["entries"]} == {"already_imported"}
    with django_capture_on_commit_callbacks(execute=True):
        portable_import_confirm(owner=newcomer, import_id=second.pk)
    second.refresh_from_db()
    assert second.status == ImportStatus.DONE
    assert second.summary["entries"] == 0
    assert Entry.objects.filter(owner=newcomer).count() == entries == 3
    assert ImportedItem.objects.filter(owner=newcomer).count() == items == 7


def test_the_preview_names_clashes_and_items_missing_here(
    practitioner, full_year, portable_zip, newcomer
):
    # The newcomer already recorded the same training here.
    from tests.factories.portfolio import EntryFactory

    original = full_year[0]
    EntryFactory(
        owner=newcomer, title=original.title, activity_date=original.activity_date
    )
    archive = zipfile.ZipFile(io.BytesIO(portable_zip))
    record = json.loads(archive.read(RECORD))
    record["entries"][1]["mappings"][0]["framework"]["version"] = "2031"
    record["entries"][2]["mappings"][0]["framework"]["family"] = "elsewhere"
    data = rezip(archive, {RECORD: json.dumps(record).encode()})
    upload = portable_import_upload(owner=newcomer, name="p.zip", data=data)
    outcomes = {e["title"]: e["outcome"] for e in upload.preview["entries"]}
    assert outcomes[original.title] == "already_present"
    notes = [m["note"] for m in upload.preview["mappings"]]
    assert "pcf 2031 is not here: 5 is recorded against version 2018." in notes
    assert "elsewhere 2018 9 does not exist here: left out." in notes


def rezip(archive: zipfile.ZipFile, replace: dict, *, fix_manifest=True) -> bytes:
    """The archive with some members replaced (and the manifest's hashes
    brought up to date, unless the test is about a stale manifest)."""
    import hashlib

    members = {name: archive.read(name) for name in archive.namelist()}
    members.update(replace)
    if fix_manifest:
        manifest = json.loads(members[MANIFEST])
        for item in manifest["files"]:
            data = members[item["path"]]
            item["sha256"] = hashlib.sha256(data).hexdigest()
            item["size"] = len(data)
        members[MANIFEST] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def test_an_imported_entry_says_where_from_and_where_it_was_confirmed(
    full_year, portable_zip, newcomer, signed_in, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    _import(newcomer, portable_zip, django_capture_on_commit_callbacks)
    entry = Entry.objects.get(owner=newcomer, title="Court skills training")
    page = signed_in(newcomer).get(reverse("portfolio:entry_detail", args=[entry.pk]))
    text = page.content.decode()
    assert "Imported from your portfolio at Northmoor Borough Council" in text
    assert (
        "Its mapping to 6 was confirmed by a supervisor at Northmoor Borough Council"
    ) in text


def _snapshot(owner) -> dict:
    return {
        entry.title: {
            "fields": {field: getattr(entry, field) for field in ENTRY_FIELDS},
            "stages": {s.stage: s.text for s in entry.stages.all()},
            "mappings": _mappings(entry),
            "files": _files(entry),
        }
        for entry in Entry.objects.filter(owner=owner)
    }


def test_round_trip_into_an_installation_that_never_had_the_source(
    practitioner,
    full_year,
    portable_zip,
    settings,
    django_capture_on_commit_callbacks,
):
    """As if on another installation: the source organisation and everyone in
    it are gone from the database before the import, and the importing portal
    has its own secret key."""
    from portfolio.appraisal.models import Appraisal
    from portfolio.asye.models import AssessedYear
    from portfolio.people.models import Organisation, User
    from tests.factories.portfolio import OrganisationFactory, UserFactory

    before = _snapshot(practitioner)
    AssessedYear.objects.all().delete()
    Appraisal.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.all().delete()
    assert not Entry.objects.exists()
    settings.SECRET_KEY = "another-installation-" + "x" * 40

    organisation = OrganisationFactory(name="Westfold County Council", slug="westfold")
    newcomer = UserFactory(organisation=organisation, email="sam@westfold.gov.uk")
    upload = _import(newcomer, portable_zip, django_capture_on_commit_callbacks)
    assert upload.status == ImportStatus.DONE, upload.error
    assert _snapshot(newcomer) == before
    assert ImportedItem.objects.filter(owner=newcomer).count() == 7


def _stored_files() -> set[str]:
    """The private store's files (file system or bucket), uploads aside."""
    from portfolio.evidence.models import private_storage
    from portfolio.exports.orphans import stored_names

    return {
        name
        for name in stored_names(private_storage(), "")
        if not name.startswith("imports/")
    }


def test_a_file_failing_the_upload_checks_leaves_nothing_half_imported(
    full_year, portable_zip, newcomer, django_capture_on_commit_callbacks
):
    archive = zipfile.ZipFile(io.BytesIO(portable_zip))
    record = json.loads(archive.read(RECORD))
    # The last entry gains a "text file" that is an SVG with a script: the
    # entries before it are written first, then everything must roll back.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    record["entries"][-1]["attachments"] = [
        {
            "path": "attachments/evil",
            "name": "notes.txt",
            "content_type": "text/plain",
            "size": len(svg),
        }
    ]
    manifest = json.loads(archive.read(MANIFEST))
    manifest["files"].append(
        {"path": "attachments/evil", "sha256": "0" * 64, "size": 0}
    )
    data = rezip(
        archive,
        {
            RECORD: json.dumps(record).encode(),
            MANIFEST: json.dumps(manifest).encode(),
            "attachments/evil": svg,
        },
    )
    before = _stored_files()
    upload = _import(newcomer, data, django_capture_on_commit_callbacks)
    assert upload.status == ImportStatus.FAILED
    assert upload.error.startswith(
        "The file “notes.txt” in “Group supervision on risk”"
    )
    assert not Entry.objects.filter(owner=newcomer).exists()
    assert not ImportedItem.objects.filter(owner=newcomer).exists()
    assert _stored_files() == before
