"""Career pages in Chromium, checked with axe-core."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_practitioner_asks_to_move_up_and_sees_the_request(
    page, practitioner, supervision, shipped_frameworks
):
    from capabilities.models import Level

    levels = Level.objects.filter(framework__family="pcf", framework__version="2018")
    practitioner.career_level = levels.get(code="social-worker")
    practitioner.target_level = levels.get(code="experienced-social-worker")
    practitioner.save()
    sign_in_through_pages(page, practitioner)
    page.get_by_test_id("nav-career").click()
    assert "No evidence yet in" in page.get_by_test_id("career-gaps").inner_text()
    assert_accessible(page)
    page.get_by_label("The level you are ready for").select_option(
        label="Experienced Social Worker"
    )
    page.get_by_label("Why you are ready").fill(
        "Two years of complex child protection work."
    )
    page.get_by_role("button", name="Send request").click()
    assert (
        "Waiting for the supervisor"
        in page.get_by_test_id("level-requests").inner_text()
    )
    assert_accessible(page)
