"""Which frameworks evidence may be mapped to: the organisation's choice, the
always-on national frameworks, local frameworks and validity dates."""

import datetime

import pytest

from capabilities.models import Framework
from capabilities.selectors import (
    framework_family_choices,
    framework_is_in_force,
    mappable_frameworks,
    mappable_items,
)
from tests.factories.capabilities import DomainFactory, FrameworkFactory

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

BEFORE = datetime.date(2027, 3, 31)
AFTER = datetime.date(2027, 4, 1)


def _keys(frameworks):
    return [framework.key for framework in frameworks]


def test_the_pcf_and_swe_standards_are_always_offered_first(organisation):
    organisation.framework_families = []
    keys = _keys(mappable_frameworks(organisation=organisation, on=BEFORE))
    assert keys == ["pcf@2018", "swe-standards@2019"]


def test_an_organisation_offers_only_the_national_frameworks_it_chose(organisation):
    organisation.framework_families = ["kss-adults"]
    keys = _keys(mappable_frameworks(organisation=organisation, on=BEFORE))
    assert keys == ["pcf@2018", "swe-standards@2019", "kss-adults@2015"]
    organisation.framework_families = ["kss-cf-practitioner"]
    keys = _keys(mappable_frameworks(organisation=organisation, on=BEFORE))
    assert "kss-adults@2015" not in keys and "kss-cf-practitioner@2018" in keys


def test_a_new_organisation_offers_every_shipped_statement(organisation):
    keys = set(_keys(mappable_frameworks(organisation=organisation, on=BEFORE)))
    assert keys == {
        "pcf@2018",
        "swe-standards@2019",
        "kss-cf-practitioner@2018",
        "kss-cf-supervisor@2018",
        "kss-adults@2015",
    }


def test_a_local_framework_is_offered_to_its_own_organisation_only(
    organisation, other_organisation
):
    local = FrameworkFactory(owner_organisation=organisation)
    domain = DomainFactory(framework=local)
    organisation.framework_families = []
    assert local in mappable_frameworks(organisation=organisation, on=BEFORE)
    assert domain in mappable_items(organisation=organisation, on=BEFORE)
    assert local not in mappable_frameworks(organisation=other_organisation, on=BEFORE)
    assert domain not in mappable_items(organisation=other_organisation, on=BEFORE)
    # Shared learning content maps to national frameworks only.
    assert domain not in mappable_items(on=BEFORE)


def test_a_framework_closes_after_its_valid_to_and_its_successor_opens(organisation):
    kss = Framework.objects.get(family="kss-cf-practitioner")
    successor = FrameworkFactory(
        family="test-successor",
        version="2027",
        replaces=kss,
        valid_from=AFTER,
    )
    # Only the practitioner statement was chosen; the successor follows it.
    organisation.framework_families = ["kss-cf-practitioner"]
    before = mappable_frameworks(organisation=organisation, on=BEFORE)
    after = mappable_frameworks(organisation=organisation, on=AFTER)
    assert kss in before and successor not in before
    assert kss not in after and successor in after
    assert framework_is_in_force(kss, on=BEFORE)
    assert not framework_is_in_force(kss, on=AFTER)
    organisation.framework_families = []
    assert successor not in mappable_frameworks(organisation=organisation, on=AFTER)


def test_an_inactive_framework_is_never_offered(organisation):
    placeholder = FrameworkFactory(family="test-placeholder", is_active=False)
    organisation.framework_families = ["test-placeholder"]
    assert placeholder not in mappable_frameworks(organisation=organisation, on=AFTER)
    assert not framework_is_in_force(placeholder, on=AFTER)


def test_the_choices_are_the_national_frameworks_besides_the_always_on_ones(
    organisation,
):
    FrameworkFactory(family="local-only", owner_organisation=organisation)
    families = [family for family, _name in framework_family_choices()]
    assert sorted(families) == [
        "kss-adults",
        "kss-cf-practitioner",
        "kss-cf-supervisor",
    ]
