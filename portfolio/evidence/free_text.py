"""The free text of an entry, field by field: what the confidentiality check
reads, both when an entry is completed (a service) and while it is written
(a selector), so it lives apart from both."""

from portfolio.evidence.models import Entry


def entry_text_for_checking(entry: Entry, stages: dict[str, str]) -> dict[str, str]:
    """Every free-text field of an entry, by field name, for the guard."""
    texts = {
        name: getattr(entry, name) or ""
        for name in (
            "title",
            "description",
            "learning",
            "impact",
            "peer_reflection",
            "peer_role",
        )
    }
    texts.update({f"stage_{key}": value for key, value in stages.items()})
    return texts
