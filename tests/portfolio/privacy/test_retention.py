"""The daily retention run: after the grace period a leaver's portfolio goes;
after the organisation's years everything about them goes and the account is
anonymised; nobody under a legal hold loses anything; the run reports what it
did, and a batch limit spreads a backlog over days."""

import datetime

from django.utils import timezone

import pytest

from portfolio.appraisal.models import Appraisal
from portfolio.evidence.models import Attachment, Entry
from portfolio.privacy.models import LegalHold, PrivacySettings
from portfolio.privacy.services import retention_run
from tests.factories.portfolio import AttachmentFactory, EntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _leave(person, days_ago):
    person.is_active = False
    person.deactivated_at = timezone.now() - datetime.timedelta(days=days_ago)
    person.save()


@pytest.fixture
def leaver(practitioner, signed_appraisal):
    entry = EntryFactory(owner=practitioner, state="complete")
    AttachmentFactory(entry=entry)
    return practitioner


def test_within_the_grace_period_nothing_goes(leaver):
    _leave(leaver, days_ago=89)
    run = retention_run()
    assert Entry.objects.filter(owner=leaver).exists()
    assert run.report["portfolio_removed"] == []


def test_after_the_grace_period_the_portfolio_goes_but_employment_records_stay(
    leaver, django_capture_on_commit_callbacks
):
    _leave(leaver, days_ago=91)
    with django_capture_on_commit_callbacks(execute=True):
        run = retention_run()
    assert not Entry.objects.filter(owner=leaver).exists()
    assert not Attachment.objects.filter(entry__owner=leaver).exists()
    assert Appraisal.objects.filter(supervisee=leaver).exists()
    removed = run.report["portfolio_removed"][0]
    assert removed["person"] == leaver.pk
    assert removed["removed"]["portfolio.Entry"] == 1
    assert removed["removed"]["files"] == 1
    # The next day there is nothing more to do for them.
    assert retention_run().report["portfolio_removed"] == []


def test_the_organisation_sets_the_grace_period(leaver, organisation):
    PrivacySettings.objects.create(organisation=organisation, leaver_grace_days=30)
    _leave(leaver, days_ago=31)
    retention_run()
    assert not Entry.objects.filter(owner=leaver).exists()


def test_after_the_retention_years_everything_goes_and_the_account_is_anonymised(
    leaver, organisation
):
    PrivacySettings.objects.create(
        organisation=organisation, keep_appraisals_years=2, keep_audit_years=1
    )
    _leave(leaver, days_ago=2 * 366)
    run = retention_run()
    leaver.refresh_from_db()
    assert not Appraisal.objects.filter(supervisee=leaver).exists()
    assert leaver.email.endswith("@erased.invalid")
    assert (leaver.first_name, leaver.last_name) == ("", "")
    assert not leaver.has_usable_password()
    assert run.report["anonymised"][0]["person"] == leaver.pk


def test_a_legal_hold_keeps_everything(leaver, org_admin):
    LegalHold.objects.create(person=leaver, reason="Tribunal", placed_by=org_admin)
    _leave(leaver, days_ago=10 * 366)
    run = retention_run()
    assert Entry.objects.filter(owner=leaver).exists()
    assert Appraisal.objects.filter(supervisee=leaver).exists()
    assert run.report["held"] == [leaver.pk]


def test_a_lifted_hold_no_longer_protects(leaver, org_admin):
    LegalHold.objects.create(
        person=leaver, reason="Settled", placed_by=org_admin, lifted_at=timezone.now()
    )
    _leave(leaver, days_ago=91)
    retention_run()
    assert not Entry.objects.filter(owner=leaver).exists()


def test_a_backlog_is_worked_through_in_batches(organisation):
    from tests.factories.portfolio import UserFactory

    leavers = [UserFactory(organisation=organisation) for _ in range(3)]
    for person in leavers:
        EntryFactory(owner=person, state="complete")
        _leave(person, days_ago=100)
    first = retention_run(batch=2)
    assert len(first.report["portfolio_removed"]) == 2
    second = retention_run(batch=2)
    assert len(second.report["portfolio_removed"]) == 1
    assert not Entry.objects.filter(owner__in=leavers).exists()


def test_deactivating_dates_the_leaving(practitioner, org_admin):
    from portfolio.people.services import staff_member_set_active

    staff_member_set_active(changed_by=org_admin, member=practitioner, active=False)
    practitioner.refresh_from_db()
    assert practitioner.deactivated_at is not None
    staff_member_set_active(changed_by=org_admin, member=practitioner, active=True)
    practitioner.refresh_from_db()
    assert practitioner.deactivated_at is None
