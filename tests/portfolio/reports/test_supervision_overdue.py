"""The appraisals and supervision report reckons who is overdue from plain
values (issue #15: three model instances per supervisee were most of its time
at 20,000 people). It must agree with supervision's own
``supervision_due_list`` on every kind of relationship."""

import datetime

from django.utils import timezone

import pytest

from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions
from portfolio.reports.scope import report_request_for
from portfolio.reports.selectors.appraisals import supervision_overdue_by_person
from portfolio.supervision.models import SupervisionFrequency
from portfolio.supervision.selectors import supervision_due_list
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db


def _oracle(request) -> dict[int, bool]:
    overdue: dict[int, bool] = {}
    supervisions = current_supervisions(today=request.as_at).filter(
        organisation=request.organisation, supervisee__in=request.population()
    )
    for due in supervision_due_list(supervisions=supervisions, today=request.as_at):
        person = due.supervision.supervisee_id
        overdue[person] = overdue.get(person, False) or due.overdue
    return overdue


@pytest.mark.parametrize("own_policy", [False, True])
def test_overdue_supervision_agrees_with_supervisions_own_reckoning(
    org_admin, team, supervisor, own_policy
):
    today = timezone.localdate()
    organisation = org_admin.organisation
    if own_policy:
        # The organisation's own policy, not the LGA defaults.
        for group in ("newly_qualified", "everyone"):
            SupervisionFrequency.objects.create(
                organisation=organisation,
                applies_to=group,
                weekly_for_weeks=2,
                fortnightly_until_months=3,
                then_every_days=20,
                minimum_minutes=60,
            )
    second = UserFactory(organisation=organisation, team=team, is_supervisor=True)
    cases = [
        # (started practice days ago, relationship began days ago, sessions)
        (None, 200, [10]),
        (None, 200, [60]),
        (None, 100, []),
        (20, 20, [3]),  # newly qualified, weekly
        (20, 20, [9]),
        (100, 90, [12]),  # fortnightly
        (100, 90, [16]),
        (400, 300, [25, 40]),
        (400, 300, [35]),
    ]
    people = []
    for n, (started, began, sessions) in enumerate(cases):
        person = UserFactory(
            organisation=organisation,
            team=team,
            started_practice_on=(
                today - datetime.timedelta(days=started) if started else None
            ),
        )
        people.append(person)
        relationship = Supervision.objects.create(
            organisation=organisation,
            supervisor=supervisor,
            supervisee=person,
            kind="line_manager",
            starts_on=today - datetime.timedelta(days=began),
        )
        for days in sessions:
            relationship.sessions.create(
                held_on=today - datetime.timedelta(days=days),
                minutes=90,
                kind="individual",
            )
        if n == 0:
            # A second, overdue supervisor makes the person overdue.
            Supervision.objects.create(
                organisation=organisation,
                supervisor=second,
                supervisee=person,
                kind="professional",
                starts_on=today - datetime.timedelta(days=200),
            )
    request = report_request_for(
        viewer=org_admin, report_key="appraisals-supervision", filters={}, today=today
    )
    found = supervision_overdue_by_person(request=request)
    assert found == _oracle(request)
    # Both answers occur, so the comparison can tell them apart.
    assert set(found.values()) == {True, False}
    assert found[people[0].pk] is True
