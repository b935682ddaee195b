"""django-scim2's filter parsers (raw SQL from SCIM filter expressions),
narrowed to the token's organisation and to people SCIM has not removed."""

from django_scim.filters import GroupFilterQuery, UserFilterQuery

from portfolio.identity.scim.auth import scim_organisation


class PersonFilterQuery(UserFilterQuery):
    """userName is HR's login name when it gave one, else the email address."""

    joins = (
        "LEFT JOIN portfolio_provisionedaccount pa ON pa.user_id = portfolio_user.id",
    )
    attr_map = {
        ("userName", None, None): (
            "COALESCE(NULLIF(pa.user_name, ''), portfolio_user.email)"
        ),
        ("emails", "value", None): "portfolio_user.email",
        ("externalId", None, None): "pa.external_id",
        ("name", "familyName", None): "portfolio_user.last_name",
        ("name", "givenName", None): "portfolio_user.first_name",
        ("active", None, None): "portfolio_user.is_active",
    }

    @classmethod
    def get_extras(cls, q, request=None):
        return (
            " AND portfolio_user.organisation_id = %s AND pa.scim_removed_at IS NULL",
            [scim_organisation(request).pk],
        )


class TeamFilterQuery(GroupFilterQuery):
    attr_map = {("displayName", None, None): "portfolio_team.name"}

    @classmethod
    def get_extras(cls, q, request=None):
        return (
            " AND portfolio_team.organisation_id = %s",
            [scim_organisation(request).pk],
        )
