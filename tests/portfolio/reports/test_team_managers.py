"""Organisation admins choose each team's managers; nobody else can."""

from django.urls import reverse

import pytest

from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_admin_makes_a_supervisor_manager_of_a_team(client, riverside):
    sign_in(client, riverside.admin)
    listing = client.get(reverse("reports:team_managers")).content.decode()
    assert "Manager Test" in listing  # North's manager
    url = reverse("reports:team_managers_edit", args=[riverside.south.pk])
    response = client.post(url, {"managers": [riverside.plain_supervisor.pk]})
    assert response.status_code == 302
    assert list(riverside.south.managers.all()) == [riverside.plain_supervisor]
    # Now they see South's reports, and only South's.
    sign_in(client, riverside.plain_supervisor)
    body = client.get(reverse("reports:cpd-readiness")).content.decode()
    assert "South" in body and "North" not in body


def test_only_supervisors_of_the_organisation_can_be_managers(client, riverside):
    sign_in(client, riverside.admin)
    url = reverse("reports:team_managers_edit", args=[riverside.south.pk])
    response = client.post(url, {"managers": [riverside.n[0].pk]})
    assert response.status_code == 400
    assert "Choose supervisors from the list." in response.content.decode()
    assert not riverside.south.managers.exists()


def test_removing_a_manager_removes_their_reports(client, riverside):
    sign_in(client, riverside.admin)
    url = reverse("reports:team_managers_edit", args=[riverside.north.pk])
    assert client.post(url, {}).status_code == 302
    sign_in(client, riverside.manager)
    assert client.get(reverse("reports:cpd-readiness")).status_code == 404


@pytest.mark.parametrize("who", ["manager", "editor", "plain_supervisor"])
def test_nobody_but_the_admin_chooses_managers(client, riverside, who):
    sign_in(client, getattr(riverside, who))
    assert client.get(reverse("reports:team_managers")).status_code == 404
    url = reverse("reports:team_managers_edit", args=[riverside.north.pk])
    assert client.post(url, {"managers": [riverside.manager.pk]}).status_code == 404


def test_another_organisations_team_is_not_found(client, riverside, other_org_admin):
    sign_in(client, other_org_admin)
    url = reverse("reports:team_managers_edit", args=[riverside.north.pk])
    assert client.get(url).status_code == 404
