"""Teams and invitations: each organisation's admins, nobody else's."""

from django.utils import timezone

from wagtail.permissions import policy_registry

import pytest

from portfolio.people.models import Invitation

pytestmark = pytest.mark.django_db


def test_members_see_their_teams_and_admins_choose_managers(
    team, practitioner, org_admin, other_org_admin
):
    policy = policy_registry.get_by_type(type(team))
    assert policy.user_has_permission_for_instance(practitioner, "view", team)
    assert not policy.user_has_permission_for_instance(practitioner, "change", team)
    assert not policy.user_has_permission(practitioner, "change")
    assert policy.user_has_permission_for_instance(org_admin, "change", team)
    assert not policy.user_has_permission_for_instance(other_org_admin, "view", team)


def test_invitations_are_for_the_invited_persons_admins(
    practitioner, org_admin, other_org_admin, supervisor, site_admin
):
    invitation = Invitation.objects.create(
        user=practitioner,
        invited_by=org_admin,
        token_hash="x" * 64,
        expires_at=timezone.now(),
    )
    policy = policy_registry.get_by_type(Invitation)
    assert policy.user_has_permission_for_instance(org_admin, "view", invitation)
    assert policy.user_has_permission_for_instance(site_admin, "view", invitation)
    for person in (other_org_admin, supervisor, practitioner):
        assert not policy.user_has_permission_for_instance(person, "view", invitation)
