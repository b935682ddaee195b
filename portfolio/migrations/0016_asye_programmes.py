"""Ship the two first-year programmes as data.

The ASYE's shape is from DOMAIN.md (reviews at 3, 6, optionally 9, and 12
months; 3 observations, 3 + 3 pieces of feedback, 3 assessed reports, critical
reflections at 6 and 12 months). The Early Career Development Programme
replaces it in child and family services from September 2027; its shape is
not yet published, so it copies the ASYE's and is marked unconfirmed for the
principal social worker to adjust.
"""

import datetime

from django.db import migrations

EXPECTED = {
    "direct_observation": 3,
    "feedback_people": 3,
    "feedback_professionals": 3,
    "assessed_report": 3,
    "reflection_6_months": 1,
    "reflection_12_months": 1,
}

PROGRAMMES = [
    {
        "code": "asye",
        "name": "Assessed and Supported Year in Employment",
        "length_months": 12,
        "review_months": [3, 6, 12],
        "optional_review_months": [9],
        "expected_evidence": EXPECTED,
        "judged_against": ["pcf@2018", "kss-cf-practitioner@2018"],
        "level_code": "asye",
        "starts_from": None,
        "confirmed": True,
        "note": "Judged holistically against the PCF at ASYE level and the "
        "relevant knowledge and skills statement.",
    },
    {
        "code": "ecdp",
        "name": "Early Career Development Programme",
        "length_months": 12,
        "review_months": [3, 6, 12],
        "optional_review_months": [9],
        "expected_evidence": EXPECTED,
        "judged_against": ["pcf@2018"],
        "level_code": "asye",
        "starts_from": datetime.date(2027, 9, 1),
        "confirmed": False,
        "note": "Not yet confirmed: the length, reviews, evidence and the "
        "child and family social worker early career standards it is judged "
        "against follow the ASYE until the programme is published.",
    },
]


def ship(apps, schema_editor):
    Programme = apps.get_model("portfolio", "Programme")
    for row in PROGRAMMES:
        Programme.objects.update_or_create(code=row["code"], defaults=row)


def unship(apps, schema_editor):
    # Checked: only the two shipped rows, and only when no year uses them
    # (PROTECT stops the delete otherwise).
    apps.get_model("portfolio", "Programme").objects.filter(
        code__in=[row["code"] for row in PROGRAMMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0015_asye_assessed_year")]

    operations = [migrations.RunPython(ship, unship)]
