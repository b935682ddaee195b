"""Each role signs in through the real pages in Chromium and lands at home;
every page on the way passes axe-core."""

import pytest

from tests.auth import PASSWORD, TEST_TOTP_SECRET, current_totp_code
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLE_SECTIONS = {
    "practitioner": "practitioner",
    "supervisor": "supervisor",
    "training_editor": "training_editor",
    "org_admin": "org_admin",
    "site_admin": "site_admin",
}


def sign_in_through_pages(page, user, *, check_accessibility=False):
    page.goto("/")
    assert "/accounts/login/" in page.url
    if check_accessibility:
        assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("sign-in").click()
    if "/accounts/2fa/authenticate/" in page.url:
        if check_accessibility:
            assert_accessible(page)
        page.get_by_label("Code").fill(current_totp_code(TEST_TOTP_SECRET))
        page.get_by_test_id("confirm-code").click()


@pytest.mark.parametrize("role", sorted(ROLE_SECTIONS))
def test_each_role_signs_in_and_lands_on_its_home_page(
    page, live_server, request, role
):
    user = request.getfixturevalue(role)
    sign_in_through_pages(page, user, check_accessibility=role == "supervisor")
    page.get_by_test_id("home-heading").wait_for()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_test_id(f"home-section-{ROLE_SECTIONS[role]}").is_visible()
    assert_accessible(page)


def test_a_deactivated_person_is_turned_away(page, deactivated):
    sign_in_through_pages(page, deactivated)
    assert "/accounts/inactive/" in page.url or "/accounts/login/" in page.url
    assert page.get_by_test_id("home-heading").count() == 0


def test_account_pages_are_accessible(page, practitioner):
    sign_in_through_pages(page, practitioner)
    page.get_by_test_id("home-heading").wait_for()
    for path in (
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accessibility/",
        "/privacy/",
    ):
        page.goto(path)
        assert_accessible(page)


def test_sign_out(page, practitioner):
    sign_in_through_pages(page, practitioner)
    page.get_by_test_id("sign-out").click()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_org_admin_pages_are_accessible_and_show_errors(page, org_admin, practitioner):
    sign_in_through_pages(page, org_admin)
    page.get_by_test_id("nav-people").click()
    assert_accessible(page)
    page.get_by_test_id("invite-link").click()
    page.get_by_test_id("send-invitation").click()
    page.get_by_test_id("error-summary").wait_for()
    assert_accessible(page)


def test_setting_up_two_factor_authentication_is_accessible(page, organisation):
    from tests.factories.portfolio import UserFactory

    # A new supervisor has no authenticator yet: the portal sends them to set
    # one up, asks for their password again, then shows the QR code.
    newcomer = UserFactory(
        organisation=organisation, is_supervisor=True, email="new.sup@example.org"
    )
    sign_in_through_pages(page, newcomer)
    assert "/accounts/" in page.url
    if "/accounts/reauthenticate/" in page.url:
        assert_accessible(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert_accessible(page)
