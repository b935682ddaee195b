"""Issue 14, item 2: someone signed in without access to the content admin
used to bounce between /admin/ and the login page until the browser gave up.
They get a 403 page in the site's layout instead; anonymous visitors still go
to the login page."""

from django.urls import reverse

import pytest

from tests.auth import sign_in

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ("/admin/", "/admin/pages/", "/admin/snippets/")


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("role", ["practitioner", "supervisor"])
def test_signed_in_without_access_get_a_clear_403(client, request, role, path):
    sign_in(client, request.getfixturevalue(role))
    response = client.get(path)
    assert response.status_code == 403
    page = response.content.decode()
    assert "The content admin is for the training team and admins" in page
    assert f'href="{reverse("home")}"' in page
    assert 'data-testid="nav-portfolio"' in page  # the site's own layout


def test_following_redirects_ends_on_the_403_page_not_a_loop(client, practitioner):
    sign_in(client, practitioner)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403


def test_anonymous_visitors_are_still_sent_to_sign_in(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/pages/" in response["Location"]


def test_the_training_team_still_opens_the_admin(client, training_editor):
    sign_in(client, training_editor)
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_reroute_is_unchanged_for_signed_in_people(
    client, practitioner
):
    sign_in(client, practitioner)
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
