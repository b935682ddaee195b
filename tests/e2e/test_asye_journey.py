"""An NQSW's assessed year in Chromium, from the organisation admin's
assignment to the moderation panel's decision on the career path, with
axe-core on every page."""

import datetime

from django.utils import timezone

import pytest

from tests.e2e.conftest import assert_accessible, fill_date
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _review(page, month_label, held_on, progress="On track"):
    page.get_by_label("Review", exact=True).select_option(label=month_label)
    fill_date(page, "Held on", held_on)
    page.get_by_label("The social worker's view").fill("I feel more confident.")
    page.get_by_label("The manager's view").fill("Steady, reliable progress.")
    page.get_by_label("Your holistic judgement").fill(
        f"{month_label}: developing well against the PCF at ASYE level."
    )
    page.get_by_label(progress, exact=True).check()
    page.get_by_role("button", name="Record the review").click()
    page.get_by_test_id("asye-review-schedule").wait_for()
    assert_accessible(page)


def test_an_nqsw_year_from_assignment_to_the_panels_decision(
    browser, live_server, org_admin, supervisor, practitioner
):
    # The year started a year ago, so every review is due (no clock travel
    # needed: the dates are entered relative to today).
    today = timezone.localdate()
    started = today - datetime.timedelta(days=366)
    contexts = [
        browser.new_context(base_url=live_server.url, bypass_csp=True) for _ in range(3)
    ]
    try:
        admin, assessor, nqsw = (context.new_page() for context in contexts)

        sign_in_through_pages(admin, org_admin)
        admin.get_by_test_id("nav-asye").click()
        admin.get_by_role("link", name="The cohort").click()
        assert_accessible(admin)
        admin.get_by_label("Newly qualified social worker").select_option(
            value=str(practitioner.pk)
        )
        admin.get_by_label("ASYE assessor").select_option(value=str(supervisor.pk))
        admin.get_by_label("Programme").select_option(
            label="Assessed and Supported Year in Employment"
        )
        fill_date(admin, "Starts on", started)
        admin.get_by_role("button", name="Start the year").click()
        assert str(practitioner) in admin.get_by_test_id("asye-cohort").inner_text()
        assert_accessible(admin)
        admin.get_by_label("Add to the moderation panel").select_option(
            value=str(org_admin.pk)
        )
        admin.get_by_role("button", name="Add to the panel").click()
        assert str(org_admin) in admin.get_by_test_id("asye-panel-members").inner_text()
        assert_accessible(admin)

        sign_in_through_pages(assessor, supervisor)
        assessor.goto("/notifications/")
        assessor.get_by_role("link", name="assessor for the").first.click()
        assessor.get_by_test_id("asye-plan-form").wait_for()
        assert_accessible(assessor)
        assessor.get_by_label("Workload protection").fill("A 70% caseload.")
        assessor.get_by_label("Supervision rhythm").fill(
            "Weekly for six weeks, fortnightly to six months, then monthly."
        )
        assessor.get_by_label("Learning needs").fill("Court report writing.")
        fill_date(assessor, "Agreed on", started + datetime.timedelta(days=14))
        assessor.get_by_role("button", name="Save the support plan").click()
        assert_accessible(assessor)
        year_url = assessor.url

        sign_in_through_pages(nqsw, practitioner)
        nqsw.get_by_test_id("nav-career").click()
        nqsw.get_by_role("link", name="Your year: support plan").click()
        assert (
            "A 70% caseload." in nqsw.get_by_test_id("asye-support-plan").inner_text()
        )
        assert_accessible(nqsw)
        fill_date(nqsw, "Date", today)
        nqsw.get_by_label("Critical reflection").fill(
            "Working with a family's anger taught me to slow down."
        )
        nqsw.get_by_role("button", name="Add to your log").click()
        assert "slow down" in nqsw.get_by_test_id("asye-reflections").inner_text()
        assert_accessible(nqsw)

        assessor.goto(year_url)
        for months, label in ((3, "3-month review"), (6, "6-month review")):
            held = started + datetime.timedelta(days=months * 30)
            _review(assessor, label, held)
        _review(assessor, "12-month review", today)
        assert "slow down" in assessor.get_by_test_id("asye-reflections").inner_text()
        assessor.get_by_label("Pass", exact=True).check()
        assessor.get_by_role("button", name="Send to the moderation panel").click()
        assert (
            "moderation panel" in assessor.get_by_test_id("asye-outcome").inner_text()
        )
        assert_accessible(assessor)

        admin.get_by_test_id("nav-asye").click()
        assert_accessible(admin)
        admin.get_by_role("link", name="Portfolios waiting for the panel").click()
        assert_accessible(admin)
        admin.get_by_test_id("asye-panel-queue").get_by_role("link").click()
        assert str(practitioner) not in admin.locator("main").inner_text()
        assert "Pass" in admin.get_by_test_id("panel-recommendation").inner_text()
        assert_accessible(admin)
        admin.get_by_label("Pass", exact=True).check()
        admin.get_by_role("button", name="Record the panel's decision").click()
        assert (
            "Nothing waiting" in admin.get_by_test_id("asye-panel-queue").inner_text()
        )
        assert_accessible(admin)

        nqsw.get_by_test_id("nav-career").click()
        outcome = nqsw.get_by_test_id("asye-outcome").inner_text()
        assert "Moderation panel's decision" in outcome and "Pass" in outcome
        assert_accessible(nqsw)
        admin.goto("/asye/cohort/")
        assert "Decided: Pass" in admin.get_by_test_id("asye-cohort").inner_text()
        assert_accessible(admin)
    finally:
        for context in contexts:
            context.close()
