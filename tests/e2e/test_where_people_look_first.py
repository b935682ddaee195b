"""Where people look first, in Chromium: a home page that says what to do
next, Learning in the navigation, headings that name whose record it is,
suggestions that say why each page, and a coverage table that fits from a
laptop down to a phone. axe-core on every page the journeys visit."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _level(code):
    from capabilities.models import Level

    return Level.objects.get(
        framework__family="pcf", framework__is_active=True, code=code
    )


@pytest.fixture
def working_towards(practitioner, shipped_frameworks):
    practitioner.career_level = _level("social-worker")
    practitioner.target_level = _level("experienced-social-worker")
    practitioner.save()
    return practitioner


def _page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_the_coverage_table_fits_or_scrolls_in_a_labelled_region(
    browser, live_server, working_towards, width
):
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        viewport={"width": width, "height": 800},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in_through_pages(page, working_towards)
        page.get_by_test_id("nav-portfolio").click()
        assert not _page_scrolls_sideways(page)

        region = page.get_by_role("region", name="Coverage table by domain and level")
        assert region.get_attribute("tabindex") == "0"
        card = page.get_by_test_id("coverage").bounding_box()
        headers = page.get_by_test_id("heatmap").locator("thead th")
        assert headers.count() == 10  # the domain column and the nine levels
        # Keyboard only: focus the region and scroll it with the arrow keys
        # until every column has been inside the card.
        region.focus()
        seen = set()
        for _press in range(60):
            for index in range(headers.count()):
                box = headers.nth(index).bounding_box()
                if box["x"] >= card["x"] - 1 and (
                    box["x"] + box["width"] <= card["x"] + card["width"] + 1
                ):
                    seen.add(index)
            if len(seen) == headers.count():
                break
            page.keyboard.press("ArrowRight")
        assert seen == set(range(headers.count()))
        scrolls = region.evaluate("el => el.scrollWidth > el.clientWidth")
        hint = page.get_by_test_id("coverage-scroll-hint")
        if scrolls:
            expect(hint).to_be_visible()
        else:
            expect(hint).to_be_hidden()
        assert scrolls == (width < 1000)
        assert not _page_scrolls_sideways(page)
        assert_accessible(page)
    finally:
        context.close()


def test_a_practitioner_home_says_what_to_do_next(
    page, working_towards, shared_entry, signed_appraisal
):
    from capabilities.selectors import item_by_reference
    from tests.factories.learning import research_summary

    signed_appraisal.objectives.create(
        text="Run a case discussion on neglect",
        due_on=datetime.date.today() + datetime.timedelta(days=60),
    )
    # Each page covers the first gap (Professionalism) and one other domain.
    pages = [
        research_summary(
            title=f"Learning for {reference}",
            items=[item_by_reference("pcf@2018:1"), item_by_reference(reference)],
        )
        for reference in ("pcf@2018:2", "pcf@2018:3", "pcf@2018:4")
    ]

    sign_in_through_pages(page, working_towards)
    page.get_by_test_id("home-heading").wait_for()
    assert page.get_by_test_id("home-readiness-status").inner_text() == "Not yet met"
    assert (
        "peer reflection" in page.get_by_test_id("home-readiness-needed").inner_text()
    )
    reviews = page.get_by_test_id("home-reviews").inner_text()
    assert "Shared reflection" in reviews and "Waiting for review" in reviews
    assert "Run a case discussion on neglect" in (
        page.get_by_test_id("home-next-objective").inner_text()
    )
    assert "Next supervision with" in (
        page.get_by_test_id("home-supervision-due").inner_text()
    )
    reasons = page.get_by_test_id("recommendation-reason").all_inner_texts()
    assert len(reasons) == 3 and len(set(reasons)) == 3
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert not _page_scrolls_sideways(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name=pages[0].title).click()
    assert_accessible(page)
    page.get_by_test_id("nav-learning").click()
    assert page.get_by_test_id("nav-learning").get_attribute("aria-current") == "page"
    assert_accessible(page)


def test_a_supervisor_home_shows_the_queue_and_names_the_supervisee(
    page, supervisor, practitioner, shared_entry, appraisal
):
    from portfolio.appraisal.models import Appraisal

    Appraisal.objects.filter(pk=appraisal.pk).update(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    sign_in_through_pages(page, supervisor)
    queue = page.get_by_test_id("home-queue")
    assert "Shared reflection" in queue.inner_text()
    assert practitioner.get_full_name() in (
        page.get_by_test_id("home-supervisees-due").inner_text()
    )
    assert_accessible(page)

    queue.get_by_role("link", name="Shared reflection").click()
    assert "/supervision/entries/" in page.url
    assert_accessible(page)

    page.goto("/")
    page.get_by_test_id("home-supervisees-due").get_by_role(
        "link", name=practitioner.get_full_name()
    ).click()
    heading = f"{practitioner.get_full_name()}'s coverage of the PCF"
    assert page.get_by_test_id("coverage-heading").inner_text() == heading
    assert_accessible(page)

    page.goto(f"/appraisals/{appraisal.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Annual appraisal 2026"
    assert page.get_by_test_id("coverage-heading").inner_text() == heading
    assert_accessible(page)
