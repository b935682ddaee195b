"""Reads about frameworks that carry rules: who sees which framework, and which
items of other frameworks a piece of evidence counts towards."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from wagtail.permissions import policy_registry

from capabilities.caching import frameworks_cached
from capabilities.importing import split_reference
from capabilities.models import (
    ALWAYS_ON_FAMILIES,
    Framework,
    FrameworkImportJob,
    Item,
    ItemKind,
    ItemMapping,
    Level,
    MappingRelation,
)


def national_mappings(*, organisation=None) -> QuerySet[ItemMapping]:
    """Crosswalks and version mappings that hold for everyone, and with an
    ``organisation`` its own local ones too (such as those that came with its
    local framework). An organisation's local mappings never change how other
    organisations' evidence counts."""
    owned = Q(owner_organisation__isnull=True)
    if organisation is not None:
        owned |= Q(owner_organisation=organisation)
    return ItemMapping.objects.filter(owned)


def national_frameworks() -> QuerySet[Framework]:
    """Frameworks published for everyone (not an organisation's local copy)."""
    return Framework.objects.filter(owner_organisation__isnull=True)


def active_pcf() -> Framework | None:
    """The PCF version in use now: the newest active national one (cached
    until a framework changes: capabilities.caching)."""
    return frameworks_cached(
        name="active-pcf",
        parts=(),
        read=lambda: (
            national_frameworks()
            .filter(family="pcf", is_active=True)
            .order_by("-version")
            .first()
        ),
    )


def in_force_on(on: date) -> Q:
    """Frameworks that take new evidence on ``on``: active, and inside their
    validity dates (either end may be open)."""
    return (
        Q(is_active=True)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    )


def framework_is_in_force(framework: Framework, *, on: date) -> bool:
    """Whether new evidence may be mapped to ``framework`` on ``on``."""
    return (
        framework.is_active
        and (framework.valid_from is None or framework.valid_from <= on)
        and (framework.valid_to is None or on <= framework.valid_to)
    )


def _chosen_by_lineage(framework_ids: set[int], families: set[str]) -> set[int]:
    """The frameworks among ``framework_ids`` of a chosen family, or that
    replace (at any distance) a framework of one: a successor takes over
    from the framework it replaces without the organisation choosing again."""
    rows = Framework.objects.values_list("pk", "replaces_id", "family")
    lineage, family_of = {}, {}
    for pk, replaces_id, family in rows:
        lineage[pk], family_of[pk] = replaces_id, family
    chosen = set()
    for pk in framework_ids:
        seen, current = set(), pk
        while current is not None and current not in seen:
            if family_of[current] in families:
                chosen.add(pk)
                break
            seen.add(current)
            current = lineage.get(current)
    return chosen


def mappable_frameworks(
    *, organisation=None, on: date | None = None
) -> list[Framework]:
    """The frameworks evidence may be mapped to on ``on`` (today by default).

    For an organisation's staff: the PCF and Social Work England's standards
    always, the national frameworks the organisation chose (and whatever has
    replaced them), and the organisation's own local frameworks. Without an
    organisation (shared learning content): every national framework. Only
    frameworks in force on the day, so one past its ``valid_to`` takes no new
    evidence and its successor takes over on its ``valid_from``.
    """
    on = on or timezone.localdate()
    owned = Q(owner_organisation__isnull=True)
    if organisation is not None:
        owned |= Q(owner_organisation=organisation)
    frameworks = list(Framework.objects.filter(owned).filter(in_force_on(on)))
    if organisation is not None:
        families = {*ALWAYS_ON_FAMILIES, *(organisation.framework_families or [])}
        chosen = _chosen_by_lineage({f.pk for f in frameworks}, families)
        frameworks = [
            f for f in frameworks if f.pk in chosen or f.owner_organisation_id
        ]

    def order(framework: Framework):
        always = framework.family in ALWAYS_ON_FAMILIES
        rank = ALWAYS_ON_FAMILIES.index(framework.family) if always else 0
        return (not always, rank, framework.name)

    return sorted(frameworks, key=order)


def framework_family_choices() -> list[tuple[str, str]]:
    """(family, name) of the national frameworks an organisation may choose to
    offer: every active one but the always-on ones, named by its newest
    version."""
    names: dict[str, str] = {}
    for framework in (
        national_frameworks()
        .filter(is_active=True)
        .exclude(family__in=ALWAYS_ON_FAMILIES)
        .order_by("family", "-version")
    ):
        names.setdefault(framework.family, framework.name)
    return sorted(names.items(), key=lambda pair: pair[1])


def mappable_items(*, organisation=None, on: date | None = None) -> QuerySet[Item]:
    """Domains and statements people map their evidence (and learning
    content) to: those of ``mappable_frameworks``."""
    frameworks = mappable_frameworks(organisation=organisation, on=on)
    return (
        Item.objects.filter(
            framework__in=frameworks,
            kind__in=[ItemKind.DOMAIN, ItemKind.STATEMENT],
        )
        .select_related("framework", "parent")
        .order_by("framework__family", "sort_order")
    )


def framework_policy():
    return policy_registry.get_by_type(Framework)


def framework_list(*, fetched_by) -> QuerySet[Framework]:
    """Frameworks ``fetched_by`` may read: national ones and their own local ones."""
    return framework_policy().instances_user_has_any_permission_for(
        fetched_by, ["view"]
    )


def framework_get(*, fetched_by, family: str, version: str) -> Framework | None:
    """One readable framework, or None (missing and not allowed look the same)."""
    return (
        framework_list(fetched_by=fetched_by)
        .filter(family=family, version=version)
        .first()
    )


def item_by_reference(reference: str) -> Item | None:
    """The item named 'family@version:code', or None."""
    parts = split_reference(reference)
    if parts is None:
        return None
    family, version, code = parts
    return (
        Item.objects.filter(
            framework__family=family, framework__version=version, code=code
        )
        .select_related("framework")
        .first()
    )


def _ancestors(item: Item) -> list[Item]:
    chain = []
    while item.parent_id:
        item = item.parent
        chain.append(item)
    return chain


def _successors(items: set[Item]) -> set[Item]:
    """Follow version mappings forward: 2012 items live on as their 2018 ones."""
    found, frontier = set(items), set(items)
    while frontier:
        successors = {
            mapping.target
            for mapping in national_mappings()
            .filter(source__in=frontier, relation=MappingRelation.REPLACED_BY)
            .select_related("target__framework", "target__parent")
        }
        frontier = successors - found
        found |= frontier
    return found


def items_covered_by(item: Item) -> set[Item]:
    """Every item, in any framework, that evidence mapped to ``item`` counts
    towards: the item, its parent domain, its later versions, and whatever the
    crosswalks link to any of those (in either direction), with their domains.
    """
    start = {item, *_ancestors(item)}
    current = _successors(start)
    linked = set()
    for mapping in (
        national_mappings()
        .filter(relation=MappingRelation.COVERS)
        .filter(source__in=current)
        .select_related("target__framework", "target__parent")
    ):
        linked.add(mapping.target)
    for mapping in (
        national_mappings()
        .filter(relation=MappingRelation.COVERS)
        .filter(target__in=current)
        .select_related("source__framework", "source__parent")
    ):
        linked.add(mapping.source)
    with_parents = set()
    for linked_item in linked:
        with_parents.add(linked_item)
        with_parents.update(_ancestors(linked_item))
    # Groups (such as the PCF's super-domains) only arrange domains; evidence
    # counts towards the domains themselves.
    return {item for item in current | with_parents if item.kind != ItemKind.GROUP}


def crosswalk_targets(*, item: Item, framework: Framework) -> list[Item]:
    """Which items of ``framework`` this item (of any framework) covers."""
    return sorted(
        (
            covered
            for covered in items_covered_by(item)
            if covered.framework_id == framework.pk
        ),
        key=lambda covered: (covered.sort_order, covered.code),
    )


def current_version_of(item: Item) -> list[Item]:
    """The items of active frameworks that an item of an older version became."""
    return sorted(
        (
            successor
            for successor in _successors({item})
            if successor.framework.is_active
        ),
        key=lambda successor: successor.code,
    )


@dataclass
class DomainView:
    domain: Item
    statements: list[Item] = field(default_factory=list)
    links: list[Item] = field(default_factory=list)


@dataclass
class FrameworkView:
    framework: Framework
    levels: list[Level]
    #: (group or None, [DomainView]) in order
    sections: list[tuple[Item | None, list[DomainView]]]


def framework_browse(
    *, framework: Framework, level: Level | None = None
) -> FrameworkView:
    """A framework laid out for reading: groups, domains, their statements (for
    one level if given) and what each domain links to in other frameworks."""
    statements = Item.objects.filter(kind=ItemKind.STATEMENT).select_related("level")
    if level is not None:
        statements = statements.filter(Q(level=level) | Q(level__isnull=True))
    items = list(
        framework.items.exclude(kind=ItemKind.STATEMENT)
        .select_related("parent")
        .prefetch_related(
            Prefetch("children", queryset=statements, to_attr="statement_children")
        )
    )
    flat_statements = list(statements.filter(framework=framework, parent__isnull=True))
    links = _links_by_item(framework)
    groups = [item for item in items if item.kind == ItemKind.GROUP]
    domains = [item for item in items if item.kind == ItemKind.DOMAIN]
    sections: list[tuple[Item | None, list[DomainView]]] = []
    for group in [*groups, None]:
        members = [
            DomainView(domain, domain.statement_children, links.get(domain.pk, []))
            for domain in domains
            if domain.parent_id == (group.pk if group else None)
        ]
        if group is None:
            members += [
                DomainView(item, [], links.get(item.pk, [])) for item in flat_statements
            ]
        if members:
            sections.append((group, members))
    return FrameworkView(
        framework, list(framework.levels.prefetch_related("pathways")), sections
    )


def _links_by_item(framework: Framework) -> dict[int, list[Item]]:
    links: dict[int, list[Item]] = {}
    # A local framework's page (seen only by its organisation) shows the
    # crosswalks that came with it as well as the national ones.
    mappings = (
        national_mappings(organisation=framework.owner_organisation)
        .filter(relation=MappingRelation.COVERS)
        .select_related("source__framework", "target__framework")
    )
    for mapping in mappings.filter(source__framework=framework):
        links.setdefault(mapping.source_id, []).append(mapping.target)
    for mapping in mappings.filter(target__framework=framework):
        links.setdefault(mapping.target_id, []).append(mapping.source)
    return links


def domains_counted_by_item(
    *, framework: Framework, organisation=None
) -> dict[int, set[int]]:
    """For every item of any framework, the ids of ``framework``'s domains that
    evidence mapped to it counts towards (the same rules as items_covered_by).
    With an ``organisation``, its local crosswalks count as well.

    Three queries whatever is asked afterwards, so coverage over many entries
    costs no more than over a few; none while the frameworks are unchanged
    (capabilities.caching).
    """
    return frameworks_cached(
        name="domains-counted",
        parts=(framework.pk, getattr(organisation, "pk", None)),
        read=lambda: _domains_counted_by_item(
            framework=framework, organisation=organisation
        ),
    )


def _domains_counted_by_item(
    *, framework: Framework, organisation
) -> dict[int, set[int]]:
    items = {
        item.pk: item
        for item in Item.objects.only("id", "parent_id", "framework_id", "kind")
    }
    successors: dict[int, set[int]] = {}
    links: dict[int, set[int]] = {}
    for source, target, relation in national_mappings(
        organisation=organisation
    ).values_list("source_id", "target_id", "relation"):
        if relation == MappingRelation.REPLACED_BY:
            successors.setdefault(source, set()).add(target)
        else:
            links.setdefault(source, set()).add(target)
            links.setdefault(target, set()).add(source)

    def with_ancestors(pk: int) -> set[int]:
        found = {pk}
        while items[pk].parent_id:
            pk = items[pk].parent_id
            found.add(pk)
        return found

    result = {}
    for pk in items:
        current = with_ancestors(pk)
        frontier = set(current)
        while frontier:
            frontier = (
                set().union(*(successors.get(p, set()) for p in frontier)) - current
            )
            current |= frontier
        linked = set().union(*(links.get(p, set()) for p in current))
        reached = current | set().union(*(with_ancestors(p) for p in linked))
        domains = {
            p
            for p in reached
            if items[p].framework_id == framework.pk
            and items[p].kind == ItemKind.DOMAIN
        }
        if domains:
            result[pk] = domains
    return result


def import_job_policy():
    return policy_registry.get_by_type(FrameworkImportJob)


def import_job_list(*, fetched_by) -> QuerySet[FrameworkImportJob]:
    """The person's own framework uploads: nobody else's, whatever their role
    (ImportJobPermissionPolicy)."""
    return import_job_policy().instances_user_has_any_permission_for(
        fetched_by, ["view"]
    )


def import_job_get(*, fetched_by, pk: int) -> FrameworkImportJob | None:
    return import_job_list(fetched_by=fetched_by).filter(pk=pk).first()
