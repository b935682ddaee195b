"""The organisation admin chooses which frameworks staff map evidence to, in
Chromium, with axe clean; the practitioner's entry form follows the choice."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = pytest.mark.e2e


def test_org_admin_turns_off_a_framework_for_their_staff(
    page, org_admin, practitioner, shipped_frameworks
):
    sign_in_through_pages(page, org_admin)
    page.goto("/organisation/settings/")
    assert_accessible(page)
    adults = page.get_by_label(
        "Knowledge and skills statement: social workers in adult"
    )
    assert adults.is_checked()
    adults.uncheck()
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_url("**/organisation/settings/")
    assert not page.get_by_label(
        "Knowledge and skills statement: social workers in adult"
    ).is_checked()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_through_pages(page, practitioner)
    page.goto("/portfolio/entries/new/")
    assert page.get_by_test_id("framework-pcf").is_visible()
    assert page.get_by_test_id("framework-kss-cf-supervisor").is_visible()
    assert page.get_by_test_id("framework-kss-adults").count() == 0
