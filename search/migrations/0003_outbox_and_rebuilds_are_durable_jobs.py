"""The index outbox and index rebuilds become durable jobs
(jobs.models.DurableJob), keeping every row:

- IndexOperation: ``pending`` (a boolean) becomes ``status`` ("pending" or
  "done", copied from it before the boolean is dropped); ``last_error`` is
  renamed ``error`` and ``applied_at`` ``finished_at``; ``created_at`` is
  filled from ``requested_at``; ``updated_at`` and ``started_at`` are new.
- IndexRebuild: only ``updated_at`` is new.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def status_from_pending(apps, schema_editor):
    IndexOperation = apps.get_model("search", "IndexOperation")
    IndexOperation.objects.filter(pending=False).update(status="done")
    IndexOperation.objects.update(created_at=F("requested_at"))


def pending_from_status(apps, schema_editor):
    IndexOperation = apps.get_model("search", "IndexOperation")
    IndexOperation.objects.filter(status="done").update(pending=False)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_index_rebuild"),
    ]

    operations = [
        migrations.RenameField("indexoperation", "last_error", "error"),
        migrations.RenameField("indexoperation", "applied_at", "finished_at"),
        migrations.AddField(
            model_name="indexoperation",
            name="status",
            field=models.CharField(
                choices=[("pending", "Waiting to be written"), ("done", "Written")],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="indexoperation",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="indexoperation",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="indexoperation",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(status_from_pending, pending_from_status),
        migrations.RemoveIndex("indexoperation", "index_operation_pending"),
        # Checked: its value now lives in ``status`` (copied just above).
        migrations.RemoveField("indexoperation", "pending"),
        migrations.AddIndex(
            model_name="indexoperation",
            index=models.Index(
                condition=models.Q(("status", "pending")),
                fields=["requested_at"],
                name="index_operation_pending",
            ),
        ),
        migrations.AddField(
            model_name="indexrebuild",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
    ]
