"""Search as a person sees it: the backend chosen, the fallback, and labels."""

import logging

from django.utils.translation import gettext as _

from search import breaker
from search.backends import SearchRequest, SearchResults, SearchUnavailable
from search.backends import database as database_backend
from search.backends import elasticsearch as elasticsearch_backend
from search.connection import elasticsearch_configured, is_outage
from search.kinds import Viewer, viewer_for

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Search is running in a simpler mode for now, so results may be less "
    "complete. Try again later for the full search."
)


def search_for_user(*, user, request: SearchRequest) -> SearchResults:
    """Search what ``user`` may see: Elasticsearch when configured and
    answering, else the database (with a notice when it stands in)."""
    return search_for_viewer(viewer=viewer_for(user), request=request)


def search_for_viewer(*, viewer: Viewer, request: SearchRequest) -> SearchResults:
    """As search_for_user, for a Viewer already worked out."""
    if not elasticsearch_configured():
        return database_backend.search(request=request, viewer=viewer)
    if breaker.allow_request():
        try:
            results = elasticsearch_backend.search(request=request, viewer=viewer)
        except SearchUnavailable as error:
            cause = error.__cause__ or error
            if is_outage(cause):
                breaker.record_failure()
            logger.warning("Search fell back to the database: %s", error)
        else:
            breaker.record_success()
            return results
    results = database_backend.search(request=request, viewer=viewer)
    results.notice = _(FALLBACK_NOTICE)
    return results
