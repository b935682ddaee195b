"""Supervision frequency as the organisation's own policy: LGA defaults until
the principal social worker changes them, per group, and short sessions
flagged."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.supervision.models import SupervisionFrequency
from portfolio.supervision.selectors import (
    session_is_short,
    short_session_ids,
    supervision_due_list,
    supervision_frequencies,
    supervision_interval,
)
from portfolio.supervision.services import session_record, supervision_frequency_set
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 26)
NEWLY_QUALIFIED = {
    "applies_to": "newly_qualified",
    "weekly_for_weeks": 12,
    "fortnightly_until_months": 9,
    "then_every_days": 21,
    "minimum_minutes": 60,
}


def _started(practitioner, days_ago):
    practitioner.started_practice_on = ON - datetime.timedelta(days=days_ago)
    return practitioner


def test_the_lga_defaults_apply_until_the_organisation_sets_its_own(organisation):
    rules = supervision_frequencies(organisation=organisation)
    assert not any(rule.pk for rule in rules.values())
    newly = rules["newly_qualified"]
    assert (newly.weekly_for_weeks, newly.fortnightly_until_months) == (6, 6)
    assert (newly.then_every_days, newly.minimum_minutes) == (30, 90)


def test_the_organisations_own_policy_sets_the_interval(org_admin, practitioner):
    supervision_frequency_set(changed_by=org_admin, **NEWLY_QUALIFIED)
    assert supervision_interval(supervisee=_started(practitioner, 60), on=ON).days == 7
    assert (
        supervision_interval(supervisee=_started(practitioner, 200), on=ON).days == 14
    )
    assert (
        supervision_interval(supervisee=_started(practitioner, 300), on=ON).days == 21
    )
    # After the first year the "everyone else" rule (still the LGA default).
    assert (
        supervision_interval(supervisee=_started(practitioner, 400), on=ON).days == 30
    )


def test_each_organisation_has_its_own_policy(org_admin, other_org_admin, practitioner):
    supervision_frequency_set(changed_by=other_org_admin, **NEWLY_QUALIFIED)
    assert supervision_interval(supervisee=_started(practitioner, 60), on=ON).days == 14
    assert (
        SupervisionFrequency.objects.get().organisation == other_org_admin.organisation
    )


def test_only_an_organisation_admin_sets_the_policy(supervisor, practitioner):
    for person in (supervisor, practitioner):
        with pytest.raises(PermissionDenied):
            supervision_frequency_set(changed_by=person, **NEWLY_QUALIFIED)


def test_sessions_shorter_than_the_policy_are_flagged(
    org_admin, supervision, supervisor, practitioner
):
    values = {"held_on": timezone.localdate(), "kind": "individual"}
    short = session_record(
        recorded_by=supervisor, supervision=supervision, values=values | {"minutes": 75}
    )
    long = session_record(
        recorded_by=supervisor, supervision=supervision, values=values | {"minutes": 90}
    )
    assert session_is_short(session=short) and not session_is_short(session=long)
    assert short_session_ids(supervisions=[supervision]) == {short.pk}
    supervision_frequency_set(
        changed_by=org_admin,
        applies_to="everyone",
        weekly_for_weeks=0,
        fortnightly_until_months=0,
        then_every_days=30,
        minimum_minutes=60,
    )
    assert short_session_ids(supervisions=[supervision]) == set()


def test_the_due_date_follows_the_policy(org_admin, supervision, practitioner):
    practitioner.started_practice_on = None
    practitioner.save()
    supervision_frequency_set(
        changed_by=org_admin,
        applies_to="everyone",
        weekly_for_weeks=0,
        fortnightly_until_months=0,
        then_every_days=14,
        minimum_minutes=90,
    )
    (due,) = supervision_due_list(
        supervisions=type(supervision).objects.filter(pk=supervision.pk),
        today=timezone.localdate(),
    )
    assert due.due_on == supervision.starts_on + datetime.timedelta(days=14)
    assert due.overdue  # the relationship started 30 days ago


def test_the_admin_edits_the_policy_on_its_page(client, org_admin, practitioner):
    sign_in(client, org_admin)
    page = client.get(reverse("supervision:frequency_policy")).content.decode()
    assert "LGA defaults" in page
    response = client.post(
        reverse("supervision:frequency_policy"),
        {
            "applies_to": "newly_qualified",
            **{
                f"newly_qualified-{name}": value
                for name, value in NEWLY_QUALIFIED.items()
                if name != "applies_to"
            },
        },
    )
    assert response.status_code == 302
    rule = SupervisionFrequency.objects.get(organisation=org_admin.organisation)
    assert (rule.weekly_for_weeks, rule.minimum_minutes) == (12, 60)


def test_a_short_session_is_flagged_on_the_supervisors_page(
    client, supervision, supervisor
):
    sign_in(client, supervisor)
    response = client.post(
        reverse("supervision:supervisee", kwargs={"pk": supervision.pk}),
        {
            "held_on": timezone.localdate().isoformat(),
            "minutes": "45",
            "kind": "individual",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "shorter than your organisation" in page
    assert 'data-testid="short-session"' in page
