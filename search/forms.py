from django import forms
from django.utils.translation import gettext_lazy as _

from search.backends import FACETS, SORTS, SearchRequest

#: Deep pages cost Elasticsearch more than anyone reads; stop at 100.
MAX_PAGE = 100
MAX_VALUES_PER_FACET = 20
QUERY_TOO_LONG = "Enter 200 characters or fewer."
#: Facets whose values are ids (or a year), checked as bounded integers so a
#: number too big for the database never reaches a query (a server error on
#: SQLite). Anything else becomes "0", which matches nothing: the same answer
#: as an id that does not exist.
NUMERIC_FACETS = frozenset({"domains", "levels", "topics", "year"})
MATCHES_NOTHING = "0"
_NUMERIC_VALUE = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def _facet_value(facet: str, value: str) -> str:
    if facet not in NUMERIC_FACETS:
        return value
    try:
        return str(_NUMERIC_VALUE.clean(value))
    except forms.ValidationError:
        return MATCHES_NOTHING


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        error_messages={"max_length": _(QUERY_TOO_LONG)},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("relevance", _("Best match")), ("date", _("Newest first"))],
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def search_request(self, params) -> SearchRequest | None:
        """The request to run, or None when there is nothing to search for.
        Unknown facet values are harmless (they match nothing)."""
        if not self.is_valid() or not self.cleaned_data["q"].strip():
            return None
        filters = {
            facet: tuple(
                _facet_value(facet, value[:60])
                for value in params.getlist(facet)[:MAX_VALUES_PER_FACET]
            )
            for facet in FACETS
            if params.getlist(facet)
        }
        return SearchRequest(
            text=self.cleaned_data["q"].strip(),
            filters=filters,
            sort=self.cleaned_data["sort"]
            if self.cleaned_data["sort"] in SORTS
            else "relevance",
            page=self.cleaned_data["page"] or 1,
        )
