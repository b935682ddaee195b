"""Form fields the portfolio's sub-packages share: ids read from query strings
and forms.

An id is a bounded integer, never ``int()`` of whatever was sent: a number too
big for the database (SQLite and PostgreSQL both stop at 2**63 - 1) used to
reach the query and fail with a server error. Anything that is not a usable id
is treated like an id that does not exist.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

#: The largest primary key our tables can hold (64-bit signed).
MAX_ID = 2**63 - 1


def is_id(value) -> bool:
    """Whether ``value`` (as sent) is a whole number from 1 to MAX_ID."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ID


class IdField(forms.IntegerField):
    """One id: a whole number from 1 to MAX_ID."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class BoundedModelChoiceField(forms.ModelChoiceField):
    """One id chosen from a queryset; anything that cannot be an id is an
    invalid choice, exactly like an id that is not in the queryset."""

    def to_python(self, value):
        if value not in self.empty_values and not is_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several ids chosen from a queryset; a value that cannot be an id is
    refused before it reaches the database (Django's ``__in`` lookup passes
    it through and SQLite cannot bind it)."""

    def clean(self, value):
        for pk in value or ():
            if not is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


def id_from(data, name: str) -> int | None:
    """The id sent as ``name`` (a query string or form), or None when it is
    missing or cannot be an id: callers treat None like an unknown id."""
    try:
        return IdField().clean(data.get(name))
    except forms.ValidationError:
        return None


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: separate day, month and year boxes (not the
    browser's own date picker, which some screen readers and voice control
    struggle with). Use it as the widget of a ``DateField``.

    What is sent is joined as ``year-month-day`` for ``DateField`` to parse, so
    a date that does not exist is that field's ``invalid`` error. A single ISO
    value under the field's own name (an older page, the API) still works."""

    template_name = "portfolio/widgets/govuk_date_input.html"
    #: (suffix, label, width in characters) for each box.
    parts = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        widgets = {
            suffix: forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": f"govuk-input govuk-date-input__input "
                    f"govuk-input--width-{width}",
                }
            )
            for suffix, _label, width in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        day, month, year = (
            (data.get(f"{name}_{suffix}") or "").strip() for suffix, *_ in self.parts
        )
        return f"{year}-{month}-{day}" if day or month or year else ""

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(
            f"{name}_{suffix}" not in data for suffix, *_ in self.parts
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        invalid = context["widget"]["attrs"].get("aria-invalid")
        for subwidget, (_suffix, label, _width) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["label"] = label
            if invalid:
                subwidget["attrs"]["class"] += " govuk-input--error"
        return context
