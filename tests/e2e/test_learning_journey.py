"""The learning journey in Chromium: a training editor drafts a research
summary in Wagtail mapped to two PCF domains, a reviewer approves it and it is
published; a practitioner finds it, records it as CPD in one step, completes
the reflection, and sees it on their readiness card and heatmap."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages
from tests.factories.portfolio import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Hypothesis testing in child and family assessments"


@pytest.fixture
def reviewer(organisation):
    from portfolio.people.groups import staff_member_sync_groups
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


def _fill_rich_text(page, label: str, text: str) -> None:
    field = page.locator(f"[data-contentpath='{label}'] [contenteditable='true']")
    field.click()
    page.keyboard.type(text)


def _editor_drafts_and_submits(browser, live_server, editor, section) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_through_pages(page, editor)
    page.goto(f"/admin/pages/add/learning/researchsummarypage/{section.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_title").press("Tab")
    # Wagtail fills the slug from the title in the browser, a moment later.
    page.wait_for_function("document.querySelector('#id_slug').value !== ''")
    page.locator("#id_summary").fill(
        "What a small qualitative study found about testing explanations with families."
    )
    _fill_rich_text(
        page,
        "key_findings",
        "Practitioners who wrote down rival explanations revisited them.",
    )
    _fill_rich_text(
        page, "implications", "Write down at least two explanations before deciding."
    )
    page.locator("#id_study_type").select_option("qualitative")
    page.locator("#id_evidence_strength").select_option("emerging")
    page.locator("#id_research_published_on").fill("2024-03-01")
    page.locator("#id_references-0-citation").fill(
        "Sample, A. (2024) A sample study. Sample Press."
    )
    page.locator("#id_references-0-url").fill("https://example.org/sample-study")
    page.locator("#id_cpd_hours").fill("1.5")
    page.get_by_label("PCF 6 Critical Reflection and Analysis").check()
    page.get_by_label("PCF 7 Skills and Interventions").check()
    page.get_by_label("Social Worker", exact=True).check()
    # Editors cannot publish: their only way on is the review workflow.
    assert page.get_by_role("button", name="Publish").count() == 0
    page.locator("nav.footer__container .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Submit to Training team review").click()
    page.wait_for_url(f"**/admin/pages/{section.pk}/")
    page.get_by_text("created and submitted for moderation").wait_for()
    context.close()


def _reviewer_approves(browser, live_server, reviewer, summary_id) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_through_pages(page, reviewer)
    page.goto(f"/admin/pages/{summary_id}/edit/")
    page.locator("nav.footer__container .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Approve", exact=False).first.click()
    dialog_submit = page.locator("[role='dialog'] button[type='submit']")
    if dialog_submit.count() and dialog_submit.first.is_visible():
        dialog_submit.first.click()
    page.wait_for_load_state()
    context.close()


def test_from_drafting_to_a_completed_cpd_entry(
    browser,
    live_server,
    page,
    training_editor,
    reviewer,
    practitioner,
    shipped_frameworks,
):
    from capabilities.models import Level
    from learning.models import ResearchSummaryPage
    from portfolio.people.groups import staff_member_sync_groups
    from tests.factories.learning import learning_section

    staff_member_sync_groups(user=training_editor)
    practitioner.target_level = Level.objects.get(
        framework__family="pcf", framework__version="2018", code="social-worker"
    )
    practitioner.save()
    section = learning_section("Research summaries")

    _editor_drafts_and_submits(browser, live_server, training_editor, section)
    summary = ResearchSummaryPage.objects.get(title=TITLE)
    assert not summary.live
    assert summary.current_workflow_state is not None

    _reviewer_approves(browser, live_server, reviewer, summary.pk)
    summary.refresh_from_db()
    assert summary.live

    sign_in_through_pages(page, practitioner)
    page.goto("/learning/")
    assert_accessible(page)
    page.get_by_role("link", name="Research summaries").click()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    assert (
        page.get_by_test_id("recorded-status").inner_text()
        == "You have not recorded this as CPD yet."
    )
    assert_accessible(page)

    page.get_by_test_id("record-as-cpd").click()
    assert "/edit/" in page.url
    assert page.get_by_label("Title").input_value() == TITLE
    assert page.get_by_test_id("map-pcf-6").is_checked()
    assert page.get_by_test_id("map-pcf-7").is_checked()
    page.get_by_label("What was it, and why is it relevant to your practice?").fill(
        "A research summary on testing explanations in assessments."
    )
    page.get_by_label("What did you learn?").fill(
        "Writing down a rival explanation stops me settling on the first one."
    )
    page.get_by_label(
        "What impact has it had on your practice, and on the people you work with?"
    ).fill("My assessments now set out the explanations I considered and why.")
    page.get_by_label("What did you learn from discussing it with a peer?").fill(
        "A colleague showed me how she shares her hypotheses with parents."
    )
    page.get_by_test_id("complete").click()
    assert page.get_by_test_id("entry-state").inner_text() == "Complete"

    page.goto(summary.url)
    assert (
        page.get_by_test_id("recorded-status").inner_text()
        == "You have recorded this as CPD:"
    )

    page.get_by_test_id("nav-portfolio").click()
    assert page.get_by_test_id("readiness-counting").inner_text() == "1"
    for domain in (6, 7):
        cells = page.get_by_test_id(f"heatmap-domain-{domain}").get_by_role("cell")
        assert cells.nth(5).inner_text() == "1"  # Social Worker is the sixth level
    assert_accessible(page)


def test_every_kind_of_learning_page_is_accessible(
    page, practitioner, training_editor, shipped_frameworks
):
    import io

    from django.core.management import call_command

    from learning.models import LearningPathwayPage, TrainingEventPage

    call_command("load_learning_content", stdout=io.StringIO())
    event = TrainingEventPage.objects.live().first()
    pathway = LearningPathwayPage.objects.live().first()

    sign_in_through_pages(page, training_editor)
    page.goto(event.url)
    page.get_by_test_id("attendance-link").click()
    page.get_by_label(practitioner.get_full_name(), exact=False).check()
    page.get_by_test_id("record-attendance").click()
    assert practitioner.get_full_name() in page.get_by_test_id("attendees").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in_through_pages(page, practitioner)
    for url in (event.url, pathway.url, "/learning/"):
        page.goto(url)
        assert_accessible(page)
    page.get_by_label("Search learning content").fill("Munro")
    page.get_by_test_id("learning-search").get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role(
        "link", name="The Munro Review of Child Protection", exact=False
    ).first.click()
    assert_accessible(page)
