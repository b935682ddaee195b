"""The training team's content admin in Chromium, in the light and the dark
theme: every learning page it visits has no serious or critical axe
violations (the rich text boxes have names, the message after *Submit for
review* is readable), and a reference's "DOI or link" rule is in the help
text before any save."""

import json

import pytest

from tests.e2e.conftest import axe_violations
from tests.e2e.test_learning_journey import _fill_rich_text
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Direct work with teenagers: what helps"


def assert_no_serious_violations(page) -> None:
    serious = [
        violation
        for violation in axe_violations(page, with_impact=True)
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}\n{json.dumps(serious, indent=2)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drafting_and_submitting_a_research_summary_is_accessible(
    browser, live_server, training_editor, shipped_frameworks, scheme
):
    from learning.models import ResearchSummaryPage
    from portfolio.people.groups import staff_member_sync_groups
    from tests.factories.learning import learning_home, learning_section

    staff_member_sync_groups(user=training_editor)
    section = learning_section("Research summaries")
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, color_scheme=scheme
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in_through_pages(page, training_editor)
        for path in ("/admin/", f"/admin/pages/{learning_home().pk}/"):
            page.goto(path)
            assert_no_serious_violations(page)
        page.goto(f"/admin/pages/{section.pk}/")
        assert_no_serious_violations(page)
        for kind in ("researchsummarypage", "trainingeventpage", "learningpathwaypage"):
            page.goto(f"/admin/pages/add/learning/{kind}/{section.pk}/")
            page.wait_for_load_state("networkidle")
            assert_no_serious_violations(page)

        page.goto(f"/admin/pages/add/learning/researchsummarypage/{section.pk}/")
        # Each rich text box is named after its field.
        assert page.get_by_role("textbox", name="Key findings").count() == 1
        assert (
            page.get_by_role("textbox", name="Implications for practice").count() == 1
        )
        references = page.locator("[id^='panel-child-content-references']").first
        assert "Give a DOI or a link" in references.inner_text()
        assert "Needed when there is no DOI" in references.inner_text()

        page.locator("#id_title").fill(TITLE)
        page.locator("#id_title").press("Tab")
        page.wait_for_function("document.querySelector('#id_slug').value !== ''")
        page.locator("#id_summary").fill("What a small study found.")
        _fill_rich_text(page, "key_findings", "Consistent workers mattered most.")
        _fill_rich_text(page, "implications", "Keep the same worker where you can.")
        page.locator("#id_study_type").select_option("qualitative")
        page.locator("#id_evidence_strength").select_option("emerging")
        page.locator("#id_research_published_on").fill("2024-03-01")
        page.locator("#id_references-0-citation").fill("Sample, A. (2024) A study.")
        page.locator("#id_references-0-url").fill("https://example.org/study")
        page.locator("#id_cpd_hours").fill("1")
        page.get_by_label("PCF 6 Critical Reflection and Analysis").check()
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_url("**/edit/")
        page.wait_for_load_state("networkidle")
        assert_no_serious_violations(page)

        page.locator("nav.footer__container .w-dropdown__toggle").first.click()
        page.get_by_role("button", name="Submit to Training team review").click()
        page.wait_for_url(f"**/admin/pages/{section.pk}/")
        # Straight away, while the message is shown.
        assert_no_serious_violations(page)
        page.get_by_text("submitted for moderation").wait_for()
        assert_no_serious_violations(page)

        summary = ResearchSummaryPage.objects.get(title=TITLE)
        for path in (
            f"/admin/pages/{summary.pk}/edit/",
            f"/admin/pages/{summary.pk}/history/",
            f"/admin/pages/{summary.pk}/workflow_history/",
        ):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert_no_serious_violations(page)
    finally:
        context.close()
