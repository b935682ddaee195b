"""The key journey of the portfolio in Chromium: record CPD with a Gibbs
reflection, map it, attach a certificate photo, meet the confidentiality
guard, fix the text, complete, and see readiness and coverage change."""

import datetime
import io

import pytest
from PIL import Image

from tests.e2e.conftest import assert_accessible, fill_date
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _certificate_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def test_practitioner_records_maps_attaches_and_completes_cpd(
    page, practitioner, shipped_frameworks
):
    from capabilities.models import Level

    practitioner.target_level = Level.objects.get(
        framework__family="pcf", framework__version="2018", code="social-worker"
    )
    practitioner.save()
    sign_in_through_pages(page, practitioner)
    page.get_by_test_id("nav-portfolio").click()
    assert page.get_by_test_id("readiness-counting").inner_text() == "0"
    assert (
        page.get_by_test_id("heatmap-domain-6").get_by_role("cell").nth(5).inner_text()
        == "0"
    )
    assert_accessible(page)

    page.get_by_test_id("new-entry").click()
    page.get_by_label("Title").fill(
        "Workshop: analysis in child and family assessments"
    )
    fill_date(page, "Date of the activity", datetime.date.today())
    page.get_by_label("Type of CPD").select_option("course")
    page.get_by_label("Hours").fill("3")
    page.get_by_label("What was it, and why is it relevant to your practice?").fill(
        "A half-day workshop on analysis and decision-making in assessments."
    )
    page.get_by_label("What did you learn?").fill(
        "When I visited Mrs Pearson at LS6 2QR I saw how hypotheses help."
    )
    page.get_by_label(
        "What impact has it had on your practice, and on the people you work with?"
    ).fill("My assessments now set out the explanations I considered.")
    page.get_by_label("What did you learn from discussing it with a peer?").fill(
        "A colleague showed me how she tests hypotheses with families."
    )
    page.get_by_label("Reflective model (optional)").select_option("gibbs")
    page.get_by_label("Feelings").fill("Unsure at first, then more confident.")
    assert page.get_by_label("Concrete experience").is_hidden()
    page.get_by_test_id("map-pcf-6").check()
    page.get_by_test_id("map-pcf-7").check()
    page.get_by_text("Social Work England professional standards").click()
    page.get_by_test_id("map-swe-standards-4.6").check()
    page.get_by_label("Level you are claiming").select_option(label="Social Worker")
    page.get_by_test_id("autosave-status").filter(has_text="Draft saved").wait_for()
    assert "/edit/" in page.url  # the autosaved draft now has its own address
    # The confidentiality check's findings show while writing (issue 14,
    # item 6), in words: the field, the flagged text and why.
    findings = page.get_by_test_id("confidentiality-findings")
    findings.get_by_text("may identify someone").wait_for()
    flagged = findings.get_by_test_id("finding").filter(has_text="What did you learn?")
    assert "LS6 2QR" in flagged.inner_text()
    assert flagged.locator("mark").count() >= 1
    assert_accessible(page)

    page.get_by_test_id("save-draft").click()
    page.get_by_test_id("entry-state").wait_for()
    page.get_by_label("Attach a file").set_input_files(
        files=[
            {
                "name": "certificate.jpg",
                "mimeType": "image/jpeg",
                "buffer": _certificate_photo(),
            }
        ]
    )
    page.get_by_test_id("upload").click()
    assert page.get_by_test_id("attachments").inner_text().startswith("certificate.jpg")
    assert_accessible(page)

    page.get_by_role("link", name="Edit").click()
    page.get_by_test_id("complete").click()
    warning = page.get_by_test_id("confidentiality-warning")
    warning.wait_for()
    marked = [m.inner_text() for m in page.get_by_test_id("identifier").all()]
    assert "LS6 2QR" in marked and any("Pearson" in m for m in marked)
    # Not by colour alone: the flagged words are bold and underlined too, and
    # the flagged field itself says, in words tied to it, what was flagged.
    assert page.get_by_test_id("identifier").first.evaluate(
        "el => getComputedStyle(el).fontWeight >= 700"
        " && getComputedStyle(el).textDecorationLine.includes('underline')"
    )
    learned = page.get_by_label("What did you learn?")
    flag = page.locator(f"#{learned.get_attribute('id')}-flag")
    assert "may identify someone" in flag.inner_text()
    assert "LS6 2QR" in flag.inner_text()
    assert f"{learned.get_attribute('id')}-flag" in learned.get_attribute(
        "aria-describedby"
    )
    assert_accessible(page)
    page.get_by_label("What did you learn?").fill(
        "On a home visit I saw how testing hypotheses with a parent helps."
    )
    page.get_by_test_id("complete").click()
    assert page.get_by_test_id("entry-state").inner_text() == "Complete"

    page.get_by_test_id("nav-portfolio").click()
    assert page.get_by_test_id("readiness-counting").inner_text() == "1"
    assert page.get_by_test_id("readiness-peer").inner_text() == "1"
    row = page.get_by_test_id("heatmap-domain-6").get_by_role("cell")
    assert row.nth(5).inner_text() == "1"  # Social Worker is the sixth level
    assert_accessible(page)


#: Milliseconds between the last keystroke and the click: at once, before the
#: background save fires (it waits 1.5 s), and while it is on its way.
SAVE_DELAYS_MS = (0, 300, 1000, 1550, 1700)


def test_typing_then_saving_at_once_makes_one_entry_every_time(
    page, practitioner, shipped_frameworks
):
    """Issue 14, item 1: "Save and complete" right after typing once left a
    second, draft copy of the entry (the pending background save went out as
    the page unloaded, without knowing the entry now existed)."""
    from portfolio.evidence.models import Entry, EntryState

    sign_in_through_pages(page, practitioner)
    for attempt, delay in enumerate(SAVE_DELAYS_MS):
        title = f"Team learning session {attempt}"
        page.goto("/portfolio/entries/new/")
        fill_date(page, "Date of the activity", datetime.date.today())
        page.get_by_label("Type of CPD").select_option("peer_discussion")
        page.get_by_label("Hours").fill("1")
        page.get_by_label("What was it, and why is it relevant to your practice?").fill(
            "A team session on analysis in assessments."
        )
        page.get_by_label("What did you learn?").fill("To test hypotheses early.")
        page.get_by_label(
            "What impact has it had on your practice, and on the people you work with?"
        ).fill("I set out the explanations I considered.")
        page.get_by_test_id("map-pcf-6").check()
        page.get_by_label("Title").press_sequentially(title)
        page.wait_for_timeout(delay)
        page.get_by_test_id("complete").click()
        page.get_by_test_id("entry-state").wait_for()
        assert page.get_by_test_id("entry-state").inner_text() == "Complete"
        # Give any save still on its way time to land before counting.
        page.wait_for_timeout(2000)
        states = list(
            Entry.objects.filter(owner=practitioner, title=title).values_list(
                "state", flat=True
            )
        )
        assert states == [EntryState.COMPLETE], (delay, states)
    page.get_by_test_id("nav-portfolio").click()
    assert "still a draft" not in page.get_by_test_id("readiness-card").inner_text()
