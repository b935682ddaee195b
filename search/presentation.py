"""Turning results into what the page shows: facet labels and result links."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from capabilities.caching import frameworks_cached
from capabilities.models import Item, ItemKind, Level
from search.backends import FACETS, Hit, SearchRequest, SearchResults
from search.kinds import Viewer, all_kinds, get_kind

FACET_LEGENDS = {
    "type": _("Type"),
    "domains": _("PCF domain"),
    "levels": _("Level"),
    "topics": _("Topic"),
    "year": _("Year"),
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetView:
    name: str
    legend: str
    options: list[FacetOption]


@dataclass(frozen=True)
class HitView:
    hit: Hit
    url: str
    type_label: str


def _type_label(value: str) -> str:
    kind_name = value.split(":", 1)[0]
    try:
        return get_kind(kind_name).type_label(value)
    except KeyError:
        return value


def _labels(facet: str, values: list[str]) -> dict[str, str]:
    ids = [int(v) for v in values if v.isdigit()]
    if facet == "type":
        return {value: _type_label(value) for value in values}
    if facet == "domains":
        labels = frameworks_cached(name="search-domain-labels", parts=(), read=_domains)
        return {value: labels[value] for value in values if value in labels}
    if facet == "levels":
        labels = frameworks_cached(name="search-level-labels", parts=(), read=_levels)
        return {value: labels[value] for value in values if value in labels}
    if facet == "topics":
        return _topic_labels(ids)
    return {value: value for value in values}


def _domains() -> dict[str, str]:
    # Every framework's domains: few, and the same for everyone until a
    # framework changes (which replaces the frameworks' cache stamp).
    return {
        str(item.pk): f"{item.framework.short_name} {item.code} {item.name}".strip()
        for item in Item.objects.filter(kind=ItemKind.DOMAIN).select_related(
            "framework"
        )
    }


def _levels() -> dict[str, str]:
    return {str(pk): name for pk, name in Level.objects.values_list("pk", "name")}


def _topic_labels(ids: list[int]) -> dict[str, str]:
    labels = {}
    for kind in all_kinds():
        labels.update(kind.topic_labels(ids))
    return labels


def facet_views(results: SearchResults, request: SearchRequest) -> list[FacetView]:
    views = []
    for facet in FACETS:
        counts = dict(results.facets.get(facet, []))
        selected = request.filters.get(facet, ())
        values = list(counts) + [v for v in selected if v not in counts]
        labels = _labels(facet, values)
        options = [
            FacetOption(
                value=value,
                # A value we cannot name (an item since deleted) is not shown.
                label=labels[value],
                count=counts.get(value, 0),
                checked=value in selected,
            )
            for value in values
            if value in labels
        ]
        if facet == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        if options:
            views.append(FacetView(facet, str(FACET_LEGENDS[facet]), options))
    return views


def hit_views(results: SearchResults, viewer: Viewer) -> list[HitView]:
    views = []
    for hit in results.hits:
        kind = get_kind(hit.kind)
        # Asked afresh rather than taken from the index: a page may have moved.
        url = kind.url_for(
            kind_fields={"object_id": hit.object_id, "owner_id": hit.owner_id},
            viewer=viewer,
        )
        views.append(HitView(hit, url, _type_label(hit.type) if hit.type else ""))
    return views
