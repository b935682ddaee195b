"""The daily plan as a Celery task (the schedule is in portal/schedule.py)."""

from django.utils import timezone

from celery import shared_task


@shared_task(name="portfolio.reminders_plan", acks_late=True, ignore_result=True)
def reminders_plan_task() -> dict[str, int]:
    from portfolio.reminders.services import reminders_plan

    return reminders_plan(today=timezone.localdate())
