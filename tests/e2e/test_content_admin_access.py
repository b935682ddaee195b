"""Issue 14, item 2 in Chromium: a practitioner who opens /admin/ sees a page
saying who the content admin is for, instead of "too many redirects"."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_opening_the_admin_is_told_who_it_is_for(
    page, live_server, practitioner
):
    sign_in_through_pages(page, practitioner)
    response = page.goto("/admin/")
    assert response.status == 403
    assert page.url == f"{live_server.url}/admin/"
    heading = page.get_by_test_id("content-admin-forbidden")
    assert heading.inner_text() == (
        "The content admin is for the training team and admins"
    )
    assert_accessible(page)
    page.get_by_test_id("go-home").click()
    page.get_by_test_id("home-heading").wait_for()
    assert page.url == f"{live_server.url}/"


def test_an_anonymous_visitor_is_asked_to_sign_in(page):
    page.goto("/admin/")
    assert "/accounts/login/" in page.url and "next=/admin/" in page.url
