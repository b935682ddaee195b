"""Learning's periodic work."""

from django.core.management import call_command

from celery import shared_task


@shared_task(name="learning.publish_scheduled", acks_late=True)
def publish_scheduled() -> None:
    """Publish pages whose scheduled time has come, and unpublish expired ones
    (Wagtail's command is idempotent, so a repeat run changes nothing)."""
    call_command("publish_scheduled")
