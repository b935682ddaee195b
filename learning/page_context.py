"""What learning pages add to their template context, plugged in from above.

Page models are what learning's selectors, services and policies read, so the
models never import them (importing them back was a circle). Instead, the
context a page type needs beyond its own fields is a function registered here
from ``LearningConfig.ready()``; a page's ``get_context()`` merges what is
registered for its class and each class it inherits from, the most general
first, so a page type can add to (or override) what its base provides.
"""

from collections.abc import Callable

from django.http import HttpRequest

#: ``provider(page=…, request=…)`` returns the names to add to the context.
ContextProvider = Callable[..., dict]

_providers: dict[type, list[ContextProvider]] = {}


def page_context_register(page_class: type, provider: ContextProvider) -> None:
    """Add ``provider``'s names to the context of ``page_class`` and its
    subclasses. Registering the same provider twice is a no-op."""
    providers = _providers.setdefault(page_class, [])
    if provider not in providers:
        providers.append(provider)


def page_context_for(*, page, request: HttpRequest) -> dict:
    context: dict = {}
    for klass in reversed(type(page).__mro__):
        for provider in _providers.get(klass, ()):
            context.update(provider(page=page, request=request))
    return context
