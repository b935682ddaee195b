"""Framework import jobs become durable jobs (jobs.models.DurableJob): the
existing columns are kept; the error and two timestamps are added."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capabilities", "0002_framework_import_job"),
    ]

    operations = [
        migrations.AddField(
            model_name="frameworkimportjob",
            name="error",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="frameworkimportjob",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="frameworkimportjob",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
    ]
