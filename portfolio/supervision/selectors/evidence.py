"""What of a supervisee's work a supervisor sees: the review queue, the
entries shared with them, and the supervisee's coverage as they see it (cached
per person, never stale after a save; issue #15)."""

from datetime import date

from django.db.models import OuterRef, Subquery

from capabilities.caching import frameworks_stamp
from capabilities.selectors import active_pcf
from portfolio.evidence.freshness import PERSON_CACHE_SECONDS, person_cached
from portfolio.evidence.models import Entry
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.selectors import Coverage, coverage_heatmap, entry_list
from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions_of
from portfolio.supervision.policies import supervision_policy

#: Rows per page of the supervisee page's shared entries and of the review
#: queue: a supervisee with 1,000 entries must not make a page of 1,000 rows.
ENTRIES_PER_PAGE = 25
#: How long a page keeps what it rendered from a cached read (the same as
#: the read itself; the key changes with every write that matters).
RENDERED_CACHE_SECONDS = PERSON_CACHE_SECONDS


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
