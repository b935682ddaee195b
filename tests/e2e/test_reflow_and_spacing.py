"""WCAG 1.4.10 Reflow and 1.4.12 Text spacing on every page the journeys
visit: at 320 × 640 CSS pixels nothing scrolls sideways (a wide table scrolls
inside its own labelled, focusable region instead), and with the WCAG text-
spacing override applied no text is cut off and still nothing scrolls sideways.

axe cannot see either: both depend on the rendered layout."""

from django.urls import reverse

import pytest

from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}

# The override WCAG 1.4.12 names, as the usual bookmarklet applies it.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

_SIDEWAYS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  // Name what sticks out, so a failure says where to look.
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > root.clientWidth + 1 && !el.closest("[data-scroll-region]")) {
      wide.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className} (${Math.round(box.right)}px)`);
    }
  }
  return wide.slice(-5).length ? wide.slice(-5) : ["the page"];
}"""

_CLIPPED = """() => {
  const clipped = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".govuk-visually-hidden, [hidden], dialog:not([open])")) continue;
    const style = getComputedStyle(el);
    const hidesX = ["hidden", "clip"].includes(style.overflowX);
    const hidesY = ["hidden", "clip"].includes(style.overflowY);
    if (!hidesX && !hidesY) continue;
    if (!el.textContent.trim() || el.clientWidth <= 1) continue;
    if ((hidesX && el.scrollWidth > el.clientWidth + 1) ||
        (hidesY && el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return clipped;
}"""


def check_reflow_and_spacing(page, path: str) -> list[str]:
    """What goes wrong on ``path`` at 320 px, then with text spacing."""
    page.set_viewport_size(NARROW)
    page.goto(path)
    problems = [f"{path} scrolls sideways: {w}" for w in page.evaluate(_SIDEWAYS)]
    page.add_style_tag(content=TEXT_SPACING_CSS)
    problems += [
        f"{path} with text spacing scrolls sideways: {w}"
        for w in page.evaluate(_SIDEWAYS)
    ]
    problems += [f"{path} clips text: {c}" for c in page.evaluate(_CLIPPED)]
    return problems


def test_a_practitioners_pages_reflow_at_320_px_with_text_spacing(
    page, practitioner, shipped_frameworks, shared_entry, appraisal
):
    from capabilities.models import Level

    levels = Level.objects.filter(framework__family="pcf", framework__version="2018")
    practitioner.career_level = levels.get(code="social-worker")
    practitioner.target_level = levels.get(code="experienced-social-worker")
    practitioner.save()
    shared_entry.title = "Workshop: analysis in child and family assessments"
    shared_entry.save()
    sign_in_through_pages(page, practitioner)
    paths = [
        reverse("home"),
        reverse("portfolio:dashboard"),
        reverse("portfolio:entry_list"),
        reverse("portfolio:entry_create"),
        reverse("portfolio:entry_detail", args=[shared_entry.pk]),
        reverse("portfolio:entry_edit", args=[shared_entry.pk]),
        reverse("portfolio:entry_swe", args=[shared_entry.pk]),
        reverse("career:mine"),
        reverse("appraisal:list"),
        reverse("appraisal:detail", args=[appraisal.pk]),
        reverse("supervision:mine"),
        reverse("portfolio:export_list"),
        reverse("notifications:list"),
        reverse("notifications:preferences"),
        reverse("search:search") + "?q=assessment",
        reverse("capabilities:framework_index"),
        reverse("accessibility"),
    ]
    problems = []
    for path in paths:
        problems += check_reflow_and_spacing(page, path)
    assert problems == [], "\n".join(problems)


def test_a_supervisors_pages_reflow_at_320_px_with_text_spacing(
    page, supervisor, supervision, shared_entry, appraisal, level_request
):
    sign_in_through_pages(page, supervisor)
    paths = [
        reverse("home"),
        reverse("supervision:home"),
        reverse("supervision:queue"),
        reverse("supervision:supervisee", args=[supervision.pk]),
        reverse("supervision:entry_review", args=[shared_entry.pk]),
        reverse("career:requests"),
        reverse("appraisal:list"),
        reverse("appraisal:detail", args=[appraisal.pk]),
        reverse("reports:index"),
    ]
    problems = []
    for path in paths:
        problems += check_reflow_and_spacing(page, path)
    assert problems == [], "\n".join(problems)


def test_the_sign_in_page_reflows_at_320_px_with_text_spacing(page):
    assert check_reflow_and_spacing(page, reverse("account_login")) == []
