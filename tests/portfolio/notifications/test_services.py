"""Recording and delivering dispatches: once, to the right person, never with
entry text in the email; the sweep and the failure record."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from jobs.services import job_sweep
from portfolio.notifications.models import Dispatch, EmailOptOut
from portfolio.notifications.services import (
    dispatch_deliver,
    dispatch_record,
    email_preferences_set,
)
from portfolio.supervision.services import entry_request_review, review_decide
from tests.portfolio.notifications.outbox import FAILING_DOMAIN

pytestmark = pytest.mark.django_db


def _record(recipient, key="k", **extra):
    return dispatch_record(
        kind="renewal", recipient=recipient, key=key, text="Do this.", **extra
    )


def test_a_dispatch_is_recorded_once_per_key_with_its_notification(practitioner):
    first = _record(practitioner)
    assert _record(practitioner) is None
    assert Dispatch.objects.count() == 1
    assert practitioner.notifications.get() == first.notification


def test_delivering_twice_sends_one_email(practitioner):
    dispatch = _record(practitioner)
    assert dispatch_deliver(dispatch_id=dispatch.pk).status == "sent"
    assert dispatch_deliver(dispatch_id=dispatch.pk) is None
    assert len(mail.outbox) == 1
    dispatch.refresh_from_db()
    assert dispatch.emailed and dispatch.attempts == 1


def test_nothing_is_recorded_for_a_deactivated_person(deactivated):
    assert _record(deactivated) is None
    assert not deactivated.notifications.exists()


def test_a_kind_turned_off_is_shown_in_the_portal_but_not_emailed(practitioner):
    email_preferences_set(user=practitioner, unwanted={"renewal", "nonsense"})
    assert list(EmailOptOut.objects.values_list("kind", flat=True)) == ["renewal"]
    dispatch = _record(practitioner)
    dispatch_deliver(dispatch_id=dispatch.pk)
    dispatch.refresh_from_db()
    assert dispatch.status == "sent" and not dispatch.emailed
    assert mail.outbox == []
    assert practitioner.notifications.count() == 1


def test_review_emails_carry_no_entry_text(
    practitioner, supervisor, supervision, django_capture_on_commit_callbacks
):
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(
        owner=practitioner, state="complete", title="Visit to the Smith family"
    )
    with django_capture_on_commit_callbacks(execute=True):
        entry_request_review(owner=practitioner, entry=entry)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            reviewer=supervisor, entries=[entry], kind="comment", text="CANARY-COMMENT"
        )
    assert [m.to for m in mail.outbox] == [[supervisor.email], [practitioner.email]]
    for message in mail.outbox:
        content = message.subject + message.body
        for private in (
            entry.title,
            entry.learning,
            entry.peer_reflection,
            "CANARY-COMMENT",
        ):
            assert private not in content
    # The portal, behind a login, names the entry.
    assert "Visit to the Smith family" in supervisor.notifications.get().text


def test_the_sweep_requeues_what_was_lost_and_gives_up_eventually(
    practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        lost = _record(practitioner, key="lost")  # its task never ran
        stuck = _record(practitioner, key="stuck")
    Dispatch.objects.filter(pk=stuck.pk).update(attempts=Dispatch.job_max_attempts)
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert job_sweep(Dispatch, now=timezone.now()) == 0  # not stale yet
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(Dispatch, now=later) == 1
    lost.refresh_from_db()
    stuck.refresh_from_db()
    assert lost.status == "sent" and len(mail.outbox) == 1
    assert stuck.status == "failed"


def test_a_delivery_that_crashes_is_recorded_as_failed(
    organisation, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    from tests.factories.portfolio import UserFactory

    settings.EMAIL_BACKEND = "tests.portfolio.notifications.outbox.AppendingBackend"
    monkeypatch.setenv("PORTFOLIO_TEST_OUTBOX", str(tmp_path / "outbox"))
    doomed = UserFactory(organisation=organisation, email=f"a{FAILING_DOMAIN}")
    fine = UserFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        bad = _record(doomed, key="bad")
        good = _record(fine, key="good")
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == "failed" and "Recipient refused" in bad.error
    assert good.status == "sent"


def test_an_export_shows_its_progress_and_tells_its_owner_once_ready(
    signed_in, practitioner, entry, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from portfolio.exports.services import (
        export_build,
        export_progress_set,
        export_request,
    )

    with django_capture_on_commit_callbacks(execute=False):
        export = export_request(
            owner=practitioner,
            kind="zip",
            period_start=datetime.date(2020, 1, 1),
            period_end=timezone.localdate(),
        )
    export_progress_set(export_id=export.pk, percent=40)
    client = signed_in(practitioner)
    page = client.get(reverse("portfolio:export_list")).content.decode()
    assert "Being prepared: 40% done" in page
    with django_capture_on_commit_callbacks(execute=True):
        export_build(export_id=export.pk)
    assert export_build(export_id=export.pk) is None  # built once only
    ready = Dispatch.objects.get(kind="export_ready")
    assert ready.recipient == practitioner and ready.status == "sent"
    [email] = mail.outbox
    assert "ZIP export is ready" in email.subject
    assert "Download" in client.get(reverse("portfolio:export_list")).content.decode()


def test_export_progress_is_readable_by_its_requester_only(
    signed_in, practitioner, other_practitioner, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from portfolio.exports.services import export_progress_set, export_request

    with django_capture_on_commit_callbacks(execute=False):
        export = export_request(
            owner=practitioner,
            kind="pdf",
            period_start=datetime.date(2020, 1, 1),
            period_end=timezone.localdate(),
        )
    export_progress_set(export_id=export.pk, percent=80)
    url = reverse("portfolio:export_status")
    mine = signed_in(practitioner).get(url).json()
    assert mine == {"exports": [{"id": export.pk, "status": "pending", "progress": 80}]}
    assert signed_in(other_practitioner).get(url).json() == {"exports": []}
