"""Report figures on a small organisation worked out by hand (see conftest)."""

import pytest

from tests.portfolio.reports.helpers import build, columns, table

pytestmark = pytest.mark.django_db


def _admin_build(riverside, key, **filters):
    return build(
        key, riverside.admin, riverside.today, year=riverside.year.ends.year, **filters
    )


def test_readiness_by_team_counts_complete_social_workers(riverside):
    result = _admin_build(riverside, "cpd-readiness")
    assert table(result, "readiness-by-team") == {
        "North": ["6", "2", "4", "33%"],
        "South": ["3", "2", "1", "67%"],
        "All": ["9", "4", "5", "44%"],
    }


def test_readiness_month_line_rises_as_people_meet_the_requirement(riverside):
    result = _admin_build(riverside, "cpd-readiness")
    months = list(table(result, "readiness-by-month").values())
    assert len(months) == 12
    assert [m[0] for m in months] == ["0", "1", "3", "4"] + ["4"] * 8
    assert months[-1] == ["4", "44%"]


def test_readiness_lists_who_is_not_complete_and_what_is_missing(riverside):
    missing = table(_admin_build(riverside, "cpd-readiness"), "readiness-missing")
    assert set(missing) == {
        "North2 Test",
        "North3 Test",
        "North4 Test",
        "North6 Test",
        "South3 Test",
    }
    assert missing["North2 Test"] == [
        "North",
        "At least 1 piece of CPD that includes peer reflection.",
    ]
    # The duplicate does not count: one more piece is needed.
    assert missing["North4 Test"][1].startswith("1 more complete piece of CPD")
    assert missing["North6 Test"][1].startswith("2 more complete pieces of CPD")


def test_readiness_filters_to_one_team(riverside):
    result = _admin_build(riverside, "cpd-readiness", team=riverside.south)
    assert table(result, "readiness-by-team") == {
        "South": ["3", "2", "1", "67%"],
        "All": ["3", "2", "1", "67%"],
    }
    assert set(table(result, "readiness-missing")) == {"South3 Test"}


def test_readiness_role_filter_counts_people_holding_that_role(riverside):
    result = _admin_build(riverside, "cpd-readiness", role="supervisor")
    assert table(result, "readiness-by-team")["All"][0] == "2"  # manager, supervisor


def test_level_filter_keeps_people_at_that_level(riverside):
    from capabilities.models import Level

    level = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )
    riverside.n[0].career_level = level
    riverside.n[0].save()
    result = _admin_build(riverside, "cpd-readiness", level=level)
    assert table(result, "readiness-by-team") == {
        "North": ["1", "1", "0", "100%"],
        "All": ["1", "1", "0", "100%"],
    }


def test_coverage_counts_people_with_mapped_and_confirmed_evidence(riverside):
    result = _admin_build(riverside, "capability-coverage")
    assert columns(result, "coverage-confirmed")[1:] == ["North", "South", "All"]
    confirmed = table(result, "coverage-confirmed")
    mapped = table(result, "coverage-mapped")
    critical = next(label for label in confirmed if label.startswith("6. "))
    knowledge = next(label for label in confirmed if label.startswith("5. "))
    assert confirmed[critical] == ["17%", "33%", "22%"]
    assert mapped[critical] == ["17%", "33%", "22%"]
    assert confirmed[knowledge] == ["0%", "0%", "0%"]
    assert mapped[knowledge] == ["17%", "0%", "11%"]
    assert confirmed["People"] == ["6", "3", "9"]
    assert len(confirmed) == 10  # 9 domains and the people row


def test_coverage_compares_levels(riverside):
    result = _admin_build(riverside, "capability-coverage", compare_by="level")
    assert columns(result, "coverage-confirmed")[1:] == ["No level recorded", "All"]


def test_appraisals_and_supervision_per_team(riverside):
    result = _admin_build(riverside, "appraisals-supervision")
    assert table(result, "appraisals") == {
        "North": ["6", "4", "1", "1"],
        "South": ["3", "3", "0", "0"],
        "All": ["9", "7", "1", "1"],
    }
    assert table(result, "supervision") == {
        "North": ["6", "1", "1", "4"],
        "South": ["3", "0", "1", "2"],
        "All": ["9", "1", "2", "6"],
    }


def test_training_needs_ranks_domains_from_objectives_and_gaps(riverside):
    needs = table(_admin_build(riverside, "training-needs"), "training-needs")
    leadership = next(label for label in needs if label.startswith("9. "))
    knowledge = next(label for label in needs if label.startswith("5. "))
    critical = next(label for label in needs if label.startswith("6. "))
    assert needs[leadership] == ["2", "1", "9"]
    assert needs[knowledge] == ["1", "1", "8"]
    assert needs[critical] == ["0", "0", "8"]
    assert list(needs)[:2] == [leadership, knowledge]  # most needed first


def test_no_free_text_reaches_any_report(riverside):
    from tests.portfolio.reports.conftest import CANARIES

    for key in (
        "cpd-readiness",
        "capability-coverage",
        "appraisals-supervision",
        "training-needs",
    ):
        result = _admin_build(riverside, key)
        text = repr(result)
        for canary in CANARIES:
            assert canary not in text, (key, canary)
