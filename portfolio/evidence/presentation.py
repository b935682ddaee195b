"""Turning entries and service results into what the editor shows."""

from portfolio.evidence.reflection import STAGES
from portfolio.evidence.services import ENTRY_FIELDS


def entry_initial(entry) -> dict:
    """The editor's starting values for an existing entry."""
    initial = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    stages = {stage.stage: stage.text for stage in entry.stages.all()}
    for model_stages in STAGES.values():
        for stage in model_stages:
            initial[f"stage_{stage.key}"] = stages.get(stage.key, "")
    mappings = list(entry.mappings.all())
    initial["mapping_items"] = [mapping.item_id for mapping in mappings]
    if mappings:
        initial["mapping_level"] = mappings[0].level_id
        initial["mapping_justification"] = mappings[0].justification
    return initial


def highlighted_matches(form, matches_by_field) -> list[dict]:
    """For each field with likely identifiers: its label, the text cut into
    plain and matched segments (the template marks the matches), and the
    explanations. Nothing is marked up here, so nothing needs escaping."""
    result = []
    for name, matches in matches_by_field.items():
        field_name = name  # the guard reports by form field name
        text = form.cleaned_data.get(field_name) or form.data.get(field_name, "")
        segments, position = [], 0
        for match in matches:
            segments.append((text[position : match.start], None))
            segments.append((text[match.start : match.end], match))
            position = match.end
        segments.append((text[position:], None))
        result.append(
            {
                "field": field_name,
                "label": form.fields[field_name].label
                if field_name in form.fields
                else name,
                "segments": segments,
                "flagged": [text[match.start : match.end] for match in matches],
                "explanations": sorted({match.explanation for match in matches}),
            }
        )
    # Each flagged field says so itself, in words beside it (not only a
    # highlight in the summary): the field templates read this.
    form.confidentiality_flags = {found["field"]: found["flagged"] for found in result}
    return result


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError against the form's fields."""
    for field, errors in error.message_dict.items():
        target = "mapping_items" if field == "mappings" else field
        form.add_error(target if target in form.fields else None, errors)


def identifiers_for_editor(form, matches_by_field) -> list[dict]:
    """The confidentiality check's findings as the editor shows them while the
    person writes (JSON): each field's label, the flagged text and why."""
    return [
        {
            "field": name,
            "label": str(form.fields[name].label) if name in form.fields else name,
            "flagged": [match.text for match in matches],
            "explanations": sorted({match.explanation for match in matches}),
        }
        for name, matches in matches_by_field.items()
    ]
