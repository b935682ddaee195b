"""The kinds of searchable document: a registry search's other parts consult.

A kind knows how to load one object of its model (None once it is gone or no
longer searchable), turn it into an Elasticsearch document, say in a query who
may see it (both backends), and search it in the database. Portfolio entries
and learning pages are kinds; adding another is one more module registered in
SearchConfig.ready().
"""

from search.kinds.base import DocumentKind, Viewer, viewer_for

_registry: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    _registry[kind.name] = kind


def get_kind(name: str) -> DocumentKind:
    return _registry[name]


def all_kinds() -> list[DocumentKind]:
    return list(_registry.values())


__all__ = ["DocumentKind", "Viewer", "all_kinds", "get_kind", "register", "viewer_for"]
