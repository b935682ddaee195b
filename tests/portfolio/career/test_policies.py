"""Who may act on a level request, step by step (LevelRequestPermissionPolicy)."""

import pytest

from portfolio.career.policies import level_request_policy

pytestmark = pytest.mark.django_db


def _may(user, action, request) -> bool:
    return level_request_policy().user_has_permission_for_instance(
        user, action, request
    )


def test_only_the_person_withdraws_and_only_while_it_is_open(
    level_request, practitioner, supervisor
):
    assert _may(practitioner, "withdraw", level_request)
    assert not _may(supervisor, "withdraw", level_request)
    level_request.state = "approved"
    level_request.save()
    assert not _may(practitioner, "withdraw", level_request)
    assert _may(practitioner, "view", level_request)


def test_a_current_supervisor_recommends_while_it_waits_for_them(
    level_request, supervisor, other_team_supervisor, org_admin
):
    assert _may(supervisor, "recommend", level_request)
    assert not _may(other_team_supervisor, "recommend", level_request)
    assert not _may(org_admin, "recommend", level_request)
    level_request.state = "recommended"
    level_request.save()
    assert not _may(supervisor, "recommend", level_request)


def test_their_organisations_admin_decides_once_recommended(
    recommended_request, org_admin, other_org_admin, supervisor, practitioner
):
    assert _may(org_admin, "decide", recommended_request)
    assert not _may(other_org_admin, "decide", recommended_request)
    assert not _may(supervisor, "decide", recommended_request)
    assert not _may(practitioner, "decide", recommended_request)
    assert not _may(other_org_admin, "view", recommended_request)


def test_the_page_is_told_which_requests_may_be_withdrawn(
    client, signed_in, level_request, practitioner
):
    from django.urls import reverse

    signed_in(practitioner)
    assert "Withdraw" in client.get(reverse("career:mine")).content.decode()
    level_request.state = "declined"
    level_request.save()
    assert "Withdraw" not in client.get(reverse("career:mine")).content.decode()
