"""The daily plan on chosen days: each reminder once, to the right people only."""

import datetime

from django.core import mail

import pytest

from portfolio.notifications.models import Dispatch
from portfolio.reminders.services import reminders_plan
from tests.factories.portfolio import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db

WINDOW_OPENS = datetime.date(2026, 9, 1)
THIRTY_DAYS = datetime.date(2026, 10, 31)
SEVEN_DAYS = datetime.date(2026, 11, 23)


@pytest.fixture
def plan(django_capture_on_commit_callbacks):
    """Run the plan for ``today`` and deliver what it recorded (tasks run
    in-process in tests)."""

    def _plan(today, kind=None):
        with django_capture_on_commit_callbacks(execute=True):
            recorded = reminders_plan(today=today)
        return recorded if kind is None else recorded.get(kind, 0)

    return _plan


def _complete_year(person):
    for n in range(2):
        EntryFactory(
            owner=person,
            state="complete",
            title=f"Different learning {n}",
            learning=f"Learning number {n}",
            activity_date=datetime.date(2026, 3, 1 + n),
        )


def _emails(kind):
    """The emails sent about dispatches of ``kind``."""
    ids = {
        str(pk)
        for pk in Dispatch.objects.filter(kind=kind).values_list("pk", flat=True)
    }
    return [m for m in mail.outbox if m.extra_headers["X-Portfolio-Dispatch"] in ids]


def _renewal_recipients():
    return set(
        Dispatch.objects.filter(kind="renewal").values_list(
            "recipient__email", flat=True
        )
    )


def test_renewal_reminders_go_to_incomplete_practitioners_only(
    plan, practitioner, other_practitioner, deactivated, other_org_admin
):
    _complete_year(other_practitioner)
    recorded = plan(WINDOW_OPENS)
    assert recorded == {"renewal": 1}
    assert _renewal_recipients() == {practitioner.email}
    [email] = mail.outbox
    assert email.to == [practitioner.email]
    assert "2 more complete pieces of CPD" in email.body
    assert "1 December 2025 and 30 November 2026" in email.body
    assert "peer reflection" in email.body
    assert "<http://" in email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert practitioner.notifications.filter(text__contains="90 days").exists()


def test_each_renewal_reminder_is_sent_once_at_each_point(plan, practitioner):
    assert plan(datetime.date(2026, 8, 31)) == {}
    assert plan(WINDOW_OPENS) == {"renewal": 1}
    assert plan(WINDOW_OPENS) == {}  # the plan ran twice: nothing new
    assert plan(datetime.date(2026, 10, 30)) == {}  # still the window point
    assert plan(THIRTY_DAYS) == {"renewal": 1}
    assert plan(datetime.date(2026, 11, 1)) == {}
    assert plan(SEVEN_DAYS) == {"renewal": 1}
    assert plan(datetime.date(2026, 11, 30)) == {}
    assert plan(datetime.date(2026, 12, 1)) == {}  # a new year, outside the window
    assert len(mail.outbox) == 3
    keys = sorted(Dispatch.objects.values_list("key", flat=True))
    assert keys == [
        f"renewal:2026:30d:{practitioner.pk}",
        f"renewal:2026:7d:{practitioner.pk}",
        f"renewal:2026:window:{practitioner.pk}",
    ]


def test_someone_added_late_gets_only_the_latest_reminder(plan, practitioner):
    plan(SEVEN_DAYS)
    assert list(Dispatch.objects.values_list("key", flat=True)) == [
        f"renewal:2026:7d:{practitioner.pk}"
    ]


def test_a_year_completed_before_the_next_point_stops_the_reminders(plan, practitioner):
    plan(WINDOW_OPENS)
    _complete_year(practitioner)
    plan(THIRTY_DAYS)
    assert len(mail.outbox) == 1


def test_someone_deactivated_after_planning_is_not_emailed(
    practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminders_plan(today=WINDOW_OPENS)
    practitioner.is_active = False
    practitioner.save()
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Dispatch.objects.get().status == "cancelled"


def test_overdue_supervision_reminds_the_supervisor_once_per_due_date(
    plan, supervision, supervisor, practitioner, other_team_supervisor
):
    due = supervision.starts_on + datetime.timedelta(days=30)
    kind = "supervision_overdue"
    assert plan(due, kind) == 0  # due today is not overdue yet
    assert plan(due + datetime.timedelta(days=1), kind) == 1
    assert plan(due + datetime.timedelta(days=2), kind) == 0
    [email] = _emails(kind)
    assert email.to == [supervisor.email]
    assert str(practitioner) in email.subject
    supervision.sessions.create(
        held_on=due + datetime.timedelta(days=3),
        minutes=60,
        kind="individual",
        created_by=supervisor,
    )
    assert plan(due + datetime.timedelta(days=34), kind) == 1


def test_no_supervision_reminder_for_a_deactivated_supervisee_or_other_employer(
    plan, supervision, practitioner, other_org_admin
):
    due = supervision.starts_on + datetime.timedelta(days=31)
    practitioner.is_active = False
    practitioner.save()
    assert plan(due, "supervision_overdue") == 0
    practitioner.is_active = True
    practitioner.organisation = other_org_admin.organisation
    practitioner.save()
    assert plan(due, "supervision_overdue") == 0


def test_appraisal_steps_due_then_overdue_go_to_whoever_must_act(
    plan, appraisal, practitioner, supervisor
):
    kind = "appraisal_due"
    assert plan(datetime.date(2026, 11, 15), kind) == 0
    assert plan(datetime.date(2026, 11, 16), kind) == 1
    assert plan(datetime.date(2026, 11, 20), kind) == 0
    assert plan(datetime.date(2026, 12, 1), kind) == 1
    emails = _emails(kind)
    assert {email.to[0] for email in emails} == {practitioner.email}
    assert "Overdue" in emails[1].subject
    appraisal.stage = "appraiser_assessment"
    appraisal.save()
    assert plan(datetime.date(2026, 12, 2), kind) == 1
    assert _emails(kind)[2].to == [supervisor.email]


def test_objectives_coming_due_are_reminded_once(plan, plan_objective, practitioner):
    kind = "objective_due"
    assert plan(datetime.date(2027, 6, 15), kind) == 0
    assert plan(datetime.date(2027, 6, 16), kind) == 1
    assert plan(datetime.date(2027, 6, 20), kind) == 0
    [email] = _emails(kind)
    assert email.to == [practitioner.email]


def test_the_weekly_digest_goes_to_supervisors_with_something_waiting(
    plan, shared_entry, supervisor, other_team_supervisor, practitioner
):
    monday = datetime.date(2027, 1, 4)
    kind = "supervisor_digest"
    assert plan(monday - datetime.timedelta(days=1), kind) == 0  # a Sunday
    assert plan(monday, kind) == 1
    assert plan(monday + datetime.timedelta(days=1), kind) == 0
    assert plan(monday + datetime.timedelta(days=7), kind) == 1
    digest = Dispatch.objects.filter(kind=kind).last()
    assert digest.recipient == supervisor
    assert "Entries waiting for your review: 1" in digest.body
    assert shared_entry.title not in digest.body


def test_reminders_never_reach_a_deactivated_person(plan, deactivated):
    deactivated.is_practitioner = True
    deactivated.save()
    plan(WINDOW_OPENS)
    assert not Dispatch.objects.filter(recipient=deactivated).exists()
    assert not deactivated.notifications.exists()


def test_people_of_other_organisations_get_their_own_reminders_only(
    plan, practitioner, other_org_admin
):
    elsewhere = UserFactory(organisation=other_org_admin.organisation)
    plan(WINDOW_OPENS)
    for email in mail.outbox:
        dispatch = Dispatch.objects.get(pk=email.extra_headers["X-Portfolio-Dispatch"])
        assert email.to == [dispatch.recipient.email]
    assert _renewal_recipients() == {practitioner.email, elsewhere.email}
