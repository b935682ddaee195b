"""The interface between Wagtail serving a learning page and learning's reads
and writes: what each page type's template gets, and counting a view.

Page models cannot import learning's selectors, services or policies (those
read the models), so these are plugged in: the context through
``learning.page_context`` from ``LearningConfig.ready()``, the view count as a
``before_serve_page`` hook in ``wagtail_hooks``. Each calls one selector,
policy or service and holds no rule of its own.
"""

from capabilities.caching import frameworks_stamp
from learning.models import (
    LearningContentPage,
    LearningHomePage,
    LearningSectionPage,
    TrainingEventPage,
)
from learning.page_context import page_context_register
from learning.policies import attendance_policy
from learning.selectors import home_listing, reader_status, section_listing
from learning.services import content_view_record

#: How long a learning page's shared fragments are kept at most.
FRAGMENT_SECONDS = 10 * 60


def _home(*, page, request) -> dict:
    return home_listing(home=page)


def _section(*, page, request) -> dict:
    return section_listing(section=page, params=request.GET)


def _reader(*, page, request) -> dict:
    if not request.user.is_authenticated:
        return {}
    return {"reader": reader_status(user=request.user, page=page)}


def _fragments(*, page, request) -> dict:
    # What every reader sees of a page (its text, references, what it
    # supports) is cached as template fragments keyed by the page's own
    # cache key, which publishing changes, and by the frameworks' stamp,
    # which any change to an item or level replaces (issue #15).
    # A topic renamed in the snippets admin shows within FRAGMENT_SECONDS.
    return {"fragments_stamp": frameworks_stamp(), "fragment_seconds": FRAGMENT_SECONDS}


def _attendance(*, page, request) -> dict:
    return {
        "can_record_attendance": attendance_policy().user_has_permission(
            request.user, "add"
        )
    }


def register_page_context() -> None:
    page_context_register(LearningHomePage, _home)
    page_context_register(LearningSectionPage, _section)
    page_context_register(LearningContentPage, _reader)
    page_context_register(LearningContentPage, _fragments)
    page_context_register(TrainingEventPage, _attendance)


def content_view_count(page, request, serve_args, serve_kwargs) -> None:
    """Count a signed-in person's view of a piece of content (once a day)."""
    if isinstance(page, LearningContentPage) and request.user.is_authenticated:
        content_view_record(user=request.user, page=page)
