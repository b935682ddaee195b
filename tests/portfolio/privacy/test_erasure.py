"""Erasure on request, proven by a canary: a word put in every field and file
that holds the person's data is found nowhere afterwards — not in any row of
any PostgreSQL table, not in any file of the private store (ZIPs opened), not
in any Elasticsearch document — and the person's session is gone."""

import io
import json
import zipfile

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping, private_storage
from portfolio.exports.orphans import stored_names
from portfolio.people.services import staff_member_set_active
from portfolio.privacy.models import ErasureState, LegalHold
from portfolio.privacy.services import erasure_approve, erasure_request
from portfolio.privacy.services.erasure import (
    MSG_ACTIVE,
    MSG_HELD,
    MSG_SAME_ADMIN,
    _scrubbed,
)
from tests.auth import sign_in
from tests.factories.portfolio import AttachmentFactory, EntryFactory, UserFactory

CANARY = "zqcanary7f3e"

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def second_admin(organisation):
    from tests.conftest import _with_mfa

    return _with_mfa(
        UserFactory(
            organisation=organisation,
            team=None,
            is_org_admin=True,
            email="kim@example.org",
        )
    )


@pytest.fixture
def canary_person(
    search_index,
    organisation,
    team,
    supervisor,
    shipped_frameworks,
    client,
    django_capture_on_commit_callbacks,
):
    """A leaver whose every field (and file) carries the canary."""
    from portfolio.exports.services import export_request_portable
    from portfolio.notifications.services import notification_create
    from portfolio.people.models import Supervision
    from tests.auth import sign_in

    person = UserFactory(
        organisation=organisation,
        team=team,
        first_name=CANARY.capitalize(),
        last_name="Pemberton-Quayle",
        email=f"{CANARY}@example.org",
    )
    sign_in(client, person)
    text = f"{CANARY} was here"
    with django_capture_on_commit_callbacks(execute=True):
        entry = EntryFactory(
            owner=person,
            state="complete",
            title=text,
            description=text,
            learning=text,
            impact=text,
            peer_reflection=text,
            peer_role=text,
            reflective_model="gibbs",
        )
        entry.stages.create(stage="description", text=text)
        EntryMapping.objects.create(
            entry=entry, item=item_by_reference("pcf@2018:6"), justification=text
        )
        AttachmentFactory(
            entry=entry,
            original_name=f"{CANARY}.txt",
            file__data=f"Certificate for {CANARY}.".encode(),
        )
        supervision = Supervision.objects.create(
            organisation=organisation,
            supervisor=supervisor,
            supervisee=person,
            kind="line_manager",
            starts_on=timezone.localdate(),
        )
        supervision.sessions.create(
            held_on=timezone.localdate(), minutes=60, kind="individual", topics=text
        )
        notification_create(recipient=person, text=text, link="/portfolio/")
        export_request_portable(owner=person)
    return person


def _rows_with_canary() -> list[str]:
    """Every table of the database whose rows, as text, hold the canary."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" AS t WHERE t::text ILIKE %s',  # noqa: S608
                [f"%{CANARY}%"],
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def _files_with_canary() -> list[str]:
    """Every file in the private store (the file system or the S3 bucket,
    whichever the settings use), ZIPs opened."""
    storage = private_storage()
    found = []
    for name in stored_names(storage, ""):
        with storage.open(name, "rb") as handle:
            data = handle.read()
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(member) for member in archive.namelist())
        if CANARY.encode() in data.lower():
            found.append(name)
    return found


def _documents_with_canary(prefix: str) -> int:
    from search.connection import get_client

    client = get_client()
    client.indices.refresh(index=f"{prefix}*")
    # Every document, read back whole: the canary in any field counts.
    hits = client.search(index=f"{prefix}*", query={"match_all": {}}, size=1000)
    return sum(CANARY in str(hit["_source"]).lower() for hit in hits["hits"]["hits"])


@pytest.mark.elasticsearch
def test_erasure_leaves_the_canary_nowhere(
    canary_person,
    org_admin,
    second_admin,
    search_index,
    django_capture_on_commit_callbacks,
):
    from search.services import index_replay

    index_replay(limit=1000)
    # The canary is everywhere before.
    tables = _rows_with_canary()
    assert {"portfolio_entry", "portfolio_user", "portfolio_attachment"} <= set(tables)
    assert _files_with_canary()
    assert _documents_with_canary(search_index) >= 1
    assert Session.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        staff_member_set_active(
            changed_by=org_admin, member=canary_person, active=False
        )
    # Deactivation ends their sessions; the leaver signs in again within the
    # grace period (to take their portfolio), so erasure has one to end.
    assert Session.objects.count() == 0
    sign_in(Client(), canary_person)
    assert Session.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        request = erasure_request(
            requested_by=org_admin, subject=canary_person, reason="Asked in writing."
        )
    with django_capture_on_commit_callbacks(execute=True):
        done = erasure_approve(approved_by=second_admin, request_id=request.pk)

    assert done.state == ErasureState.DONE
    assert done.report["portfolio.Entry"] == 1
    assert done.report["sessions"] == 1
    assert _rows_with_canary() == []
    assert _files_with_canary() == []
    assert _documents_with_canary(search_index) == 0
    assert Session.objects.count() == 0


def test_the_admin_who_asked_cannot_approve(canary_person, org_admin):
    staff_member_set_active(changed_by=org_admin, member=canary_person, active=False)
    request = erasure_request(requested_by=org_admin, subject=canary_person, reason="x")
    with pytest.raises(ValidationError) as refused:
        erasure_approve(approved_by=org_admin, request_id=request.pk)
    assert refused.value.messages == [MSG_SAME_ADMIN]


def test_a_legal_hold_stops_erasure(canary_person, org_admin, second_admin):
    staff_member_set_active(changed_by=org_admin, member=canary_person, active=False)
    LegalHold.objects.create(
        person=canary_person, reason="Tribunal", placed_by=org_admin
    )
    request = erasure_request(requested_by=org_admin, subject=canary_person, reason="x")
    with pytest.raises(ValidationError) as refused:
        erasure_approve(approved_by=second_admin, request_id=request.pk)
    assert refused.value.messages == [MSG_HELD]
    assert canary_person.entries.count() == 1


def test_a_request_lapses_when_the_person_is_reactivated(
    canary_person, org_admin, second_admin
):
    staff_member_set_active(changed_by=org_admin, member=canary_person, active=False)
    request = erasure_request(requested_by=org_admin, subject=canary_person, reason="x")
    staff_member_set_active(changed_by=org_admin, member=canary_person, active=True)
    with pytest.raises(ValidationError) as refused:
        erasure_approve(approved_by=second_admin, request_id=request.pk)
    assert refused.value.messages == [MSG_ACTIVE]
    assert canary_person.entries.count() == 1


def test_a_name_with_accents_is_scrubbed_from_json_too():
    identifiers = ["Siân Hughes", "Siân"]
    scrubbed = _scrubbed({"first_name": "Siân", "note": "Siân Hughes"}, identifiers)
    assert "Siân" not in json.dumps(scrubbed, ensure_ascii=False)


def test_only_their_organisations_admins_may_ask(
    canary_person, org_admin, other_org_admin, supervisor
):
    staff_member_set_active(changed_by=org_admin, member=canary_person, active=False)
    for someone in (other_org_admin, supervisor, canary_person):
        with pytest.raises(PermissionDenied):
            erasure_request(requested_by=someone, subject=canary_person, reason="x")


def test_erasing_a_supervisor_keeps_their_supervisees_records(
    supervision_session, supervisor, org_admin, second_admin
):
    from portfolio.privacy.services import person_erase
    from portfolio.supervision.models import SupervisionSession

    person_erase(person=supervisor)
    session = SupervisionSession.objects.get(pk=supervision_session.pk)
    assert session.topics == "Workload and a complex assessment."
    supervisor.refresh_from_db()
    assert supervisor.email.endswith("@erased.invalid")
    assert str(session.supervision.supervisor) == supervisor.email
