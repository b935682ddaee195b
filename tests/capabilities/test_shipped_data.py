"""The frameworks the portal ships load with the facts DOMAIN.md gives."""

from datetime import date

import pytest

from capabilities.models import Domain, DomainGroup, Framework, Level, Statement

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

PCF_LEVELS = [
    "Entry",
    "Readiness for direct practice",
    "End of first placement",
    "End of last placement (qualifying)",
    "ASYE",
    "Social Worker",
    "Experienced Social Worker",
    "Advanced",
    "Strategic",
]


def _framework(key):
    family, version = key.split("@")
    return Framework.objects.get(family=family, version=version)


def test_pcf_2018_has_nine_domains_under_three_super_domains():
    pcf = _framework("pcf@2018")
    domains = Domain.objects.filter(framework=pcf).order_by("sort_order")
    assert [d.code for d in domains] == [str(n) for n in range(1, 10)]
    assert domains.get(code="7").name == "Skills and Interventions"
    assert domains.get(code="3").name == "Diversity and Equality"
    groups = {g.code: g for g in DomainGroup.objects.filter(framework=pcf)}
    assert set(groups) == {"purpose", "practice", "impact"}
    practice = {d.code for d in domains.filter(parent=groups["practice"])}
    assert practice == {"5", "6", "7"}
    # Domain 1's super-domain is not confirmed from an official text.
    assert not domains.get(code="1").is_confirmed


def test_pcf_levels_are_in_career_order_with_the_advanced_pathways():
    levels = Level.objects.filter(framework=_framework("pcf@2018"))
    assert [level.name for level in levels] == PCF_LEVELS
    assert [level.group for level in levels][:4] == ["qualifying"] * 4
    advanced = levels.get(code="advanced")
    assert [p.name for p in advanced.pathways.all()] == [
        "Advanced Practitioner",
        "Professional Educator",
        "Social Work Manager",
    ]


def test_pcf_statements_are_not_shipped():
    assert not Statement.objects.filter(framework=_framework("pcf@2018")).exists()


def test_swe_standard_4_has_parts_4_1_to_4_8():
    swe = _framework("swe-standards@2019")
    assert Domain.objects.filter(framework=swe).count() == 6
    parts = Statement.objects.filter(framework=swe, parent__code="4")
    assert [p.code for p in parts] == [f"4.{n}" for n in range(1, 9)]
    assert parts.get(code="4.2").name == "Supervision"
    assert swe.levels.count() == 0


def test_kss_statements_and_validity():
    practitioner = _framework("kss-cf-practitioner@2018")
    supervisor = _framework("kss-cf-supervisor@2018")
    assert Statement.objects.filter(framework=practitioner).count() == 10
    assert Statement.objects.filter(framework=supervisor).count() == 8
    assert practitioner.valid_to == date(2027, 3, 31)
    confirmed = set(
        Statement.objects.filter(framework=supervisor, is_confirmed=True).values_list(
            "code", flat=True
        )
    )
    assert confirmed == {"4", "7"}


def test_every_shipped_framework_says_where_it_came_from():
    for framework in Framework.objects.all():
        assert framework.source_note and framework.publisher, framework


def test_adults_kss_has_eleven_sections_none_confirmed():
    adults = _framework("kss-adults@2015")
    sections = Statement.objects.filter(framework=adults).order_by("sort_order")
    assert [s.code for s in sections] == [str(n) for n in range(1, 12)]
    assert not sections.filter(is_confirmed=True).exists()
    assert adults.is_active and adults.valid_to is None
    assert "None of the section titles" in adults.source_note


def test_adults_kss_crosswalks_to_the_pcf_are_suggestions():
    from capabilities.models import ItemMapping

    links = ItemMapping.objects.filter(source__framework__family="kss-adults")
    assert links.count() == 11
    assert {link.target.framework.key for link in links} == {"pcf@2018"}
    assert not links.filter(is_confirmed=True).exists()
