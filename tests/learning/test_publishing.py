"""Who may draft, approve and publish learning content."""

from wagtail.models import Workflow

import pytest

from learning.setup import WORKFLOW_NAME
from portfolio.people.groups import staff_member_sync_groups
from tests.factories.learning import learning_home, research_summary
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(organisation):
    from tests.auth import enrol_totp

    user = UserFactory(
        organisation=organisation,
        team=None,
        is_practitioner=False,
        is_training_editor=True,
        is_training_reviewer=True,
        email="rachel@example.org",
    )
    staff_member_sync_groups(user=user)
    enrol_totp(user)
    return user


@pytest.fixture
def editor(training_editor):
    staff_member_sync_groups(user=training_editor)
    return training_editor


def test_editors_draft_but_cannot_publish(editor, shipped_frameworks):
    page = research_summary(live=False)
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert learning_home().permissions_for_user(editor).can_add_subpage()


def test_reviewers_may_publish(reviewer, shipped_frameworks):
    assert research_summary(live=False).permissions_for_user(reviewer).can_publish()


@pytest.mark.parametrize(
    "role", ["practitioner", "supervisor", "org_admin", "other_org_admin"]
)
def test_nobody_else_may_edit_content(role, request, shipped_frameworks):
    user = request.getfixturevalue(role)
    staff_member_sync_groups(user=user)
    page = research_summary()
    permissions = page.permissions_for_user(user)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not learning_home().permissions_for_user(user).can_add_subpage()


@pytest.mark.parametrize("role", ["practitioner", "supervisor"])
def test_practitioners_and_supervisors_cannot_open_the_editor(
    role, request, signed_in, learning_page
):
    client = signed_in(request.getfixturevalue(role))
    for url in (
        "/admin/",
        f"/admin/pages/{learning_page.pk}/edit/",
        f"/admin/pages/{learning_page.pk}/",
    ):
        response = client.get(url)
        # A 403 page, not a redirect to the login page that sends a signed-in
        # person straight back (issue 14, item 2).
        assert response.status_code == 403, url
        assert b"The content admin is for the training team" in response.content
    response = client.post(
        f"/admin/pages/{learning_page.pk}/edit/", {"title": "Defaced"}
    )
    assert response.status_code == 403
    learning_page.refresh_from_db()
    assert learning_page.title != "Defaced"


def test_an_org_admin_can_open_the_admin_but_not_edit_pages(
    org_admin, signed_in, learning_page
):
    staff_member_sync_groups(user=org_admin)
    client = signed_in(org_admin)
    response = client.get(f"/admin/pages/{learning_page.pk}/edit/")
    assert response.status_code in (302, 403)
    assert "/accounts/login/" not in response.get("Location", "")


def test_every_page_goes_through_the_training_team_review(
    editor, reviewer, shipped_frameworks
):
    page = research_summary(live=False)
    workflow = page.get_workflow()
    assert workflow == Workflow.objects.get(name=WORKFLOW_NAME)

    state = workflow.start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert [name for name, *_ in task.get_actions(page, editor)] == []
    assert "approve" in [name for name, *_ in task.get_actions(page, reviewer)]

    task.on_action(task_state, reviewer, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.first_published_at is not None


def test_the_workflow_survives_a_second_migrate(editor, shipped_frameworks):
    from learning.setup import learning_site_ensure

    learning_site_ensure()
    learning_site_ensure()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert learning_home().get_workflow().name == WORKFLOW_NAME


def test_scheduled_pages_are_published_by_the_periodic_task(
    editor, reviewer, shipped_frameworks
):
    import datetime

    from django.utils import timezone

    from learning.tasks import publish_scheduled

    page = research_summary(live=False)
    revision = page.save_revision(user=reviewer)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    publish_scheduled.delay()
    page.refresh_from_db()
    assert page.live
    publish_scheduled.delay()  # a repeat run changes nothing
    page.refresh_from_db()
    assert page.live


def test_the_schedule_runs_scheduled_publishing():
    from portal.schedule import BEAT_SCHEDULE

    assert any(
        entry["task"] == "learning.publish_scheduled"
        for entry in BEAT_SCHEDULE.values()
    )
