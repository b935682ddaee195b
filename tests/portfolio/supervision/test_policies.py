"""Who may see and act on supervision relationships and sessions."""

import datetime

from django.utils import timezone

import pytest

from portfolio.supervision.policies import (
    access_event_policy,
    session_policy,
    supervision_policy,
)

pytestmark = pytest.mark.django_db


def _may(user, action, supervision) -> bool:
    return supervision_policy().user_has_permission_for_instance(
        user, action, supervision
    )


def test_the_parties_and_their_organisations_admin_see_a_relationship(
    supervision, supervisor, practitioner, org_admin, other_org_admin, site_admin
):
    for person in (supervisor, practitioner, org_admin):
        assert _may(person, "view", supervision)
    assert not _may(other_org_admin, "view", supervision)


def test_only_their_organisations_admin_ends_a_relationship(
    supervision, supervisor, org_admin, other_org_admin, site_admin
):
    assert _may(org_admin, "end", supervision)
    for person in (supervisor, other_org_admin, site_admin):
        assert not _may(person, "end", supervision)
    assert not supervision_policy().user_has_permission(supervisor, "end")


def test_ending_a_relationship_ends_supervising_and_recording(
    supervision, supervision_session, supervisor, practitioner
):
    assert _may(supervisor, "supervise", supervision)
    assert not _may(practitioner, "supervise", supervision)
    assert session_policy().user_has_permission_for_instance(
        practitioner, "make_entry", supervision_session
    )
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    for person in (supervisor, practitioner):
        assert not _may(person, "record_session", supervision)
        assert not session_policy().user_has_permission_for_instance(
            person, "make_entry", supervision_session
        )
    assert not _may(supervisor, "supervise", supervision)
    assert _may(supervisor, "view", supervision)  # the history stays readable


def test_who_looked_is_for_the_owner_only(
    shared_entry, supervisor, practitioner, org_admin
):
    from portfolio.evidence.services import access_record

    access_record(viewer=supervisor, entry=shared_entry, action="opened")
    policy = access_event_policy()
    assert policy.instances_user_has_any_permission_for(practitioner, ["view"]).count()
    for person in (supervisor, org_admin):
        assert not policy.instances_user_has_any_permission_for(
            person, ["view"]
        ).exists()
