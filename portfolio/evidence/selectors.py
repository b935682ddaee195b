"""Reads about entries that carry rules: whose entries, what counts this
registration year, and coverage of the PCF."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import MD5

from wagtail.permissions import policy_registry

from capabilities.models import Framework, Item, ItemKind, Level
from capabilities.selectors import (
    active_pcf,
    current_version_of,
    domains_counted_by_item,
    framework_is_in_force,
    mappable_items,
)
from portfolio.evidence.confidentiality import IdentifierMatch, find_identifiers
from portfolio.evidence.free_text import entry_text_for_checking
from portfolio.evidence.freshness import person_cached
from portfolio.evidence.models import (
    AccessEvent,
    Attachment,
    Entry,
    EntryMapping,
    EntryState,
)
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.registration_year import (
    RegistrationYear,
    registration_year_containing,
)

#: Titles this alike, on the same day and of the same type, are one activity.
DUPLICATE_SIMILARITY = 0.85
#: At the target level, fewer entries than this in a domain is a gap.
THIN_EVIDENCE = 2


@dataclass(frozen=True)
class EntryFilters:
    year: int | None = None  # the registration year starting 1 December of year-1
    cpd_type: str = ""
    state: str = ""
    domain_id: int | None = None
    sort: str = "-activity_date"


SORTS = {
    "-activity_date": ("-activity_date", "-updated_at"),
    "activity_date": ("activity_date", "updated_at"),
    "title": ("title",),
    "-updated_at": ("-updated_at",),
}


def entry_list(*, fetched_by, filters: EntryFilters | None = None) -> QuerySet[Entry]:
    """``fetched_by``'s own entries (the ones they may change), filtered and
    sorted. Supervisees' shared entries are listed by the supervision pages."""
    filters = filters or EntryFilters()
    queryset = entry_policy().instances_user_has_any_permission_for(
        fetched_by, ["change"]
    )
    if filters.year:
        year = registration_year_containing(date(filters.year, 11, 30))
        queryset = queryset.filter(activity_date__range=(year.starts, year.ends))
    if filters.cpd_type:
        queryset = queryset.filter(cpd_type=filters.cpd_type)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.domain_id:
        queryset = queryset.filter(
            Q(mappings__item_id=filters.domain_id)
            | Q(mappings__item__parent_id=filters.domain_id)
        ).distinct()
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["-activity_date"]))


def entry_get(*, fetched_by, pk: int, action: str = "view") -> Entry | None:
    """One entry with everything its page shows, or None when it is missing or
    ``fetched_by`` may not take ``action`` on it (the caller answers both with
    the same 404)."""
    return (
        entry_policy()
        .instances_user_has_any_permission_for(fetched_by, [action])
        .filter(pk=pk)
        # Where an imported entry came from (privacy.ImportedItem, a reverse
        # one-to-one named as a string so evidence imports nothing above it).
        .select_related("imported_from")
        .prefetch_related(
            "stages",
            "attachments",
            "review_decisions__reviewer",
            Prefetch(
                "mappings",
                queryset=EntryMapping.objects.select_related(
                    "item__framework", "item__parent", "level"
                ),
            ),
        )
        .first()
    )


# --- Registration-year readiness -------------------------------------------------


@dataclass
class Readiness:
    year: RegistrationYear
    today: date
    counting: list[Entry] = field(default_factory=list)
    with_peer_reflection: list[Entry] = field(default_factory=list)
    drafts: list[Entry] = field(default_factory=list)
    duplicates: list[Entry] = field(default_factory=list)
    outside_year: list[Entry] = field(default_factory=list)

    @property
    def days_left(self) -> int:
        return self.year.days_left(self.today)

    @property
    def not_counting_count(self) -> int:
        return len(self.drafts) + len(self.duplicates) + len(self.outside_year)

    @property
    def is_met(self) -> bool:
        return len(self.counting) >= 2 and bool(self.with_peer_reflection)

    @property
    def peer_confirmed(self) -> list[Entry]:
        """Counting entries whose peer reflection the peer has confirmed."""
        return [e for e in self.with_peer_reflection if e.peer_confirmed_at]

    @property
    def pieces_to_submit(self) -> list[Entry]:
        """The two pieces to send if Social Work England samples this
        person: one with peer reflection (a confirmed one first) and one
        other counting piece. Empty until the year's requirement is met."""
        if not self.is_met:
            return []
        first = (self.peer_confirmed or self.with_peer_reflection)[0]
        other = next(e for e in self.counting if e.pk != first.pk)
        return [first, other]

    @property
    def still_needed(self) -> list[str]:
        """What is missing, in plain words (empty when the year is met)."""
        needed = []
        missing = max(0, 2 - len(self.counting))
        if missing:
            needed.append(
                f"{missing} more complete piece{'s' if missing > 1 else ''} of CPD "
                f"dated between {self.year.starts:%-d %B %Y} and "
                f"{self.year.ends:%-d %B %Y}."
            )
        if not self.with_peer_reflection:
            needed.append("At least 1 piece of CPD that includes peer reflection.")
        return needed


def _normalised(title: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", title.lower()).strip()


def registration_readiness(*, user, today: date) -> Readiness:
    """Where ``user`` stands against Social Work England's yearly requirement:
    at least 2 complete pieces of CPD dated in the year, at least 1 with peer
    reflection; drafts, near-duplicates and entries dated before the year do
    not count. One query, cached until the person's entries change
    (portfolio.evidence.freshness)."""
    return person_cached(
        person=user,
        name="readiness",
        parts=(today.isoformat(),),
        read=lambda: _registration_readiness(user=user, today=today),
    )


def _registration_readiness(*, user, today: date) -> Readiness:
    year = registration_year_containing(today)
    readiness = Readiness(year=year, today=today)
    # Entries written this year about something before it are shown too: they
    # are the ones people expect to count and do not.
    entries = (
        Entry.objects.filter(
            Q(activity_date__range=(year.starts, year.ends))
            | Q(created_at__date__gte=year.starts, activity_date__lt=year.starts),
            owner=user,
        )
        # Only what the rules need: the long answers stay in the database.
        .only(
            "pk",
            "title",
            "activity_date",
            "state",
            "cpd_type",
            "created_at",
            "peer_confirmed_at",
        )
        .annotate(
            has_peer_reflection=ExpressionWrapper(
                ~Q(peer_reflection=""), output_field=BooleanField()
            ),
            learning_digest=MD5("learning"),
        )
        .order_by("activity_date", "created_at")
    )
    return readiness_sort(readiness=readiness, entries=entries)


def readiness_sort(
    *, readiness: Readiness, entries, stop_when_met: bool = False
) -> Readiness:
    """Apply the yearly rules to ``entries`` (in activity-date order, each with
    ``title``, ``activity_date``, ``state``, ``cpd_type``, ``learning_digest``
    and ``has_peer_reflection``), filling ``readiness``. Shared with the
    organisation reports, which fetch everyone's entries at once and need only
    to know when each person first met the requirement (``stop_when_met``)."""
    year = readiness.year
    duplicates = _DuplicateFinder()
    for entry in entries:
        if entry.activity_date < year.starts:
            readiness.outside_year.append(entry)
            continue
        if entry.state != EntryState.COMPLETE:
            readiness.drafts.append(entry)
            continue
        if duplicates.is_duplicate(entry):
            readiness.duplicates.append(entry)
            continue
        readiness.counting.append(entry)
        if entry.has_peer_reflection:
            readiness.with_peer_reflection.append(entry)
        if stop_when_met and readiness.is_met:
            break
    return readiness


class _DuplicateFinder:
    """Spots an entry that repeats an earlier one: the same title and learning,
    or a near-identical title on the same day and of the same type. Only
    entries that could match are compared, so a year of a thousand entries
    costs a thousand lookups, not a million comparisons."""

    def __init__(self):
        self.exact: set[tuple[str, str]] = set()
        self.same_day: dict[tuple, list[str]] = {}

    @staticmethod
    def _near(title: str, others: list[str]) -> bool:
        if not others:
            return False
        # One matcher per title: difflib caches its analysis of the second
        # sequence, and the cheap upper bounds skip most full comparisons.
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(title)
        for other in others:
            matcher.set_seq1(other)
            if (
                matcher.real_quick_ratio() >= DUPLICATE_SIMILARITY
                and matcher.quick_ratio() >= DUPLICATE_SIMILARITY
                and matcher.ratio() >= DUPLICATE_SIMILARITY
            ):
                return True
        return False

    def is_duplicate(self, entry: Entry) -> bool:
        title = _normalised(entry.title)
        exact_key = (title, entry.learning_digest)
        titles = self.same_day.setdefault((entry.activity_date, entry.cpd_type), [])
        if exact_key in self.exact or self._near(title, titles):
            return True
        self.exact.add(exact_key)
        titles.append(title)
        return False


# --- Coverage heatmap -----------------------------------------------------------


@dataclass
class CoverageCell:
    mapped: int = 0
    confirmed: int = 0


@dataclass
class CoverageRow:
    domain: Item
    cells: list[CoverageCell]
    is_gap: bool = False


@dataclass
class Coverage:
    framework: Framework | None
    levels: list[Level]
    rows: list[CoverageRow]
    current_level: Level | None
    target_level: Level | None

    @property
    def gaps(self) -> list[Item]:
        return [row.domain for row in self.rows if row.is_gap]

    @property
    def thin_below(self) -> int:
        return THIN_EVIDENCE

    def _target_count(self, row: CoverageRow) -> int:
        return row.cells[self.levels.index(self.target_level)].mapped

    @property
    def missing(self) -> list[Item]:
        """Gaps with no evidence at all at the target level."""
        return [
            row.domain
            for row in self.rows
            if row.is_gap and not self._target_count(row)
        ]

    @property
    def thin(self) -> list[Item]:
        """Gaps that have some evidence at the target level, not yet enough."""
        return [
            row.domain for row in self.rows if row.is_gap and self._target_count(row)
        ]


def _visible_entries(viewer) -> QuerySet[Entry]:
    if viewer is None:
        return Entry.objects.all()
    return entry_policy().instances_user_has_any_permission_for(viewer, ["review"])


def coverage_heatmap(
    *, user, framework: Framework | None = None, viewer=None
) -> Coverage:
    """Complete evidence across the PCF's domains × levels: entries mapped by the
    practitioner, and of those, confirmed by a supervisor.

    Evidence counts through crosswalks and earlier versions too (an SWE part or
    KSS statement that covers a PCF domain). The counting happens in one grouped
    query whatever the number of entries; only the frameworks' items (never the
    entries) are walked in Python, to know which items count towards a domain.
    With a ``viewer`` (a supervisor), only entries they may review count.

    The practitioner's own view is cached until their entries, mappings or
    reviews change (portfolio.evidence.freshness); a supervisor's view
    depends on what is shared with them and is read afresh.
    """
    framework = framework or active_pcf()
    if viewer is not None or framework is None:
        return _coverage_heatmap(user=user, framework=framework, viewer=viewer)
    return person_cached(
        person=user,
        name="coverage",
        parts=(
            framework.pk,
            user.organisation_id,
            user.career_level_id,
            user.target_level_id,
        ),
        read=lambda: _coverage_heatmap(user=user, framework=framework, viewer=None),
    )


def _coverage_heatmap(*, user, framework: Framework | None, viewer) -> Coverage:
    current, target = user.career_level, user.target_level
    if framework is None:
        return Coverage(None, [], [], current, target)
    domains = list(Item.objects.filter(framework=framework, kind=ItemKind.DOMAIN))
    levels = list(framework.levels.all())
    counts_towards = {domain.pk: set() for domain in domains}
    counted = domains_counted_by_item(
        framework=framework, organisation=user.organisation
    )
    for item_id, domain_ids in counted.items():
        for domain_id in domain_ids:
            counts_towards[domain_id].add(item_id)
    aggregates = {}
    for domain in domains:
        towards = Q(item_id__in=counts_towards[domain.pk])
        aggregates[f"mapped_{domain.pk}"] = Count(
            "entry", filter=towards, distinct=True
        )
        aggregates[f"confirmed_{domain.pk}"] = Count(
            "entry", filter=towards & Q(confirmed_at__isnull=False), distinct=True
        )
    grouped = {
        row["level_id"]: row
        for row in EntryMapping.objects.filter(
            entry__owner=user, entry__state=EntryState.COMPLETE
        )
        .filter(entry__in=_visible_entries(viewer))
        .values("level_id")
        .annotate(**aggregates)
    }
    rows = []
    for domain in domains:
        cells = [
            CoverageCell(
                grouped.get(level.pk, {}).get(f"mapped_{domain.pk}", 0),
                grouped.get(level.pk, {}).get(f"confirmed_{domain.pk}", 0),
            )
            for level in levels
        ]
        row = CoverageRow(domain, cells)
        if target is not None and target in levels:
            row.is_gap = cells[levels.index(target)].mapped < THIN_EVIDENCE
        rows.append(row)
    return Coverage(framework, levels, rows, current, target)


def attachment_get(*, fetched_by, pk: int, action: str = "view") -> Attachment | None:
    """An attachment on an entry ``fetched_by`` may view, or None (missing and
    not allowed look the same)."""
    return (
        policy_registry.get_by_type(Attachment)
        .instances_user_has_any_permission_for(fetched_by, [action])
        .filter(pk=pk)
        .select_related("entry")
        .first()
    )


def access_events_for_owner(*, owner) -> QuerySet[AccessEvent]:
    """Who looked at, reviewed or exported the owner's portfolio (see
    AccessEventPermissionPolicy: the owner's alone)."""
    return (
        policy_registry.get_by_type(AccessEvent)
        .instances_user_has_any_permission_for(owner, ["view"])
        .select_related("viewer", "entry")
    )


def entry_identifiers(*, entry: Entry) -> dict[str, list[IdentifierMatch]]:
    """What the confidentiality check finds in an entry as it is saved (a
    draft too), by field name (reflection stages as ``stage_<key>``). The
    same check that completing an entry runs; empty when nothing is found."""
    stages = {stage.stage: stage.text for stage in entry.stages.all()}
    return {
        name: found
        for name, text in entry_text_for_checking(entry, stages).items()
        if (found := find_identifiers(text))
    }


def entry_mappable_items(*, owner, entry: Entry | None, on: date) -> QuerySet[Item]:
    """What ``owner`` may map an entry to on ``on``: the frameworks their
    organisation offers that are in force that day, plus whatever the entry
    already maps to. A framework that has closed keeps the entry's original
    mappings (so saving the entry again does not drop them) but offers
    nothing new."""
    items = mappable_items(organisation=owner.organisation, on=on)
    if entry is None or entry.pk is None:
        return items
    kept = Item.objects.filter(pk__in=entry.mappings.values("item_id"))
    return (
        Item.objects.filter(Q(pk__in=items.values("pk")) | Q(pk__in=kept.values("pk")))
        .select_related("framework", "parent")
        .order_by("framework__family", "sort_order")
    )


@dataclass(frozen=True)
class MappingNow:
    """One of an entry's mappings, and what it counts towards today when its
    framework has closed (the successor's items it was carried forward to)."""

    mapping: EntryMapping
    is_closed: bool
    now_counts_towards: list[Item]


def entry_mappings_now(*, entry: Entry, on: date) -> list[MappingNow]:
    """The entry's mappings as first made, each with its successor items
    when its framework no longer takes evidence on ``on``."""
    result = []
    for mapping in entry.mappings.select_related("item__framework", "level"):
        closed = not framework_is_in_force(mapping.item.framework, on=on)
        result.append(
            MappingNow(
                mapping,
                closed,
                [
                    successor
                    for successor in current_version_of(mapping.item)
                    if successor.pk != mapping.item_id
                ]
                if closed
                else [],
            )
        )
    return result
