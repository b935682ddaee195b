"""Reads about supervision that carry rules: who currently supervises whom,
what waits for review, and when supervision is next due."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, QuerySet

from portfolio.evidence.models import Entry
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.selectors import entry_list
from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions

#: LGA Standards for Employers: newly qualified social workers are supervised
#: weekly for 6 weeks, fortnightly until 6 months, then monthly like everyone.
NEWLY_QUALIFIED_WEEKLY = timedelta(weeks=6)
NEWLY_QUALIFIED_FORTNIGHTLY = timedelta(days=183)
WEEKLY, FORTNIGHTLY, MONTHLY = timedelta(days=7), timedelta(days=14), timedelta(days=30)


def supervision_list_for_organisation(*, organisation) -> QuerySet[Supervision]:
    return Supervision.objects.filter(organisation=organisation).select_related(
        "supervisor", "supervisee"
    )


def supervision_interval(*, supervisee, on: date) -> timedelta:
    """How often ``supervisee`` should be supervised around ``on``."""
    started = supervisee.started_practice_on
    if started is None:
        return MONTHLY
    if on - started < NEWLY_QUALIFIED_WEEKLY:
        return WEEKLY
    if on - started < NEWLY_QUALIFIED_FORTNIGHTLY:
        return FORTNIGHTLY
    return MONTHLY


@dataclass(frozen=True)
class SupervisionDue:
    supervision: Supervision
    last_held_on: date | None
    due_on: date
    overdue: bool


def supervision_due_list(
    *, supervisions: QuerySet[Supervision], today: date
) -> list[SupervisionDue]:
    """When each relationship's next session is due (one query for the last
    sessions, whatever the number of supervisees)."""
    rows = supervisions.select_related("supervisor", "supervisee").annotate(
        last_held_on=Max("sessions__held_on")
    )
    result = []
    for supervision in rows:
        last = supervision.last_held_on
        base = last or supervision.starts_on
        due = base + supervision_interval(supervisee=supervision.supervisee, on=base)
        result.append(SupervisionDue(supervision, last, due, due < today))
    return sorted(result, key=lambda row: row.due_on)


def review_queue(*, reviewer):
    """Entries waiting for ``reviewer``'s review, oldest request first."""

    return (
        (
            entry_policy()
            .instances_user_has_any_permission_for(reviewer, ["review"])
            .filter(review_state="waiting")
            .exclude(owner=reviewer)
            .select_related("owner")
            .order_by("review_requested_at", "pk")
        )
        if reviewer.is_authenticated
        else Entry.objects.none()
    )


def supervisee_entries(*, supervisor, supervisee):
    """What ``supervisee`` has shared with ``supervisor`` (complete only)."""

    return (
        entry_policy()
        .instances_user_has_any_permission_for(supervisor, ["review"])
        .filter(owner=supervisee)
        .order_by("-activity_date")
    )


def reviews_of_own_entries(*, owner):
    """``owner``'s entries a supervisor has still to review, and those sent
    back with changes asked for (returned first, then the longest waiting)."""
    return (
        entry_list(fetched_by=owner)
        .filter(review_state__in=["waiting", "changes_requested"])
        .order_by("-review_state", "review_requested_at", "pk")
    )


def supervision_due_for_supervisee(*, supervisee, today: date) -> list[SupervisionDue]:
    """When ``supervisee``'s own supervision is next due, per current supervisor."""
    return supervision_due_list(
        supervisions=current_supervisions(today=today).filter(supervisee=supervisee),
        today=today,
    )
