"""Pages of a long list in one query (issue #15).

Django's ``Paginator`` asks twice per page, a ``COUNT`` and then the rows, and
skips the second when the list is empty, so a page's query count depends on
the data. Here the rows carry the total (``COUNT(*) OVER ()``, counted before
the ``LIMIT``): one query, whether the list is empty or long. The result is a
Django ``Page``, so templates use it as any other.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from portfolio.forms import MAX_ID, is_id


def page_of(queryset: QuerySet, number, *, per_page: int) -> Page:
    """Page ``number`` (as sent; anything that is not a page number is the
    first page) of an ordered ``queryset``. Past the end, the last page, as
    ``Paginator.get_page`` answers."""
    number = min(int(number), MAX_ID // per_page) if is_id(number or "") else 1
    bottom = (number - 1) * per_page
    rows = list(
        queryset.annotate(listed_total=Window(Count("pk")))[bottom : bottom + per_page]
    )
    paginator = Paginator(queryset, per_page)
    if not rows and number > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].listed_total if rows else 0
    return Page(rows, number, paginator)
