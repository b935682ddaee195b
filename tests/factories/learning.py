"""Learning pages built the way the Wagtail admin builds them: as children in
the page tree, published through a revision."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from learning.models import (
    LearningHomePage,
    LearningSectionPage,
    ResearchReference,
    ResearchSummaryPage,
    TrainingEventPage,
)
from learning.setup import learning_site_ensure


def learning_home() -> LearningHomePage:
    return LearningHomePage.objects.first() or learning_site_ensure()


def learning_section(title: str = "Research summaries") -> LearningSectionPage:
    home = learning_home()
    existing = LearningSectionPage.objects.child_of(home).filter(title=title).first()
    if existing:
        return existing
    return home.add_child(
        instance=LearningSectionPage(title=title, slug=slugify(title))
    )


def _place(page, parent, *, live, items, levels, topics):
    page.supported_items = list(items)
    page.levels = list(levels)
    page.topics = list(topics)
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def research_summary(
    *,
    title: str = "Relationship-based practice with families",
    parent=None,
    live: bool = True,
    items=(),
    levels=(),
    topics=(),
    questions=("What does this mean for the families you work with?",),
    **fields,
) -> ResearchSummaryPage:
    values = {
        "summary": "A sample summary used in the tests.",
        "key_findings": "<p>Sample findings.</p>",
        "implications": "<p>Sample implications.</p>",
        "study_type": "qualitative",
        "evidence_strength": "emerging",
        "research_published_on": datetime.date(2020, 1, 1),
        "cpd_hours": Decimal("1.5"),
        "is_sample": True,
        **fields,
    }
    page = ResearchSummaryPage(
        title=title,
        slug=slugify(title)[:50],
        reflection_questions=[("question", text) for text in questions],
        **values,
    )
    page.references = [
        ResearchReference(
            citation="Sample, A. (2020) A sample reference.", url="https://example.org/"
        )
    ]
    return _place(
        page,
        parent or learning_section(),
        live=live,
        items=items,
        levels=levels,
        topics=topics,
    )


def training_event(
    *,
    title: str = "Analysis and decision-making workshop",
    live: bool = True,
    items=(),
    **fields,
) -> TrainingEventPage:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    values = {
        "summary": "A sample workshop used in the tests.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "format": "online",
        "cpd_hours": Decimal("3"),
        "is_sample": True,
        **fields,
    }
    page = TrainingEventPage(title=title, slug=slugify(title)[:50], **values)
    return _place(
        page, learning_section("Training"), live=live, items=items, levels=(), topics=()
    )
