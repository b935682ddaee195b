"""The yearly summaries' daily sweep as a Celery task (the schedule is in
portal/schedule.py)."""

from celery import shared_task


@shared_task(
    name="portfolio.report_summaries_refresh", acks_late=True, ignore_result=True
)
def report_summaries_refresh_task() -> int:
    """Work out every yearly summary that lags its person: a refresh at commit
    that failed, or rows lagging since a release marked them (0024). Idempotent:
    a rerun finds nothing to do."""
    from portfolio.people.models import User
    from portfolio.reports.services import summaries_refresh_stale

    return summaries_refresh_stale(people=User.objects.all())
