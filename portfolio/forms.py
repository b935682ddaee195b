"""Form fields the portfolio's sub-packages share: ids read from query strings
and forms.

An id is a bounded integer, never ``int()`` of whatever was sent: a number too
big for the database (SQLite and PostgreSQL both stop at 2**63 - 1) used to
reach the query and fail with a server error. Anything that is not a usable id
is treated like an id that does not exist.
"""

from django import forms

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
