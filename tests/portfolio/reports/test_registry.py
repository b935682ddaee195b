"""The plug-in points a higher app (learning) uses from its AppConfig.ready()."""

from django.urls import reverse

import pytest

from portfolio.reports import registry
from portfolio.reports.registry import (
    Audience,
    Report,
    TrainingNeedsSection,
    register_report,
    register_training_needs_section,
    report_list,
)
from portfolio.reports.tables import Section, Table, count_cell, text_cell
from tests.auth import sign_in
from tests.portfolio.reports.test_views import (
    csv_tables,
    page_tables,
    page_tables_by_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_reports", dict(registry._reports))
    monkeypatch.setattr(
        registry, "_training_needs_sections", dict(registry._training_needs_sections)
    )


def _learning_section(request, domains):
    """What learning would add: a row per domain, in the order given."""
    table = Table(
        "learning-per-domain",
        "Learning content per PCF domain",
        ["PCF domain", "Pages", "Recorded as CPD"],
    )
    for position, domain in enumerate(domains):
        table.rows.append(
            [
                text_cell(f"{domain.code}. {domain.name}"),
                count_cell(position * 10, exact=request.exact),
                count_cell(position, exact=request.exact),
            ]
        )
    return Section("Learning content", table)


def test_a_training_needs_section_appears_on_the_page_and_in_the_csv(
    client, riverside, clean_registry
):
    register_training_needs_section(
        TrainingNeedsSection(key="learning", title="Learning", build=_learning_section)
    )
    sign_in(client, riverside.admin)
    url = reverse("reports:training-needs")
    page = page_tables(client.get(url, riverside.query))
    assert "Learning content per PCF domain" in page
    rows = page["Learning content per PCF domain"]
    # Same domain order as the portfolio's table (most needed first).
    assert [row[0] for row in rows[1:]] == [
        row[0] for row in page["Development needs by PCF domain, most needed first"][1:]
    ]
    assert csv_tables(
        client.get(reverse("reports:training-needs-csv"), riverside.query)
    ) == page_tables_by_key(client.get(url, riverside.query))


def test_the_training_team_sees_a_plugged_in_section_suppressed(
    client, riverside, clean_registry
):
    register_training_needs_section(
        TrainingNeedsSection(key="learning", title="Learning", build=_learning_section)
    )
    sign_in(client, riverside.editor)
    page = page_tables(client.get(reverse("reports:training-needs"), riverside.query))
    second = page["Learning content per PCF domain"][2]
    assert second[1:] == ["10", "Fewer than 5"]


def test_registering_a_report_adds_it_for_its_audience(riverside, clean_registry):
    from portfolio.reports.scope import reports_policy

    register_report(
        Report(
            key="learning-content-use",
            title="Learning content use",
            summary="Views and CPD records.",
            build=lambda request: None,
            audiences=frozenset({Audience.ORG_ADMIN, Audience.TRAINING_TEAM}),
            order=50,
        )
    )
    assert report_list()[-1].key == "learning-content-use"
    policy = reports_policy()
    assert policy.user_has_permission(riverside.editor, "learning-content-use")
    assert policy.user_has_permission(riverside.admin, "learning-content-use")
    assert not policy.user_has_permission(riverside.manager, "learning-content-use")
    assert not policy.user_has_permission(riverside.n[0], "learning-content-use")
