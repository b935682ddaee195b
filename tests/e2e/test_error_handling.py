"""WCAG 3.3.1 Error identification, 1.3.1, 2.4.4 and 2.4.3 on each main form's
failed submit: an error summary that takes focus, an "Error:" title, and links
that each name their field (never the same words twice) and take the person
to it, where the field is marked invalid and described by its message."""

import io

from django.urls import reverse

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The visible name of the field an id belongs to: its label, or for a group of
# checkboxes or radios, its fieldset's legend.
_FIELD_NAME = """(id) => {
  const target = document.getElementById(id);
  if (!target) return null;
  if (target.tagName === "FIELDSET") {
    return target.querySelector("legend").textContent.trim();
  }
  if (target.closest(".govuk-date-input")) {
    // A date's day box: the date is named by its fieldset's legend.
    return target.closest("fieldset").querySelector("legend").textContent.trim();
  }
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  return label ? label.textContent.trim() : null;
}"""

# Whether the field shows its error state and is described by a message.
_FIELD_STATE = """(id) => {
  const field = document.getElementById(id);
  // A date's boxes are described through their fieldset, as GOV.UK does.
  const target = field.closest(".govuk-date-input") ? field.closest("fieldset") : field;
  const described = (target.getAttribute("aria-describedby") || "")
    .split(/\\s+/).filter(Boolean)
    .map((ref) => document.getElementById(ref)?.textContent ?? "").join(" ");
  return {
    group_in_error: target.closest(".govuk-form-group--error") !== null,
    described,
  };
}"""


def check_error_summary(page, *, expect_fields: set[str] = frozenset()) -> list[str]:
    """Check the summary on a failed submit; return the ids its links reach."""
    summary = page.get_by_test_id("error-summary")
    summary.wait_for()
    assert page.title().startswith("Error: "), page.title()
    assert page.evaluate(
        "document.activeElement.classList.contains('govuk-error-summary')"
    ), "the error summary did not take focus"
    links = summary.locator("a")
    texts = links.all_inner_texts()
    assert texts, "the summary has no links to the fields"
    assert len(set(texts)) == len(texts), f"links repeat the same words: {texts}"
    reached = []
    for index in range(links.count()):
        link = links.nth(index)
        href = link.get_attribute("href")
        assert href.startswith("#") and len(href) > 1, f"{texts[index]} → {href}"
        field_id = href[1:]
        name = page.evaluate(_FIELD_NAME, field_id)
        assert name, f"{texts[index]} points at {href}, which is not a field"
        assert name in texts[index], f"{texts[index]!r} does not name {name!r}"
        link.click()
        assert page.evaluate("document.activeElement.id") == field_id
        state = page.evaluate(_FIELD_STATE, field_id)
        assert state["group_in_error"], f"{name} is not marked invalid"
        message = texts[index].removeprefix(f"{name}: ")
        assert message in state["described"], f"{name} is not described by its error"
        reached.append(field_id)
    assert expect_fields <= set(reached), reached
    return reached


def test_record_cpd_without_a_capability_leads_to_the_capabilities(
    page, practitioner, shipped_frameworks
):
    sign_in_through_pages(page, practitioner)
    page.goto(reverse("portfolio:entry_create"))
    page.get_by_label("Title").fill("Workshop on analysis")
    page.get_by_test_id("complete").click()
    check_error_summary(page, expect_fields={"id_mapping_items"})
    fieldset = page.get_by_test_id("mapping-fieldset")
    assert "Error:" in page.evaluate(
        """(el) => el.getAttribute("aria-describedby").split(" ")
            .map((id) => document.getElementById(id).textContent).join(" ")""",
        fieldset.element_handle(),
    )
    assert_accessible(page)


def test_start_appraisal_without_dates_shows_an_error_summary(
    page, supervisor, supervision, shipped_frameworks
):
    sign_in_through_pages(page, supervisor)
    page.goto(reverse("appraisal:list"))
    page.get_by_role("button", name="Start appraisal").click()
    check_error_summary(page, expect_fields={"period_start_0", "period_end_0"})
    # GOV.UK's date input: day, month and year boxes, each marked invalid.
    for box in ("period_start_0", "period_start_1", "period_start_2"):
        assert page.locator(f"#{box}").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_asking_to_move_up_without_a_reason_shows_an_error_summary(
    page, practitioner, supervision, shipped_frameworks
):
    sign_in_through_pages(page, practitioner)
    page.goto(reverse("career:mine"))
    page.get_by_role("button", name="Send request").click()
    check_error_summary(page)
    assert_accessible(page)


def test_a_review_decision_without_a_comment_shows_an_error_summary(
    page, supervisor, shared_entry
):
    sign_in_through_pages(page, supervisor)
    page.goto(reverse("supervision:entry_review", args=[shared_entry.pk]))
    page.get_by_test_id("send-decision").click()
    check_error_summary(page)
    assert_accessible(page)


def test_recording_an_empty_supervision_session_shows_an_error_summary(
    page, supervisor, supervision
):
    sign_in_through_pages(page, supervisor)
    page.goto(reverse("supervision:supervisee", args=[supervision.pk]))
    page.get_by_role("button", name="Record session").click()
    check_error_summary(page)
    assert_accessible(page)


def test_a_rejected_attachment_shows_an_error_summary(page, practitioner, entry):
    sign_in_through_pages(page, practitioner)
    page.goto(reverse("portfolio:entry_detail", args=[entry.pk]))
    page.get_by_label("Attach a file").set_input_files(
        {
            "name": "tool.exe",
            "mimeType": "application/octet-stream",
            "buffer": b"MZ" + io.BytesIO(b"\0" * 64).getvalue(),
        }
    )
    page.get_by_test_id("upload").click()
    check_error_summary(page, expect_fields={"attachment-file"})
    assert_accessible(page)


def test_the_error_summary_is_reached_and_used_with_the_keyboard_alone(
    page, supervisor, supervision, shipped_frameworks
):
    """Keyboard only: tab to the start form, submit it with Enter, then follow
    the summary's first link with Enter and land in the field."""
    sign_in_through_pages(page, supervisor)
    page.goto(reverse("appraisal:list"))
    button = page.get_by_role("button", name="Start appraisal")
    for _ in range(60):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Start appraisal cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.get_by_test_id("error-summary").wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "period_start_0"
