"""When supervision is due, by the organisation's policy, and the sessions
held: the LGA's defaults, each group's rule, short sessions and due dates."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, QuerySet

from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions
from portfolio.supervision.models import (
    SupervisionFrequency,
    SupervisionGroup,
    SupervisionSession,
)

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


def supervision_due_for_supervisee(*, supervisee, today: date) -> list[SupervisionDue]:
    """When ``supervisee``'s own supervision is next due, per current supervisor."""
    return supervision_due_list(
        supervisions=current_supervisions(today=today).filter(supervisee=supervisee),
        today=today,
    )
