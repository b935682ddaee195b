from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.forms import MAX_PAGE, SearchForm
from search.kinds import viewer_for
from search.presentation import facet_views, hit_views
from search.selectors import search_for_viewer


@require_GET
@login_required
def search(request):
    """One search box over learning content and the portfolios the person may
    see (their own; what supervisees shared with them)."""
    form = SearchForm(request.GET)
    search_request = form.search_request(request.GET)
    context = {"form": form, "search_request": search_request}
    if search_request is not None:
        viewer = viewer_for(request.user)
        results = search_for_viewer(viewer=viewer, request=search_request)
        pages = -(-results.total // search_request.page_size)
        context |= {
            "results": results,
            "hits": hit_views(results, viewer),
            "facets": facet_views(results, search_request),
            "page_number": search_request.page,
            "has_previous": search_request.page > 1,
            "has_next": search_request.page < min(pages, MAX_PAGE),
            "page_count": pages,
            "previous_url": _page_url(request, search_request.page - 1),
            "next_url": _page_url(request, search_request.page + 1),
        }
    return render(request, "search/search.html", context)


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return f"?{params.urlencode()}"
