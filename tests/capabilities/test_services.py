"""Importing frameworks: checked first, atomic, idempotent, and clear about
what is wrong."""

import json

from django.core.exceptions import PermissionDenied

import pytest

from capabilities.exporting import framework_to_csv, framework_to_json
from capabilities.importing import (
    MAX_IMPORT_BYTES,
    FrameworkFileError,
    decode_upload,
    parse,
)
from capabilities.models import Framework, Item, ItemMapping, Level, Pathway, Statement
from capabilities.services import framework_import
from tests.factories.capabilities import FrameworkFactory

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

STATEMENTS_CSV = (
    "kind,code,name,parent,level,text\n"
    "statement,5.asye.1,,5,asye,I can explain the legal basis for my work with a family.\n"
    "statement,5.asye.2,,5,asye,I use research to inform my assessments.\n"
    "statement,6.sw.1,,6,social-worker,I weigh evidence before reaching a judgement.\n"
)


def _snapshot():
    return (
        list(Framework.objects.values_list("family", "version", "name", "is_active")),
        list(Level.objects.values_list("framework_id", "code", "name", "sort_order")),
        list(Pathway.objects.values_list("level_id", "code", "name")),
        list(
            Item.objects.values_list(
                "framework_id", "code", "kind", "name", "text", "parent_id", "level_id"
            )
        ),
        list(ItemMapping.objects.values_list("source_id", "target_id", "relation")),
    )


def _import(content, *, filename="statements.csv", target="pcf@2018", **kwargs):
    raw = content if isinstance(content, bytes) else content.encode()
    framework = None
    if target:
        family, version = target.split("@")
        framework = Framework.objects.get(family=family, version=version)
    document = parse(decode_upload(raw, filename=filename), filename=filename)
    return framework_import(document=document, target=framework, **kwargs)


def _problems(content, **kwargs) -> str:
    before = _snapshot()
    with pytest.raises(FrameworkFileError) as error:
        _import(content, **kwargs)
    assert _snapshot() == before, "a rejected file must change nothing"
    return "\n".join(str(problem) for problem in error.value.problems)


def test_statements_load_from_csv_with_their_domain_and_level():
    summary = _import(STATEMENTS_CSV)
    assert summary.counts["created"] == 3
    statement = Statement.objects.get(code="5.asye.1")
    assert (statement.parent.name, statement.level.name) == ("Knowledge", "ASYE")


def test_importing_the_same_file_again_changes_nothing():
    _import(STATEMENTS_CSV)
    before = _snapshot()
    summary = _import(STATEMENTS_CSV)
    assert summary.changed == 0
    assert _snapshot() == before


def test_a_missing_column_is_named():
    message = _problems("code,name\n1,Something\n")
    assert "line 1, kind: Missing column(s): kind" in message


def test_an_unknown_domain_names_the_line_and_field():
    message = _problems(STATEMENTS_CSV + "statement,99.1,,99,asye,I do something.\n")
    assert "line 5, parent: There is no domain or group '99'." in message


def test_an_unknown_level_names_the_line_and_field():
    message = _problems(STATEMENTS_CSV + "statement,5.x,,5,wizard,I do something.\n")
    assert "line 5, level: There is no level 'wizard'." in message


def test_a_duplicate_code_names_both_lines():
    message = _problems(STATEMENTS_CSV + "statement,5.asye.1,,5,asye,Again.\n")
    assert (
        "line 5, code: The code '5.asye.1' is used twice (also at line 2)." in message
    )


def test_a_file_in_the_wrong_encoding_is_refused():
    latin = "kind,code,name,parent,level,text\nstatement,5.1,,5,asye,Café\n"
    message = _problems(latin.encode("cp1252"))
    assert "not UTF-8 text" in message


def test_an_empty_file_is_refused():
    assert "The file is empty." in _problems(b"")
    assert "has a header but no rows" in _problems("kind,code,name\n")


def test_a_50_megabyte_file_is_refused_before_it_is_read():
    huge = b"kind,code\n" + b"statement,1\n" * (50 * 1024 * 1024 // 12)
    assert len(huge) > MAX_IMPORT_BYTES
    assert "the largest we accept is 5 MB" in _problems(huge)


def test_one_bad_row_among_good_ones_loads_nothing():
    message = _problems(STATEMENTS_CSV + "widget,1,,,,\n")
    assert "line 5, kind: 'widget' is not one of" in message
    assert not Statement.objects.filter(code="5.asye.1").exists()


def test_a_csv_needs_a_framework_to_go_into():
    assert "choose the framework" in _problems(STATEMENTS_CSV, target=None)


def test_malformed_json_names_the_line():
    assert "line 2: This is not valid JSON" in _problems(
        '{"format":\n oops}', filename="x.json", target=None
    )


def test_a_crosswalk_with_an_unknown_item_is_refused():
    crosswalk = {
        "format": "practitioner-portfolio-crosswalk/1",
        "mappings": [{"from": "pcf@2018:5", "to": "pcf@2018:42", "relation": "covers"}],
    }
    message = _problems(json.dumps(crosswalk), filename="x.json", target=None)
    assert "mappings[0], to: 'pcf@2018:42' does not name an item" in message


def test_export_then_import_round_trips_a_whole_framework():
    pcf = Framework.objects.get(family="pcf", version="2018")
    _import(STATEMENTS_CSV)
    exported = json.loads(framework_to_json(pcf))
    exported["framework"]["version"] = "2018-copy"
    exported["framework"]["replaces"] = None
    exported["mappings"] = []
    summary = _import(json.dumps(exported), filename="copy.json", target=None)
    copy = summary.framework
    assert copy.items.count() == pcf.items.count()
    assert list(copy.levels.values_list("code", flat=True)) == list(
        pcf.levels.values_list("code", flat=True)
    )
    csv_text = framework_to_csv(pcf)
    assert _import(csv_text, target="pcf@2018").changed == 0


def test_organisation_admin_imports_only_into_their_own_frameworks(
    org_admin, other_org_admin
):
    local = FrameworkFactory(owner_organisation=org_admin.organisation)
    local.levels.create(code="asye", name="ASYE")
    local.items.create(kind="domain", code="5", name="Knowledge")
    _import(
        STATEMENTS_CSV.splitlines()[0] + "\n" + STATEMENTS_CSV.splitlines()[1] + "\n",
        target=f"{local.family}@{local.version}",
        imported_by=org_admin,
    )
    assert local.items.filter(code="5.asye.1").exists()
    with pytest.raises(PermissionDenied):
        _import(STATEMENTS_CSV, imported_by=org_admin)
    with pytest.raises(PermissionDenied):
        _import(
            STATEMENTS_CSV,
            target=f"{local.family}@{local.version}",
            imported_by=other_org_admin,
        )
