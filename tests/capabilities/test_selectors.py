import pytest

from capabilities.models import Framework
from capabilities.selectors import (
    crosswalk_targets,
    current_version_of,
    framework_get,
    framework_list,
    item_by_reference,
    items_covered_by,
)
from tests.factories.capabilities import FrameworkFactory

pytestmark = pytest.mark.usefixtures("shipped_frameworks")


def _codes(items):
    return sorted(item.code for item in items)


def test_a_kss_statement_covers_the_expected_pcf_domains():
    pcf = Framework.objects.get(family="pcf", version="2018")
    assessment = item_by_reference("kss-cf-practitioner@2018:6")
    assert _codes(crosswalk_targets(item=assessment, framework=pcf)) == ["6", "7"]


def test_crosswalks_work_in_both_directions():
    kss = Framework.objects.get(family="kss-cf-practitioner", version="2018")
    knowledge = item_by_reference("pcf@2018:5")
    assert _codes(crosswalk_targets(item=knowledge, framework=kss)) == [
        "10",
        "3",
        "4",
        "5",
        "8",
    ]


def test_a_swe_part_counts_towards_its_standard_and_the_pcf():
    covered = items_covered_by(item_by_reference("swe-standards@2019:4.2"))
    references = {f"{item.framework.key}:{item.code}" for item in covered}
    assert {"swe-standards@2019:4", "pcf@2018:1", "kss-cf-practitioner@2018:9"} <= (
        references
    )


def test_2012_evidence_resolves_to_the_renamed_2018_domain():
    old = item_by_reference("pcf@2012:7")
    assert old.name == "Intervention and Skills"
    [current] = current_version_of(old)
    assert (current.framework.key, current.name) == (
        "pcf@2018",
        "Skills and Interventions",
    )
    covered = {f"{i.framework.key}:{i.code}" for i in items_covered_by(old)}
    # Through 2018 domain 7, old evidence also reaches the KSS.
    assert {"pcf@2018:7", "kss-cf-practitioner@2018:1"} <= covered


def test_local_frameworks_are_visible_only_in_their_organisation(
    practitioner, other_org_admin
):
    local = FrameworkFactory(owner_organisation=practitioner.organisation)
    assert local in framework_list(fetched_by=practitioner)
    assert local not in framework_list(fetched_by=other_org_admin)
    assert (
        framework_get(
            fetched_by=other_org_admin, family=local.family, version=local.version
        )
        is None
    )


def test_a_deactivated_person_reads_nothing(deactivated):
    assert not framework_list(fetched_by=deactivated).exists()
