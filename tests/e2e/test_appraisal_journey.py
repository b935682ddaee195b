"""A complete appraisal cycle in Chromium, from start to both signatures and
the locked PDF (prepared in the background, for the requester only), with
feedback through a link; axe-core on every page."""

import datetime
import re

from django.urls import reverse

import pytest

from tests.e2e.conftest import assert_accessible, fill_date
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_full_appraisal_cycle(
    browser, live_server, supervisor, practitioner, supervision, shipped_frameworks
):
    contexts = [
        browser.new_context(base_url=live_server.url, bypass_csp=True) for _ in range(3)
    ]
    try:
        boss, worker, stranger = (context.new_page() for context in contexts)
        sign_in_through_pages(boss, supervisor)
        boss.get_by_test_id("nav-appraisals").click()
        fill_date(boss, "Period starts", datetime.date(2025, 12, 1))
        fill_date(boss, "Period ends", datetime.date(2026, 11, 30))
        assert_accessible(boss)
        boss.get_by_role("button", name="Start appraisal").click()
        appraisal_url = boss.url

        sign_in_through_pages(worker, practitioner)
        worker.goto(appraisal_url)
        worker.get_by_label("Your rating for Knowledge").select_option(
            label="Developing"
        )
        worker.get_by_label("Your commentary on Knowledge").fill(
            "Law and research are improving."
        )
        worker.get_by_test_id("save-assessment").click()
        assert_accessible(worker)
        worker.get_by_test_id("make-feedback-link").click()
        link = re.search(
            r"https?://\S+/feedback/\S+?/",
            worker.get_by_test_id("message").inner_text(),
        ).group(0)
        stranger.goto(link)
        assert "Law and research" not in stranger.content()  # no portfolio data
        assert_accessible(stranger)
        stranger.get_by_label("What did they do well?").fill(
            "She explained the plan clearly."
        )
        stranger.get_by_role("button", name="Send feedback").click()
        stranger.get_by_test_id("feedback-thanks").wait_for()
        stranger.goto(link)
        assert "not valid" in stranger.content()
        worker.reload()
        assert (
            "She explained the plan clearly."
            in worker.get_by_test_id("feedback-list").inner_text()
        )
        worker.get_by_test_id("advance").click()  # self-assessment done
        worker.get_by_test_id("advance").click()  # feedback done

        boss.reload()
        boss.get_by_label("Your rating for Knowledge").select_option(
            label="Meeting the level"
        )
        boss.get_by_test_id("save-assessment").click()
        boss.get_by_test_id("advance").click()
        boss.get_by_label("Agreed strengths").fill("Relationship-based practice.")
        boss.get_by_label("Development needs").fill("Court skills.")
        boss.get_by_label("Career conversation").fill(
            "Experienced Social Worker in a year."
        )
        boss.locator("#objective_text_1").fill(
            "Give evidence in court with support by March."
        )
        boss.locator("#objective_due_1").fill("2027-03-31")
        assert_accessible(boss)
        boss.get_by_test_id("save-meeting").click()
        boss.get_by_test_id("advance").click()
        boss.get_by_test_id("sign").click()

        worker.reload()
        assert (
            "Give evidence in court" in worker.get_by_test_id("objectives").inner_text()
        )
        worker.get_by_test_id("sign").click()
        assert worker.get_by_test_id("appraisal-stage").inner_text() == "Signed"
        assert_accessible(worker)
        # The PDF is built in the background (eagerly here) and listed on the
        # supervisee's own exports page.
        worker.get_by_test_id("appraisal-pdf").click()
        worker.wait_for_url(f"**{reverse('portfolio:export_list')}")
        assert "being prepared" in worker.get_by_test_id("message").inner_text()
        link = worker.get_by_test_id("exports").get_by_role(
            "link", name="Download Signed appraisal (PDF)"
        )
        # Checked before the click: axe reads GOV.UK's focus style (yellow,
        # no underline) on the focused link as a link told apart by colour.
        assert_accessible(worker)
        with worker.expect_download() as download:
            link.click()
        assert open(download.value.path(), "rb").read(5) == b"%PDF-"
        # The appraiser sees the same appraisal, but not this copy.
        assert boss.request.get(link.get_attribute("href")).status == 404
        boss.goto(reverse("portfolio:export_list"))
        assert "Signed appraisal" not in boss.content()
    finally:
        for context in contexts:
            context.close()
