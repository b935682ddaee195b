import json

import factory
from factory.django import DjangoModelFactory

from capabilities.importing import parse
from capabilities.models import Framework, Item, ItemKind, Level
from capabilities.services import framework_import


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework

    family = factory.Sequence(lambda n: f"local-{n}")
    version = "1"
    name = factory.Sequence(lambda n: f"Local practice framework {n}")
    short_name = "Local"
    publisher = "Northmoor Borough Council"


class LevelFactory(DjangoModelFactory):
    class Meta:
        model = Level

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"level-{n}")
    name = factory.Sequence(lambda n: f"Level {n}")


class DomainFactory(DjangoModelFactory):
    class Meta:
        model = Item

    framework = factory.SubFactory(FrameworkFactory)
    kind = ItemKind.DOMAIN
    code = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Domain {n}")


#: A stand-in for the framework that replaces the child and family KSS on
#: 1 April 2027. Its content is made up for tests: the real early career
#: standards' headings are not known, so none are invented here.
TEST_SUCCESSOR = {
    "format": "practitioner-portfolio-framework/1",
    "framework": {
        "family": "test-cf-successor",
        "version": "2027",
        "name": "Test successor to the child and family KSS",
        "short_name": "Test successor",
        "publisher": "Test fixture",
        "source_note": "Made up for tests; not the real early career standards.",
        "valid_from": "2027-04-01",
        "replaces": "kss-cf-practitioner@2018",
        "is_active": True,
    },
    "items": [
        {"kind": "domain", "code": "A", "name": "Test area A"},
        {"kind": "domain", "code": "B", "name": "Test area B"},
    ],
    "mappings": [
        {
            "from": "kss-cf-practitioner@2018:6",
            "to": "test-cf-successor@2027:A",
            "relation": "replaced_by",
        },
        {
            "from": "kss-cf-practitioner@2018:1",
            "to": "test-cf-successor@2027:B",
            "relation": "replaced_by",
        },
        {"from": "test-cf-successor@2027:A", "to": "pcf@2018:6"},
        {"from": "test-cf-successor@2027:B", "to": "pcf@2018:7"},
    ],
}


def import_test_successor() -> Framework:
    """Load TEST_SUCCESSOR through the import service, as an organisation's
    upload would be."""
    document = parse(json.dumps(TEST_SUCCESSOR), filename="successor.json")
    return framework_import(document=document).framework
