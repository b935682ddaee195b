"""The daily plan: record every reminder due today as a dispatch.

Recorded in one transaction, each with its idempotency key, so a plan that
runs twice (beat restarted, a task redelivered) or catches up after a missed
day sends nothing twice; delivery is queued only after the commit.
"""

from datetime import date

from django.db import transaction

from portfolio.notifications.services import dispatch_record
from portfolio.reminders.selectors import (
    appraisal_reminders,
    objective_reminders,
    renewal_reminders,
    supervision_reminders,
    supervisor_digest,
)

#: The digest is planned on Mondays (ISO weekday 1).
DIGEST_WEEKDAY = 1


@transaction.atomic
def reminders_plan(*, today: date) -> dict[str, int]:
    """Record today's reminders. Returns how many new dispatches of each kind
    were recorded (ones recorded before are not counted)."""
    rules = [
        renewal_reminders,
        appraisal_reminders,
        objective_reminders,
        supervision_reminders,
    ]
    if today.isoweekday() == DIGEST_WEEKDAY:
        rules.append(supervisor_digest)
    recorded: dict[str, int] = {}
    for rule in rules:
        for reminder in rule(today=today):
            dispatch = dispatch_record(
                kind=reminder.kind,
                recipient=reminder.recipient,
                key=reminder.key,
                text=reminder.text,
                body=reminder.body,
                link=reminder.link,
            )
            if dispatch is not None:
                recorded[reminder.kind] = recorded.get(reminder.kind, 0) + 1
    return recorded
