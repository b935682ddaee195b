"""WCAG 2.2.1 Timing adjustable, 2.4.3 Focus order and 2.4.11 Focus not
obscured, for the session-timeout warning every page with a form carries.

The live server runs in this process, so a short SESSION_COOKIE_AGE set here
ends real sessions within seconds (each request restarts the session)."""

from django.urls import reverse

import pytest

from tests.auth import PASSWORD
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Whether the focused element can be seen: the element at its centre is the
# element itself (or inside it), not something drawn over it.
_FOCUSED_IS_VISIBLE = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) {
    el.scrollIntoView({block: "center"});
  }
  const again = el.getBoundingClientRect();
  const top = document.elementFromPoint(again.left + again.width / 2, again.top + again.height / 2);
  return top !== null && (top === el || el.contains(top));
}"""


@pytest.fixture
def career_ready(practitioner, supervision, shipped_frameworks):
    from capabilities.models import Level

    levels = Level.objects.filter(framework__family="pcf", framework__version="2018")
    practitioner.career_level = levels.get(code="social-worker")
    practitioner.target_level = levels.get(code="experienced-social-worker")
    practitioner.save()
    return practitioner


@pytest.mark.parametrize(
    ("url_name", "field_label"),
    [
        ("career:mine", "Why you are ready"),
        ("appraisal:detail", "Your commentary on Knowledge"),
        ("portfolio:entry_create", "Title"),
    ],
)
def test_every_form_page_warns_and_escape_returns_focus_to_the_field(
    page, settings, career_ready, appraisal, url_name, field_label
):
    sign_in_through_pages(page, career_ready)
    settings.SESSION_COOKIE_AGE = 30  # the warning opens a second after load
    args = [appraisal.pk] if url_name == "appraisal:detail" else []
    page.goto(reverse(url_name, args=args))
    warning = page.get_by_test_id("session-warning")
    page.get_by_label(field_label).first.focus()
    was_focused = page.evaluate("document.activeElement.outerHTML")
    warning.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Stay signed in"
    )
    assert_accessible(page)
    with page.expect_response(reverse("portfolio:session_keepalive")) as kept:
        page.keyboard.press("Escape")
    assert kept.value.ok
    assert warning.is_hidden()
    assert page.evaluate("document.activeElement.outerHTML") == was_focused


def test_stay_signed_in_extends_the_session_and_returns_focus(
    page, settings, career_ready
):
    sign_in_through_pages(page, career_ready)
    settings.SESSION_COOKIE_AGE = 30
    page.goto(reverse("career:mine"))
    reason = page.get_by_label("Why you are ready")
    reason.fill("Two years of complex work.")
    page.get_by_test_id("session-warning").wait_for(state="visible", timeout=5_000)
    with page.expect_response(reverse("portfolio:session_keepalive")) as kept:
        page.get_by_role("button", name="Stay signed in").click()
    assert kept.value.json()["seconds_left"] > 0
    assert reason.evaluate("el => el === document.activeElement")


def test_at_320_px_the_warning_never_hides_the_focused_element(
    page, settings, career_ready
):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_through_pages(page, career_ready)
    settings.SESSION_COOKIE_AGE = 30
    page.goto(reverse("career:mine"))
    page.get_by_label("Why you are ready").focus()
    warning = page.get_by_test_id("session-warning")
    warning.wait_for(state="visible", timeout=5_000)
    # Tabbing on while it is open: focus stays on what can be seen (the page
    # behind the dialog is inert, so nothing focused sits behind it).
    for _ in range(6):
        assert page.evaluate(_FOCUSED_IS_VISIBLE), page.evaluate(
            "document.activeElement.outerHTML"
        )
        page.keyboard.press("Tab")
    height = warning.bounding_box()["height"]
    assert height < 0.45 * 640, f"the warning is {height}px of 640"
    page.keyboard.press("Escape")
    assert warning.is_hidden()
    # And after it closes, tabbing to the footer shows every link.
    for _ in range(80):
        page.keyboard.press("Tab")
        assert page.evaluate(_FOCUSED_IS_VISIBLE)
        if page.evaluate("document.activeElement.closest('footer') !== null"):
            break


def test_what_was_typed_comes_back_after_the_session_ends(page, settings, career_ready):
    sign_in_through_pages(page, career_ready)
    settings.SESSION_COOKIE_AGE = 4
    page.goto(reverse("career:mine"))
    page.get_by_label("Why you are ready").fill(
        "An hour of careful writing about two years of complex work."
    )
    page.wait_for_url("**/accounts/login/**", timeout=15_000)
    settings.SESSION_COOKIE_AGE = 3600
    assert "next=" in page.url
    page.get_by_label("Email address").fill(career_ready.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(f"**{reverse('career:mine')}")
    assert page.get_by_label("Why you are ready").input_value() == (
        "An hour of careful writing about two years of complex work."
    )
    assert (
        "put back what you typed"
        in page.get_by_test_id("typed-text-restored").inner_text()
    )
    # Sent successfully, it is not put back again.
    page.get_by_label("The level you are ready for").select_option(
        label="Experienced Social Worker"
    )
    page.get_by_role("button", name="Send request").click()
    page.goto(reverse("career:mine"))
    assert page.get_by_label("Why you are ready").input_value() == ""
    assert page.get_by_test_id("typed-text-restored").count() == 0


def test_a_submit_after_the_session_ended_keeps_the_text(page, career_ready):
    sign_in_through_pages(page, career_ready)
    page.goto(reverse("career:mine"))
    page.get_by_label("Why you are ready").fill("Written while the session ended.")
    # The session ends on the server before the page's timer notices.
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email address").fill(career_ready.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(f"**{reverse('career:mine')}")
    assert page.get_by_label("Why you are ready").input_value() == (
        "Written while the session ended."
    )
