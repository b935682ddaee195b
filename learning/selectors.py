"""Reads for learning: listings, what a reader has done with a page, and the
recommendations on a practitioner's dashboard."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from capabilities.selectors import active_pcf, domains_counted_by_item, mappable_items
from learning.models import (
    LearningContentPage,
    LearningHomePage,
    LearningPathwayPage,
    LearningSectionPage,
    ReadMark,
    ResearchSummaryPage,
    Topic,
    TrainingEventPage,
)
from portfolio.appraisal.selectors import development_plan
from portfolio.evidence.models import Entry, EntryState, MappingChoice
from portfolio.evidence.selectors import THIN_EVIDENCE, Coverage, coverage_heatmap

HOME_URL_CACHE_KEY = "learning:home-url"
HOME_URL_CACHE_SECONDS = 10 * 60

PAGE_SIZE = 12
RECOMMENDATIONS = 3


def live_content():
    return LearningContentPage.objects.live().public()


# --- Listings ----------------------------------------------------------------


def learning_home_url() -> str | None:
    """Where the published learning home is, for the header's navigation.
    Asked on every page, so kept in the shared cache until a page is
    published, unpublished, moved or deleted, a view restriction or a site
    changes (learning.signals), or ``HOME_URL_CACHE_SECONDS`` pass."""
    found = cache.get(HOME_URL_CACHE_KEY)
    if found is None:
        home = LearningHomePage.objects.live().public().first()
        # "" (no home) is cached too: absence is also worth remembering.
        found = home.url if home is not None else ""
        cache.set(HOME_URL_CACHE_KEY, found, HOME_URL_CACHE_SECONDS)
    return found or None


def learning_home_url_forget(**kwargs) -> None:
    """Drop the cached learning home address (a signal receiver)."""
    cache.delete(HOME_URL_CACHE_KEY)


def home_listing(*, home) -> dict:
    """The learning home: its sections, pathways and the newest content."""
    content = live_content().descendant_of(home)
    return {
        "sections": LearningSectionPage.objects.live().child_of(home),
        "pathways": content.type(LearningPathwayPage).specific()[:6],
        "latest": content.specific().order_by("-first_published_at")[:6],
        # The search box asks the site search for these content types only.
        "search_types": [
            f"learning_page:{model._meta.model_name}"
            for model in (ResearchSummaryPage, TrainingEventPage, LearningPathwayPage)
        ],
    }


def section_listing(*, section, params) -> dict:
    topic = Topic.objects.filter(slug=params.get("topic", "")).first()
    content = live_content().child_of(section).specific()
    if topic is not None:
        content = content.filter(topics=topic)
    return {
        "topic": topic,
        "topics": Topic.objects.filter(
            pages__in=live_content().child_of(section)
        ).distinct(),
        "items": Paginator(content.order_by("-first_published_at"), PAGE_SIZE).get_page(
            params.get("page")
        ),
    }


# --- One reader and one page -------------------------------------------------


def page_link(page) -> str:
    """The page's address on the portal's canonical base URL (never built from
    the request's Host header, which a client controls)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (page.url or "")


@dataclass
class ReaderStatus:
    read_at: object | None
    recorded: list[Entry] = field(default_factory=list)

    @property
    def has_recorded(self) -> bool:
        return bool(self.recorded)


def _own_entries(user):
    """The person's own entries (EntryPermissionPolicy's ``change``)."""
    return policy_registry.get_by_type(Entry).instances_user_has_any_permission_for(
        user, ["change"]
    )


def reader_status(*, user, page) -> ReaderStatus:
    mark = (
        policy_registry.get_by_type(ReadMark)
        .instances_user_has_any_permission_for(user, ["view"])
        .filter(page=page)
        .first()
    )
    recorded = list(_own_entries(user).filter(source_page=page).order_by("-created_at"))
    return ReaderStatus(read_at=mark.read_at if mark else None, recorded=recorded)


def draft_recorded_from(*, user, page) -> Entry | None:
    return (
        _own_entries(user)
        .filter(source_page=page, state=EntryState.DRAFT)
        .order_by("-created_at")
        .first()
    )


def mapping_choices_for(*, user, page) -> list[MappingChoice]:
    """The page's framework items as the new entry's mappings, at the level the
    person is working towards when the page is for that level (else the level
    they are at)."""

    page_levels = list(page.levels.all())
    level = next(
        (
            candidate
            for candidate in (user.target_level, user.career_level)
            if candidate is not None and candidate in page_levels
        ),
        page_levels[0] if len(page_levels) == 1 else user.career_level,
    )
    justification = _("Recorded from the learning page “%(title)s”.") % {
        "title": page.title
    }
    # What the person's organisation offers today: a closed framework (or one
    # the organisation does not use) is left out rather than refused.
    items = mappable_items(organisation=user.organisation).filter(
        pk__in=page.supported_items.values("pk")
    )
    return [MappingChoice(item, level, justification[:500]) for item in items]


# --- Recommendations ---------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    page: LearningContentPage
    reason: str


@dataclass(frozen=True)
class _Want:
    """One thing suggestions answer: an objective's domain or a thin domain."""

    domain_id: int
    domain_name: str
    objective: str = ""  # the objective's text, for development-plan wants
    evidence: int = 0  # entries at the level, for gaps


def recommendations_for(
    *,
    user,
    limit: int = RECOMMENDATIONS,
    coverage: Coverage | None = None,
    plan=None,
) -> list[Recommendation]:
    """Published content that fits the person's gaps and their development plan,
    each with the reason it is suggested: the objectives and thin domains
    *that page* supports, and whether it is written for their level.

    Development-plan objectives come first (they were agreed with a supervisor),
    then the PCF domains with the least complete evidence at the level they are
    working towards (or at, without a target). Pages already recorded as CPD
    are left out. Content supports a domain directly or through a crosswalk (a
    KSS statement or SWE standard that counts towards it). A page that already
    read the person's ``coverage`` and ``plan`` passes them in, so they are not
    read twice.
    """
    framework = active_pcf()
    if framework is None:
        return []
    if coverage is None or coverage.framework != framework:
        coverage = coverage_heatmap(user=user, framework=framework)
    if plan is None:
        plan = development_plan(user=user)
    wanted = _wanted_domains(plan=plan, coverage=coverage, framework=framework)
    if not wanted:
        return []
    counted = domains_counted_by_item(framework=framework)
    recorded = (
        _own_entries(user).filter(source_page__isnull=False).values("source_page_id")
    )
    candidates = (
        live_content()
        .exclude(pk__in=recorded)
        .filter(Q(supported_items__isnull=False))
        .distinct()
        .specific()
        .prefetch_related("supported_items", "levels")
        .order_by("-first_published_at")
    )
    level = coverage.target_level or coverage.current_level
    ranked = []
    for page in candidates:
        domains = set()
        for item in page.supported_items.all():
            domains |= counted.get(item.pk, set())
        matches = [
            (rank, want)
            for rank, want in enumerate(wanted)
            if want.domain_id in domains
        ]
        if not matches:
            continue
        fits_level = level is not None and level in page.levels.all()
        # Best priority first, then pages answering more needs, then level.
        ranked.append(
            (matches[0][0], -len(matches), not fits_level, page, matches, fits_level)
        )
    ranked.sort(key=lambda row: row[:3])
    chosen = [
        Recommendation(
            page,
            _reason([want for _rank, want in matches], level=level, fits_level=fits),
        )
        for *_key, page, matches, fits in ranked[:limit]
    ]
    return chosen


def _wanted_domains(*, plan, coverage: Coverage, framework) -> list[_Want]:
    """What suggestions should answer, in order of priority."""
    wanted = []
    for objective in plan:
        for domain in objective.domains.all():
            if domain.framework_id == framework.pk:
                wanted.append(_Want(domain.pk, domain.name, objective=objective.text))
    level = coverage.target_level or coverage.current_level
    if level is not None and level in coverage.levels:
        column = coverage.levels.index(level)
        thin = sorted(
            (row for row in coverage.rows if row.cells[column].mapped < THIN_EVIDENCE),
            key=lambda row: (row.cells[column].mapped, row.domain.sort_order),
        )
        for row in thin:
            wanted.append(
                _Want(row.domain.pk, row.domain.name, evidence=row.cells[column].mapped)
            )
    return wanted


def _reason(matches: list[_Want], *, level, fits_level: bool) -> str:
    """Why this page: each objective it supports, then the thin domains it
    covers (those with none, then those with a little), then whether it is
    written for the level the person is working towards."""
    sentences = []
    objectives = dict.fromkeys(want.objective for want in matches if want.objective)
    for text in objectives:
        sentences.append(
            _("It supports your development-plan objective: %(text)s")
            % {"text": _shorten(text)}
        )
    gaps = [want for want in matches if not want.objective]
    for wording, names in (
        (
            _("You have no evidence yet in %(domain)s at %(level)s level."),
            _names(want.domain_name for want in gaps if want.evidence == 0),
        ),
        (
            _("You have little evidence in %(domain)s at %(level)s level."),
            _names(want.domain_name for want in gaps if want.evidence > 0),
        ),
    ):
        if names:
            sentences.append(wording % {"domain": names, "level": level.name})
    if fits_level:
        sentences.append(
            _("It is written for the %(level)s level.") % {"level": level.name}
        )
    return " ".join(sentences)


def _names(names) -> str:
    """ "A", "A and B", "A, B and C" (each name once, in order)."""
    names = list(dict.fromkeys(names))
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


def _shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
