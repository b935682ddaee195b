"""Reads about supervision that carry rules: who currently supervises whom,
what waits for review, and when supervision is next due."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from portfolio.evidence.selectors import entry_list
from portfolio.supervision.models import AccessEvent, Supervision, SupervisionSession

#: LGA Standards for Employers: newly qualified social workers are supervised
#: weekly for 6 weeks, fortnightly until 6 months, then monthly like everyone.
NEWLY_QUALIFIED_WEEKLY = timedelta(weeks=6)
NEWLY_QUALIFIED_FORTNIGHTLY = timedelta(days=183)
WEEKLY, FORTNIGHTLY, MONTHLY = timedelta(days=7), timedelta(days=14), timedelta(days=30)


def _current(today: date) -> Q:
    return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def current_supervisions(*, today: date | None = None) -> QuerySet[Supervision]:
    return Supervision.objects.filter(_current(today or timezone.localdate()))


def current_supervisions_of(supervisor, *, today: date | None = None) -> QuerySet:
    """The relationships in which ``supervisor`` supervises someone today, in
    their own organisation, with an active supervisee. Ended or future
    relationships, and people who moved organisation, give no access."""
    if not (supervisor.is_authenticated and supervisor.is_active):
        return Supervision.objects.none()
    return current_supervisions(today=today).filter(
        supervisor=supervisor,
        organisation_id=supervisor.organisation_id,
        supervisee__organisation_id=supervisor.organisation_id,
        supervisee__is_active=True,
    )


def supervisee_ids_of(supervisor, *, today: date | None = None) -> QuerySet:
    return current_supervisions_of(supervisor, today=today).values("supervisee_id")


def is_current_supervisor(*, supervisor, supervisee) -> bool:
    return supervisee_ids_of(supervisor).filter(supervisee_id=supervisee.pk).exists()


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


def session_list_for(*, supervision: Supervision) -> QuerySet[SupervisionSession]:
    return supervision.sessions.all()


def access_events_for_owner(*, owner) -> QuerySet[AccessEvent]:
    """Who looked at, reviewed or exported the owner's portfolio."""
    return AccessEvent.objects.filter(owner=owner).select_related("viewer", "entry")


def review_queue(*, reviewer):
    """Entries waiting for ``reviewer``'s review, oldest request first."""
    from portfolio.evidence.models import Entry
    from portfolio.evidence.selectors import entry_policy

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
    from portfolio.evidence.selectors import entry_policy

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
