"""Suggested learning: content that fits the practitioner's gaps and plan."""

import datetime

import pytest

from capabilities.models import Level
from capabilities.selectors import item_by_reference
from learning.selectors import recommendations_for
from portfolio.evidence.models import EntryMapping, EntryState
from tests.factories.learning import research_summary
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def experienced(shipped_frameworks):
    return Level.objects.get(
        framework__family="pcf",
        framework__is_active=True,
        code="experienced-social-worker",
    )


@pytest.fixture
def aiming_for_experienced(practitioner, experienced):
    practitioner.target_level = experienced
    practitioner.save()
    return practitioner


def _evidence(owner, reference, level, count):
    for number in range(count):
        entry = EntryFactory(
            owner=owner,
            state=EntryState.COMPLETE,
            title=f"Evidence {reference} {number}",
        )
        EntryMapping.objects.create(
            entry=entry, item=item_by_reference(reference), level=level
        )


def test_content_for_the_thinnest_domains_comes_first_with_the_reason(
    aiming_for_experienced, experienced
):
    knowledge = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    reflection = research_summary(
        title="Critical reflection page", items=[item_by_reference("pcf@2018:6")]
    )
    _evidence(aiming_for_experienced, "pcf@2018:5", experienced, 1)

    suggested = recommendations_for(user=aiming_for_experienced)

    assert [item.page.pk for item in suggested] == [reflection.pk, knowledge.pk]
    assert suggested[0].reason == (
        "You have no evidence yet in Critical Reflection and Analysis at "
        "Experienced Social Worker level."
    )
    assert suggested[1].reason == (
        "You have little evidence in Knowledge at Experienced Social Worker level."
    )


def test_suggestions_change_when_the_gap_closes(aiming_for_experienced, experienced):
    knowledge = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    assert knowledge.pk in [
        item.page.pk for item in recommendations_for(user=aiming_for_experienced)
    ]

    _evidence(aiming_for_experienced, "pcf@2018:5", experienced, 2)

    assert knowledge.pk not in [
        item.page.pk for item in recommendations_for(user=aiming_for_experienced)
    ]


def test_evidence_at_another_level_does_not_close_the_gap(
    aiming_for_experienced, shipped_frameworks
):
    knowledge = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    asye = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="asye"
    )
    _evidence(aiming_for_experienced, "pcf@2018:5", asye, 3)
    assert knowledge.pk in [
        item.page.pk for item in recommendations_for(user=aiming_for_experienced)
    ]


def test_a_page_supporting_a_kss_statement_counts_for_its_pcf_domain(
    aiming_for_experienced,
):
    # The shipped crosswalk has KSS 1 (relationships and direct work) covering
    # PCF 7, Skills and Interventions.
    page = research_summary(
        title="KSS page", items=[item_by_reference("kss-cf-practitioner@2018:1")]
    )
    suggested = recommendations_for(user=aiming_for_experienced)
    assert [item.page.pk for item in suggested] == [page.pk]
    assert "Skills and Interventions" in suggested[0].reason


def test_development_plan_objectives_come_before_gaps(
    aiming_for_experienced, signed_appraisal
):
    objective_domain = item_by_reference("pcf@2018:9")
    objective = signed_appraisal.objectives.create(
        text="Lead a learning session for the team on the new assessment model",
        due_on=datetime.date.today() + datetime.timedelta(days=90),
    )
    objective.domains.set([objective_domain])
    gap_page = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    leading = research_summary(title="Leadership page", items=[objective_domain])

    suggested = recommendations_for(user=aiming_for_experienced)

    assert suggested[0].page.pk == leading.pk
    assert suggested[0].reason.startswith(
        "It supports your development-plan objective: Lead a"
    )
    assert gap_page.pk in [item.page.pk for item in suggested]


def test_recorded_and_unpublished_pages_are_not_suggested(
    aiming_for_experienced, signed_in
):
    recorded = research_summary(
        title="Already recorded", items=[item_by_reference("pcf@2018:5")]
    )
    research_summary(
        title="Unpublished", live=False, items=[item_by_reference("pcf@2018:5")]
    )
    signed_in(aiming_for_experienced).post(
        f"/learning/pages/{recorded.pk}/record-as-cpd/"
    )
    assert recommendations_for(user=aiming_for_experienced) == []


def test_without_a_level_there_are_no_gap_suggestions(practitioner, shipped_frameworks):
    research_summary(title="Knowledge page", items=[item_by_reference("pcf@2018:5")])
    assert recommendations_for(user=practitioner) == []


def test_the_dashboard_shows_suggestions_with_their_reasons(
    aiming_for_experienced, signed_in
):
    page = research_summary(
        title="Knowledge page", items=[item_by_reference("pcf@2018:5")]
    )
    html = signed_in(aiming_for_experienced).get("/portfolio/").content.decode()
    assert "Suggested learning" in html
    assert page.title in html
    assert (
        "You have no evidence yet in Knowledge at Experienced Social Worker level."
        in html
    )


def test_each_suggestion_says_why_that_page(aiming_for_experienced, experienced):
    # All three pages support Professionalism, the first gap, and one other
    # domain each: the reasons must differ by what each page covers.
    pages = {
        reference: research_summary(
            title=f"Page for {reference}",
            items=[item_by_reference("pcf@2018:1"), item_by_reference(reference)],
        )
        for reference in ("pcf@2018:2", "pcf@2018:3", "pcf@2018:4")
    }
    suggested = recommendations_for(user=aiming_for_experienced)

    reasons = {item.page.pk: item.reason for item in suggested}
    assert set(reasons) == {page.pk for page in pages.values()}
    assert len(set(reasons.values())) == 3
    for reference, page in pages.items():
        own = item_by_reference(reference).name
        others = {
            item_by_reference(other).name for other in pages if other != reference
        }
        assert "Professionalism" in reasons[page.pk]
        assert own in reasons[page.pk]
        assert not any(name in reasons[page.pk] for name in others)


def test_a_reason_names_every_gap_the_page_covers_and_its_level(
    aiming_for_experienced, experienced
):
    page = research_summary(
        title="Two domains",
        items=[item_by_reference("pcf@2018:5"), item_by_reference("pcf@2018:6")],
        levels=[experienced],
    )
    _evidence(aiming_for_experienced, "pcf@2018:5", experienced, 1)

    [suggestion] = recommendations_for(user=aiming_for_experienced)

    assert suggestion.page.pk == page.pk
    assert suggestion.reason == (
        "You have no evidence yet in Critical Reflection and Analysis at "
        "Experienced Social Worker level. You have little evidence in Knowledge "
        "at Experienced Social Worker level. It is written for the Experienced "
        "Social Worker level."
    )


def test_the_no_evidence_line_lists_only_domains_without_evidence(
    aiming_for_experienced, experienced, signed_in
):
    _evidence(aiming_for_experienced, "pcf@2018:5", experienced, 1)
    html = signed_in(aiming_for_experienced).get("/portfolio/").content.decode()

    missing = html.split('data-testid="coverage-missing"')[1].split("</p>")[0]
    thin = html.split('data-testid="coverage-thin"')[1].split("</p>")[0]
    assert "No evidence yet at Experienced Social Worker level" in missing
    assert "Knowledge" not in missing
    assert "Critical Reflection and Analysis" in missing
    assert "Knowledge" in thin
    assert "Critical Reflection" not in thin


def test_with_a_level_and_nothing_to_suggest_the_panel_says_so(
    aiming_for_experienced, signed_in
):
    html = signed_in(aiming_for_experienced).get("/portfolio/").content.decode()
    assert "No published learning matches your gaps" in html
    assert "Set the level you are working towards" not in html
