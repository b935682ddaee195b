"""Supervision relationships, sharing, reviews, sessions and the audit trail."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from portfolio.evidence.models import AccessEvent
from portfolio.evidence.selectors import coverage_heatmap, entry_get
from portfolio.evidence.services import entry_save
from portfolio.notifications.models import Notification
from portfolio.supervision import services
from portfolio.supervision.models import ReviewDecision
from portfolio.supervision.selectors import (
    review_queue,
    supervision_due_list,
    supervision_interval,
)
from tests.factories.portfolio import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_org_admin_sets_up_supervision_within_their_organisation(
    org_admin, supervisor, practitioner, other_org_admin
):
    supervision = services.supervision_start(
        created_by=org_admin,
        supervisor=supervisor,
        supervisee=practitioner,
        kind="practice_supervisor",
        starts_on=timezone.localdate(),
    )
    assert supervision.organisation == practitioner.organisation
    with pytest.raises(PermissionDenied):
        services.supervision_start(
            created_by=other_org_admin,
            supervisor=supervisor,
            supervisee=practitioner,
            kind="line_manager",
            starts_on=timezone.localdate(),
        )


def test_only_a_supervisor_may_supervise_and_nobody_themselves(
    org_admin, practitioner, other_practitioner, supervisor
):
    with pytest.raises(ValidationError, match="supervisor role"):
        services.supervision_start(
            created_by=org_admin,
            supervisor=other_practitioner,
            supervisee=practitioner,
            kind="line_manager",
            starts_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError, match="themselves"):
        services.supervision_start(
            created_by=org_admin,
            supervisor=supervisor,
            supervisee=supervisor,
            kind="line_manager",
            starts_on=timezone.localdate(),
        )


def test_a_supervisor_sees_shared_complete_entries_only(
    supervision, supervisor, practitioner
):
    draft = EntryFactory(owner=practitioner, shared_with_supervisors=True)
    private = EntryFactory(owner=practitioner, state="complete")
    shared = EntryFactory(
        owner=practitioner, state="complete", shared_with_supervisors=True
    )
    visible = {
        e.pk
        for e in [draft, private, shared]
        if entry_get(fetched_by=supervisor, pk=e.pk)
    }
    assert visible == {shared.pk}
    # Seeing is not changing.
    assert entry_get(fetched_by=supervisor, pk=shared.pk, action="change") is None


def test_access_ends_with_the_relationship(
    supervision, supervisor, shared_entry, org_admin, time_machine
):
    assert entry_get(fetched_by=supervisor, pk=shared_entry.pk)
    services.supervision_end(
        ended_by=org_admin, supervision=supervision, ends_on=timezone.localdate()
    )
    assert entry_get(
        fetched_by=supervisor, pk=shared_entry.pk
    )  # until the end of that day
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    assert entry_get(fetched_by=supervisor, pk=shared_entry.pk) is None
    assert not review_queue(reviewer=supervisor).exists()


def test_a_supervisor_of_another_team_sees_nothing(other_team_supervisor, shared_entry):
    assert entry_get(fetched_by=other_team_supervisor, pk=shared_entry.pk) is None
    with pytest.raises(PermissionDenied):
        services.review_decide(
            reviewer=other_team_supervisor, entries=[shared_entry], kind="confirmed"
        )


def test_sharing_needs_a_complete_entry(practitioner):
    with pytest.raises(ValidationError, match="Complete the entry"):
        services.entry_request_review(
            owner=practitioner, entry=EntryFactory(owner=practitioner)
        )


def test_review_round_trip_records_decisions_notifies_and_confirms(
    supervisor, practitioner, shared_entry
):
    assert list(review_queue(reviewer=supervisor)) == [shared_entry]
    with pytest.raises(ValidationError, match="Say what needs to change"):
        services.review_decide(
            reviewer=supervisor, entries=[shared_entry], kind="changes_requested"
        )
    services.review_decide(
        reviewer=supervisor,
        entries=[shared_entry],
        kind="changes_requested",
        text="Say more about the impact on the family.",
    )
    shared_entry.refresh_from_db()
    assert shared_entry.review_state == "changes_requested"
    assert not review_queue(reviewer=supervisor).exists()
    assert Notification.objects.filter(
        recipient=practitioner, text__contains="asked for changes"
    ).exists()

    # The practitioner fixes it: completing again puts it back in the queue.
    values = {
        name: getattr(shared_entry, name)
        for name in (
            "title",
            "activity_date",
            "cpd_type",
            "hours",
            "description",
            "learning",
        )
    }
    entry_save(
        saved_by=practitioner,
        entry=shared_entry,
        values={
            **values,
            "impact": "The family now gets a written plan after each visit.",
        },
        complete=True,
    )
    assert list(review_queue(reviewer=supervisor)) == [shared_entry]

    services.review_decide(
        reviewer=supervisor, entries=[shared_entry], kind="confirmed"
    )
    shared_entry.refresh_from_db()
    assert shared_entry.review_state == "confirmed"
    assert shared_entry.mappings.get().confirmed_by == supervisor
    kinds = list(
        ReviewDecision.objects.filter(entry=shared_entry).values_list(
            "kind", "reviewer"
        )
    )
    assert kinds == [("changes_requested", supervisor.pk), ("confirmed", supervisor.pk)]
    coverage = coverage_heatmap(user=practitioner)
    row = next(row for row in coverage.rows if row.domain.code == "6")
    assert sum(cell.confirmed for cell in row.cells) == 0  # mapped without a level
    assert (
        AccessEvent.objects.filter(
            owner=practitioner, viewer=supervisor, action="reviewed"
        ).count()
        == 2
    )


def test_several_entries_can_be_confirmed_at_once(
    supervisor, practitioner, supervision
):
    entries = [
        EntryFactory(
            owner=practitioner,
            state="complete",
            review_state="waiting",
            review_requested_at=timezone.now(),
            title=f"E{n}",
        )
        for n in range(3)
    ]
    services.review_decide(reviewer=supervisor, entries=entries, kind="confirmed")
    assert not review_queue(reviewer=supervisor).exists()


def test_a_practitioner_cannot_review_their_own_entry(practitioner, shared_entry):
    with pytest.raises(PermissionDenied):
        services.review_decide(
            reviewer=practitioner, entries=[shared_entry], kind="confirmed"
        )


def test_only_the_supervisor_writes_the_private_note(
    supervision, supervisor, practitioner
):
    values = {
        "held_on": timezone.localdate(),
        "minutes": 90,
        "kind": "individual",
        "supervisor_note": "Private",
    }
    assert (
        services.session_record(
            recorded_by=supervisor, supervision=supervision, values=values
        ).supervisor_note
        == "Private"
    )
    assert (
        services.session_record(
            recorded_by=practitioner, supervision=supervision, values=values
        ).supervisor_note
        == ""
    )
    with pytest.raises(PermissionDenied):
        services.session_record(
            recorded_by=UserFactory(organisation=practitioner.organisation),
            supervision=supervision,
            values=values,
        )


def test_a_session_becomes_a_draft_entry_without_the_private_note(
    supervision_session, practitioner
):
    entry = services.session_to_entry(user=practitioner, session=supervision_session)
    assert entry.owner == practitioner and entry.state == "draft"
    assert entry.cpd_type == "supervision" and entry.hours == 1.5
    assert "Private" not in f"{entry.description}{entry.impact}{entry.learning}"


def test_a_session_entry_is_saved_like_any_other_entry(
    supervision_session, practitioner
):
    """Through evidence's entry_save, whose rules hold: a session too short to
    count as CPD time leaves the hours for the person to fill in."""
    supervision_session.minutes = 10
    supervision_session.save()
    short = services.session_to_entry(user=practitioner, session=supervision_session)
    assert short.hours is None and short.state == "draft"


@pytest.mark.parametrize(
    ("days_in_practice", "interval"),
    [(10, 7), (60, 14), (400, 30), (None, 30)],
)
def test_supervision_frequency_follows_the_lga_standard(
    practitioner, days_in_practice, interval
):
    today = datetime.date(2026, 11, 26)
    practitioner.started_practice_on = (
        today - datetime.timedelta(days=days_in_practice) if days_in_practice else None
    )
    assert supervision_interval(supervisee=practitioner, on=today).days == interval


def test_overdue_supervision_is_flagged(supervision, practitioner):
    practitioner.started_practice_on = None
    practitioner.save()
    supervision.starts_on = timezone.localdate() - datetime.timedelta(days=40)
    supervision.save()
    due = supervision_due_list(
        supervisions=type(supervision).objects.all(), today=timezone.localdate()
    )
    assert due[0].overdue  # 40 days without supervision: monthly was due
    supervision.sessions.create(
        held_on=timezone.localdate(), minutes=90, kind="individual"
    )
    due = supervision_due_list(
        supervisions=type(supervision).objects.all(), today=timezone.localdate()
    )
    assert not due[0].overdue


def test_nobody_records_a_session_once_the_supervision_has_ended(
    supervision, supervisor, practitioner
):
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    values = {"held_on": timezone.localdate(), "minutes": 90, "kind": "individual"}
    for party in (supervisor, practitioner):
        with pytest.raises(PermissionDenied):
            services.session_record(
                recorded_by=party, supervision=supervision, values=values
            )


def test_an_ended_supervisions_session_no_longer_becomes_an_entry(
    supervision, supervision_session, practitioner
):
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    with pytest.raises(PermissionDenied):
        services.session_to_entry(user=practitioner, session=supervision_session)
