"""The topic taxonomy learning content starts with: the themes of the Munro
Review of Child Protection (2011) and common areas of practice. Editors manage
them afterwards as snippets."""

from django.db import migrations

MUNRO_THEMES = [
    ("Child-centred practice", "child-centred-practice"),
    ("Working with families", "working-with-families"),
    ("Early help", "early-help"),
    ("Risk and uncertainty", "risk-and-uncertainty"),
    ("Professional expertise and judgement", "professional-expertise"),
    ("Systems learning and case review", "systems-learning"),
    ("Multi-agency working", "multi-agency-working"),
    ("Measuring whether help is effective", "effective-help"),
    ("Supervision and reflective practice", "supervision-and-reflection"),
]
PRACTICE_AREAS = [
    ("Child protection", "child-protection"),
    ("Children in need", "children-in-need"),
    ("Looked-after children and care leavers", "looked-after-children"),
    ("Domestic abuse", "domestic-abuse"),
    ("Neglect", "neglect"),
    ("Adult safeguarding", "adult-safeguarding"),
    ("Mental capacity", "mental-capacity"),
    ("Mental health", "mental-health"),
    ("Substance misuse", "substance-misuse"),
    ("Disability", "disability"),
    ("Assessment and analysis", "assessment-and-analysis"),
    ("Direct work and communication", "direct-work"),
    ("Law and legal literacy", "law"),
    ("Anti-racist and anti-oppressive practice", "anti-oppressive-practice"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("learning", "Topic")
    for group, topics in (("munro", MUNRO_THEMES), ("practice", PRACTICE_AREAS)):
        for name, slug in topics:
            Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "group": group}
            )


def unseed(apps, schema_editor):
    Topic = apps.get_model("learning", "Topic")
    slugs = [slug for _name, slug in MUNRO_THEMES + PRACTICE_AREAS]
    Topic.objects.filter(slug__in=slugs, pages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
