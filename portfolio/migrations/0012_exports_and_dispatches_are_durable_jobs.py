"""Exports and dispatches become durable jobs (jobs.models.DurableJob): their
status, attempts, error, created_at and finished_at columns are kept as they
are; only the two new timestamps are added (existing rows get "now" for
updated_at and no started_at)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0011_appraisal_export"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        )
        for model in ("export", "dispatch")
    ] + [
        migrations.AddField(
            model_name=model,
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        )
        for model in ("export", "dispatch")
    ]
