"""What every kind of searchable document provides, and who is searching."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from elasticsearch.dsl.query import Query

from portfolio.people.selectors import current_supervisions_of
from search.documents import SearchDocument


@dataclass(frozen=True)
class Viewer:
    """The person searching and, for supervisors, whose work they may see.

    Computed once per search from the supervision selectors, so that ending a
    supervision hides the supervisee's entries on the very next search without
    touching the index.
    """

    user: object
    user_id: int | None
    #: (supervisee id, relationship start) for every current supervision.
    supervisions: tuple[tuple[int, date], ...] = field(default_factory=tuple)

    @property
    def supervisee_ids(self) -> list[int]:
        return sorted({supervisee for supervisee, _ in self.supervisions})


def viewer_for(user) -> Viewer:
    if not (user and user.is_authenticated and user.is_active):
        return Viewer(user=user, user_id=None)
    supervisions = tuple(
        current_supervisions_of(user).values_list("supervisee_id", "starts_on")
    )
    return Viewer(user=user, user_id=user.pk, supervisions=supervisions)


class DocumentKind:
    #: The value of the document's ``kind`` field and of IndexOperation.kind.
    name: str
    #: The alias is SEARCH_INDEX_PREFIX + this.
    index_suffix: str
    document: type[SearchDocument]

    # -- indexing ----------------------------------------------------------
    def load(self, object_id: int):
        """The object if it exists and belongs in the index, else None."""
        raise NotImplementedError

    def source(self, obj) -> dict:
        """The document body for ``obj`` (every SearchDocument field)."""
        raise NotImplementedError

    def all_objects(self):
        """Every object that belongs in the index (for a rebuild)."""
        raise NotImplementedError

    def count_objects(self) -> int:
        """How many objects all_objects() yields (for a rebuild's progress)."""
        raise NotImplementedError

    # -- searching ---------------------------------------------------------
    def es_visibility(self, viewer: Viewer) -> Query | None:
        """An Elasticsearch filter for the documents ``viewer`` may see, or
        None when they may see none of this kind."""
        raise NotImplementedError

    def db_visible(self, viewer: Viewer) -> QuerySet:
        """The objects ``viewer`` may see, for the database backend."""
        raise NotImplementedError

    # -- database backend ----------------------------------------------------
    #: The model db_visible() selects from.
    db_model: type

    def db_visible_key(self, viewer: Viewer):
        """Everything the SQL of db_visible(viewer) depends on (hashable),
        so the backend may reuse it; None when it must be built each time
        (it depends on rows, not only on these facts)."""
        return None

    #: The field "newest first" sorts on.
    db_date_field: str

    def db_vector(self):
        """PostgreSQL: the SearchVector of an object's text."""
        raise NotImplementedError

    def db_term_q(self, term: str):
        """SQLite: a Q matching objects whose text contains ``term``."""
        raise NotImplementedError

    def db_filter(self, queryset: QuerySet, facet: str, values: list[str]) -> QuerySet:
        """``queryset`` narrowed to any of ``values`` of ``facet`` (none if
        the kind has no such facet)."""
        raise NotImplementedError

    def db_facets(
        self, queryset: QuerySet, ids: list[int]
    ) -> dict[str, dict[str, int]]:
        """Counts per facet value over ``queryset``, the objects ``ids``
        (a kind may count from the ids alone, in plain SQL)."""
        raise NotImplementedError

    def db_hit_fields(self, obj) -> dict:
        """title, text (for the snippet), type and date of one hit."""
        raise NotImplementedError

    # -- presentation --------------------------------------------------------
    def type_label(self, code: str) -> str:
        raise NotImplementedError

    def topic_labels(self, ids: list[int]) -> dict[str, str]:
        """Names of the topic ids this kind files documents under."""
        return {}

    def url_for(self, *, kind_fields: dict, viewer: Viewer) -> str:
        """Where a hit opens, for this viewer."""
        raise NotImplementedError
