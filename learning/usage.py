"""How learning content is used, and what exists for each capability and topic:
the learning half of the organisation reports.

Counts only (never who read what): views are one per person, page and day;
"recorded" counts entries made from a page. Each function is a fixed number of
grouped queries whatever the number of people or pages.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from capabilities.selectors import domains_counted_by_item
from learning.models import ContentView, LearningContentPage
from portfolio.evidence.models import Entry, EntryState


@dataclass(frozen=True)
class PageUse:
    page_id: int
    title: str
    url: str
    kind: str
    views: int
    viewers: int
    recorded: int
    completed: int


def content_use(
    *, people: QuerySet, starts: datetime.date, ends: datetime.date
) -> list[PageUse]:
    """Views and CPD records per published page by ``people`` in the period,
    most recorded first."""
    views = {
        row["page_id"]: row
        for row in ContentView.objects.filter(
            user__in=people, viewed_on__range=(starts, ends)
        )
        .values("page_id")
        .annotate(views=Count("id"), viewers=Count("user_id", distinct=True))
    }
    records = {
        row["source_page_id"]: row
        for row in Entry.objects.filter(
            owner__in=people,
            source_page__isnull=False,
            created_at__date__range=(starts, ends),
        )
        .values("source_page_id")
        .annotate(
            recorded=Count("id"),
            completed=Count("id", filter=Q(state=EntryState.COMPLETE)),
        )
    }
    pages = (
        LearningContentPage.objects.live()
        .filter(pk__in=set(views) | set(records))
        .select_related("content_type")
    )
    use = [
        PageUse(
            page_id=page.pk,
            title=page.title,
            url=page.url or "",
            kind=str(page.content_type.model_class()._meta.verbose_name),
            views=views.get(page.pk, {}).get("views", 0),
            viewers=views.get(page.pk, {}).get("viewers", 0),
            recorded=records.get(page.pk, {}).get("recorded", 0),
            completed=records.get(page.pk, {}).get("completed", 0),
        )
        for page in pages
    ]
    return sorted(use, key=lambda row: (-row.recorded, -row.views, row.title))


def pages_per_domain(*, framework) -> dict[int, set[int]]:
    """The published pages supporting each of ``framework``'s domains."""
    counted = domains_counted_by_item(framework=framework)
    supported = LearningContentPage.objects.live().values_list("pk", "supported_items")
    pages: dict[int, set[int]] = {}
    for page_id, item_id in supported:
        for domain_id in counted.get(item_id, ()):
            pages.setdefault(domain_id, set()).add(page_id)
    return pages


def pages_per_topic() -> dict[int, set[int]]:
    """The published pages filed under each topic (topics without any are
    left out)."""
    through = LearningContentPage.topics.through
    live = LearningContentPage.objects.live().values("pk")
    pages: dict[int, set[int]] = {}
    for topic_id, page_id in through.objects.filter(
        learningcontentpage__in=live
    ).values_list("topic_id", "learningcontentpage_id"):
        pages.setdefault(topic_id, set()).add(page_id)
    return pages
