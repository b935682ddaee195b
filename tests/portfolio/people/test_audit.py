"""The audit log: one append-only row per change, read only by admins."""

from wagtail.permissions import policy_registry

import pytest

from portfolio.people.audit import audit_record
from portfolio.people.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_row_names_actor_subject_target_and_values(org_admin, practitioner):
    event = audit_record(
        action="role.change",
        actor=org_admin,
        subject=practitioner,
        target=practitioner,
        before={"is_supervisor": False},
        after={"is_supervisor": True},
    )
    event.refresh_from_db()
    assert event.organisation == org_admin.organisation
    assert event.actor == org_admin
    assert event.actor_label == org_admin.get_full_name()
    assert event.target_type == "portfolio.user"
    assert event.target_id == str(practitioner.pk)
    assert (event.before, event.after) == (
        {"is_supervisor": False},
        {"is_supervisor": True},
    )


def test_a_system_actor_is_named_and_takes_the_subjects_organisation(practitioner):
    event = audit_record(action="scim.update", actor_label="SCIM", subject=practitioner)
    assert event.actor is None
    assert event.actor_label == "SCIM"
    assert event.organisation == practitioner.organisation


def test_only_admins_read_it_and_nobody_may_change_it(
    org_admin, other_org_admin, practitioner, supervisor, site_admin
):
    event = audit_record(action="role.change", actor=org_admin, subject=practitioner)
    policy = policy_registry.get_by_type(AuditEvent)
    assert policy.user_has_permission_for_instance(org_admin, "view", event)
    assert policy.user_has_permission_for_instance(site_admin, "view", event)
    for outsider in (other_org_admin, practitioner, supervisor):
        assert not policy.user_has_permission_for_instance(outsider, "view", event)
    for action in ("change", "delete"):
        assert not policy.user_has_permission_for_instance(site_admin, action, event)
