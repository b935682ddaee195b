"""A practitioner browses the PCF in Chromium; every page passes axe-core."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_practitioner_browses_the_pcf(page, practitioner, shipped_frameworks):
    sign_in_through_pages(page, practitioner)
    page.get_by_test_id("nav-frameworks").click()
    assert_accessible(page)
    page.get_by_role("link", name="Professional Capabilities Framework").first.click()
    page.get_by_test_id("domain-6").wait_for()
    assert (
        "Critical Reflection and Analysis"
        in page.get_by_test_id("domain-6").inner_text()
    )
    assert_accessible(page)
    page.get_by_label("Show statements for a level").select_option(label="ASYE")
    page.get_by_role("button", name="Show").click()
    assert "level=asye" in page.url
    assert_accessible(page)
    page.get_by_role(
        "link", name="KSS (C&F practitioner) 6 Child and family assessment"
    ).first.click()
    assert "/frameworks/kss-cf-practitioner/2018/" in page.url
    assert_accessible(page)
