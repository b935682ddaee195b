"""Presentation helpers for rendering any Django form field (ours or allauth's)
in GOV.UK Frontend style."""

from django import template

register = template.Library()

_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
}


@register.filter
def govuk_widget(bound_field):
    """Render a field's widget with the design system's class and with its hint
    and error messages tied to it for screen readers."""
    widget_type = bound_field.widget_type
    # A widget that already carries its GOV.UK class (a width modifier, say)
    # keeps it; the error modifier follows its first class.
    own_class = bound_field.field.widget.attrs.get("class", "")
    css_class = own_class or _INPUT_CLASSES.get(widget_type, "govuk-input")
    if bound_field.errors:
        css_class += f" {css_class.split()[0]}--error"
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.id_for_label}-hint")
    if confidentiality_flag(bound_field):
        described_by.append(f"{bound_field.id_for_label}-flag")
    if bound_field.errors:
        described_by.append(f"{bound_field.id_for_label}-error")
    attrs = {"class": css_class}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def error_anchor(bound_field):
    """The id an error summary link points at: the input itself, or for a
    group of checkboxes or radios (whose label is a legend) the group's
    fieldset, which the field templates give the field's own id."""
    if bound_field.widget_type == "govukdate":
        return f"{bound_field.auto_id}_0"  # the day box, as GOV.UK does
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def govuk_date_widget(bound_field):
    """Render a GOV.UK date input's boxes, each marked invalid with the field
    (the fieldset around them carries the hint and error)."""
    return bound_field.as_widget(
        attrs={"aria-invalid": "true"} if bound_field.errors else None
    )


@register.filter
def confidentiality_flag(bound_field) -> list[str]:
    """The words the confidentiality check flagged in this field, if any (set
    on the form by ``portfolio.evidence.presentation.highlighted_matches``)."""
    return getattr(bound_field.form, "confidentiality_flags", {}).get(
        bound_field.name, []
    )
