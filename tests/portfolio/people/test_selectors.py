import pytest

from portfolio.people.selectors import (
    staff_member_get,
    staff_member_list,
    user_requires_mfa,
)

pytestmark = pytest.mark.django_db


def test_org_admin_lists_only_their_own_organisation(
    org_admin, practitioner, other_org_admin
):
    listed = set(staff_member_list(fetched_by=org_admin))
    assert practitioner in listed
    assert other_org_admin not in listed


def test_practitioner_manages_nobody_else(practitioner, other_practitioner):
    assert list(staff_member_list(fetched_by=practitioner)) == []
    assert staff_member_get(fetched_by=practitioner, pk=other_practitioner.pk) is None


def test_deactivated_admin_sees_nobody(org_admin, practitioner):
    org_admin.is_active = False
    assert list(staff_member_list(fetched_by=org_admin)) == []


@pytest.mark.parametrize(
    ("fixture", "required"),
    [
        ("practitioner", False),
        ("supervisor", True),
        ("training_editor", True),
        ("org_admin", True),
        ("site_admin", True),
    ],
)
def test_mfa_is_required_by_default_for_roles_that_see_others_data(
    request, fixture, required
):
    assert user_requires_mfa(user=request.getfixturevalue(fixture)) is required
