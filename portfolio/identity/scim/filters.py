"""django-scim2's filter parsers (raw SQL from SCIM filter expressions),
narrowed to the token's organisation and to people SCIM has not removed."""

from django_scim.filters import GroupFilterQuery, UserFilterQuery

from portfolio.identity.scim.auth import scim_organisation


class _ScopedFilterMixin:
    @classmethod
    def get_extras(cls, q, request=None):
        return " AND organisation_id = %s", [scim_organisation(request).pk]


class PersonFilterQuery(_ScopedFilterMixin, UserFilterQuery):
    @classmethod
    def get_extras(cls, q, request=None):
        sql, params = super().get_extras(q, request)
        removed = (
            " AND id NOT IN (SELECT user_id FROM portfolio_provisionedaccount"
            " WHERE scim_removed_at IS NOT NULL)"
        )
        return sql + removed, params

    attr_map = {
        ("userName", None, None): "email",
        ("emails", "value", None): "email",
        ("externalId", None, None): "email",
        ("name", "familyName", None): "last_name",
        ("name", "givenName", None): "first_name",
        ("active", None, None): "is_active",
    }


class TeamFilterQuery(_ScopedFilterMixin, GroupFilterQuery):
    attr_map = {("displayName", None, None): "name"}
