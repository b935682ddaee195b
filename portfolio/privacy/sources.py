"""Where a subject access ZIP finds what apps above portfolio hold about a
person: search's index documents, for one. Search sits above portfolio, so it
plugs a function in here from its ``AppConfig.ready()`` rather than being
imported (docs/architecture.md)."""

from collections.abc import Callable

_SOURCES: dict[str, Callable] = {}


def subject_access_source_register(name: str, source: Callable) -> None:
    """``source(person)`` returns a list of JSON-able documents about them."""
    _SOURCES[name] = source


def subject_access_sources() -> list[tuple[str, Callable]]:
    return sorted(_SOURCES.items())
