import factory
from factory.django import DjangoModelFactory

from capabilities.models import Framework, Item, ItemKind, Level


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
