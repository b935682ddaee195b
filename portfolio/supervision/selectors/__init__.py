"""Reads about supervision that carry rules: who currently supervises whom,
what waits for review, and when supervision is next due. One concept per
module, every public name here:

- ``sessions``: the supervision policy (the LGA's defaults or the
  organisation's own), sessions and when the next is due;
- ``evidence``: what of a supervisee's work a supervisor sees (the review
  queue, shared entries, the supervisee's coverage as they see it).
"""

from portfolio.supervision.selectors.evidence import (
    ENTRIES_PER_PAGE,
    RENDERED_CACHE_SECONDS,
    review_queue,
    reviews_of_own_entries,
    reviews_seen_since,
    supervisee_coverage,
    supervisee_coverage_version,
    supervisee_entries,
    supervising_get,
)
from portfolio.supervision.selectors.sessions import (
    FORTNIGHTLY,
    LGA_DEFAULTS,
    NEWLY_QUALIFIED_FOR,
    WEEKLY,
    SupervisionDue,
    session_is_short,
    short_session_ids,
    supervision_due_for_supervisee,
    supervision_due_list,
    supervision_frequencies,
    supervision_frequency_for,
    supervision_interval,
    supervision_list_for_organisation,
    supervision_sessions,
)

__all__ = [
    "ENTRIES_PER_PAGE",
    "FORTNIGHTLY",
    "LGA_DEFAULTS",
    "NEWLY_QUALIFIED_FOR",
    "RENDERED_CACHE_SECONDS",
    "WEEKLY",
    "SupervisionDue",
    "review_queue",
    "reviews_of_own_entries",
    "reviews_seen_since",
    "session_is_short",
    "short_session_ids",
    "supervisee_coverage",
    "supervisee_coverage_version",
    "supervisee_entries",
    "supervising_get",
    "supervision_due_for_supervisee",
    "supervision_due_list",
    "supervision_frequencies",
    "supervision_frequency_for",
    "supervision_interval",
    "supervision_list_for_organisation",
    "supervision_sessions",
]
