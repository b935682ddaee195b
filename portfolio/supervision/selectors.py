"""Reads about supervision that carry rules: who currently supervises whom,
what waits for review, and when supervision is next due."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, OuterRef, QuerySet, Subquery

from capabilities.caching import frameworks_stamp
from capabilities.selectors import active_pcf
from portfolio.evidence.freshness import PERSON_CACHE_SECONDS, person_cached
from portfolio.evidence.models import Entry
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.selectors import Coverage, coverage_heatmap, entry_list
from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions, current_supervisions_of
from portfolio.supervision.models import (
    SupervisionFrequency,
    SupervisionGroup,
    SupervisionSession,
)
from portfolio.supervision.policies import supervision_policy

#: LGA Standards for Employers: newly qualified social workers are supervised
#: weekly for 6 weeks, fortnightly until 6 months, then monthly like everyone;
#: sessions last at least 1.5 hours. An organisation's principal social
#: worker replaces these with their own policy (``SupervisionFrequency``).
LGA_DEFAULTS = {
    SupervisionGroup.NEWLY_QUALIFIED: {
        "weekly_for_weeks": 6,
        "fortnightly_until_months": 6,
        "then_every_days": 30,
        "minimum_minutes": 90,
    },
    SupervisionGroup.EVERYONE: {
        "weekly_for_weeks": 0,
        "fortnightly_until_months": 0,
        "then_every_days": 30,
        "minimum_minutes": 90,
    },
}
#: Rows per page of the supervisee page's shared entries and of the review
#: queue: a supervisee with 1,000 entries must not make a page of 1,000 rows.
ENTRIES_PER_PAGE = 25
#: How long a page keeps what it rendered from a cached read (the same as
#: the read itself; the key changes with every write that matters).
RENDERED_CACHE_SECONDS = PERSON_CACHE_SECONDS
#: How long someone counts as newly qualified.
NEWLY_QUALIFIED_FOR = timedelta(days=365)
WEEKLY, FORTNIGHTLY = timedelta(days=7), timedelta(days=14)


def supervision_list_for_organisation(*, organisation) -> QuerySet[Supervision]:
    return Supervision.objects.filter(organisation=organisation).select_related(
        "supervisor", "supervisee"
    )


def supervision_frequencies(*, organisation) -> dict[str, SupervisionFrequency]:
    """The organisation's policy for each group: its own row, or the LGA
    defaults as an unsaved row the admin's form starts from."""
    saved = {
        row.applies_to: row
        for row in SupervisionFrequency.objects.filter(organisation=organisation)
    }
    return {
        group: saved.get(group)
        or SupervisionFrequency(
            organisation_id=getattr(organisation, "pk", organisation),
            applies_to=group,
            **LGA_DEFAULTS[group],
        )
        for group in SupervisionGroup.values
    }


def _group_of(supervisee, on: date) -> str:
    started = supervisee.started_practice_on
    if started is not None and on - started < NEWLY_QUALIFIED_FOR:
        return SupervisionGroup.NEWLY_QUALIFIED
    return SupervisionGroup.EVERYONE


def supervision_frequency_for(*, supervisee, on: date, rules=None):
    """The rule that applies to ``supervisee`` around ``on``."""
    rules = rules or supervision_frequencies(organisation=supervisee.organisation_id)
    return rules[_group_of(supervisee, on)]


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def supervision_interval(*, supervisee, on: date, rules=None) -> timedelta:
    """How often ``supervisee`` should be supervised around ``on``, by their
    organisation's policy (``rules``: that policy, when already read)."""
    rule = supervision_frequency_for(supervisee=supervisee, on=on, rules=rules)
    started = supervisee.started_practice_on
    if started is not None:
        if on - started < timedelta(weeks=rule.weekly_for_weeks):
            return WEEKLY
        if on < _months_later(started, rule.fortnightly_until_months):
            return FORTNIGHTLY
    return timedelta(days=rule.then_every_days)


def session_is_short(*, session, rules=None) -> bool:
    """Whether a session was shorter than the supervisee's policy's minimum."""
    supervisee = session.supervision.supervisee
    rule = supervision_frequency_for(
        supervisee=supervisee, on=session.held_on, rules=rules
    )
    return session.minutes < rule.minimum_minutes


def short_session_ids(*, supervisions) -> set[int]:
    """Sessions of these relationships shorter than their policy's minimum,
    so the pages flag them."""
    sessions = SupervisionSession.objects.filter(
        supervision__in=supervisions
    ).select_related("supervision__supervisee")
    policies: dict[int, dict] = {}
    short = set()
    for session in sessions:
        organisation_id = session.supervision.organisation_id
        if organisation_id not in policies:
            policies[organisation_id] = supervision_frequencies(
                organisation=organisation_id
            )
        if session_is_short(session=session, rules=policies[organisation_id]):
            short.add(session.pk)
    return short


def supervision_sessions(*, supervision) -> tuple[list[SupervisionSession], set[int]]:
    """One relationship's sessions (newest first) and the ids of those shorter
    than the policy's minimum: one query for the sessions, one for the policy
    when there are any (``short_session_ids`` reads the sessions again)."""
    sessions = list(supervision.sessions.all())
    if not sessions:
        return sessions, set()
    rules = supervision_frequencies(organisation=supervision.organisation_id)
    short = set()
    for session in sessions:
        session.supervision = supervision  # already in hand, with its supervisee
        if session_is_short(session=session, rules=rules):
            short.add(session.pk)
    return sessions, short


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
    policies: dict[int, dict] = {}
    result = []
    for supervision in rows:
        last = supervision.last_held_on
        base = last or supervision.starts_on
        if supervision.organisation_id not in policies:
            policies[supervision.organisation_id] = supervision_frequencies(
                organisation=supervision.organisation_id
            )
        due = base + supervision_interval(
            supervisee=supervision.supervisee,
            on=base,
            rules=policies[supervision.organisation_id],
        )
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
        .order_by("-activity_date", "-pk")  # a total order, for paging
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


def _first_current_start(supervisor, supervisee_id):
    """The earliest start of ``supervisor``'s current relationships with the
    supervisee (a subquery when ``supervisee_id`` is an ``OuterRef``)."""
    return Subquery(
        current_supervisions_of(supervisor)
        .filter(supervisee_id=supervisee_id)
        .order_by("starts_on")
        .values("starts_on")[:1]
    )


def supervising_get(*, supervisor, pk: int) -> Supervision | None:
    """A relationship in which ``supervisor`` currently supervises someone in
    their organisation, or None (missing and not allowed look the same).

    It carries ``reviews_seen_since``, the earliest start of the supervisor's
    current relationships with that supervisee: with the supervisee's
    entries, that date decides which of them the supervisor may see (the
    entry policy shows reviews asked for since a current relationship
    began), so ``supervisee_coverage`` can key its cache on it at no cost."""
    return (
        supervision_policy()
        .instances_user_has_any_permission_for(supervisor, ["supervise"])
        .filter(pk=pk)
        .select_related("supervisor", "supervisee")
        .annotate(
            reviews_seen_since=_first_current_start(
                supervisor, OuterRef("supervisee_id")
            )
        )
        .first()
    )


def reviews_seen_since(*, supervisor, supervisee) -> date | None:
    """``supervising_get``'s ``reviews_seen_since`` for a page that reached the
    supervisee another way (the appraisal page); None when ``supervisor`` does
    not currently supervise them."""
    return (
        current_supervisions_of(supervisor)
        .filter(supervisee_id=supervisee.pk)
        .order_by("starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )


def _coverage_parts(supervisor, supervisee, seen_since, framework) -> tuple:
    return (
        supervisor.pk,
        seen_since,
        framework.pk if framework else None,
        supervisee.organisation_id,
        supervisee.career_level_id,
        supervisee.target_level_id,
    )


def supervisee_coverage(*, supervisor, supervisee, seen_since: date | None) -> Coverage:
    """``supervisee``'s PCF coverage as ``supervisor`` sees it (only entries
    they may review count), from the per-person cache.

    The supervisor's view turns on the supervisee's entries, mappings and
    reviews (their ``portfolio_version``, raised by every such write), the
    frameworks (their stamp), the supervisee's levels and organisation, and
    which relationships are current: any current one shows shared entries,
    and reviews count from the earliest current start, ``seen_since``
    (``supervising_get`` or ``reviews_seen_since``). All are in the key, so a
    save, a confirmation or a relationship starting or ending is never
    followed by a stale page."""
    framework = active_pcf()
    if framework is None:
        return coverage_heatmap(user=supervisee, viewer=supervisor)
    return person_cached(
        person=supervisee,
        name="coverage-seen-by",
        parts=_coverage_parts(supervisor, supervisee, seen_since, framework),
        read=lambda: coverage_heatmap(
            user=supervisee, framework=framework, viewer=supervisor
        ),
    )


def supervisee_coverage_version(
    *, supervisor, supervisee, seen_since: date | None
) -> str:
    """Everything ``supervisee_coverage`` depends on, as one string, so a page
    may keep what it renders from it (the heatmap) under the same terms."""
    parts = (
        supervisee.pk,
        supervisee.portfolio_version,
        frameworks_stamp(),
        *_coverage_parts(supervisor, supervisee, seen_since, active_pcf()),
    )
    return ":".join(str(part) for part in parts)
