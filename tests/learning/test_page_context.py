"""The registry learning pages take their extra context from."""

from learning import page_context
from learning.page_context import page_context_for, page_context_register


class Base:
    pass


class Child(Base):
    pass


def test_a_page_gets_its_bases_context_then_its_own(monkeypatch):
    monkeypatch.setattr(page_context, "_providers", {})

    def base(*, page, request):
        return {"who": "base", "base_only": True}

    def child(*, page, request):
        return {"who": "child"}

    page_context_register(Base, base)
    page_context_register(Child, child)
    page_context_register(Child, child)  # a second registration is a no-op

    assert page_context_for(page=Child(), request=None) == {
        "who": "child",
        "base_only": True,
    }
    assert page_context_for(page=Base(), request=None) == {
        "who": "base",
        "base_only": True,
    }
    assert page_context._providers[Child] == [child]
