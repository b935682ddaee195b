"""``/api/v1/`` (the endpoints and their schema), ``/oauth/`` (the token,
authorise and revoke endpoints of django-oauth-toolkit: never its
application-management views) and the people-facing pages."""

from django.db import transaction
from django.urls import path, re_path, register_converter

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from oauth2_provider import views as oauth_views

from api import pages
from api.problems import not_found
from api.views import learning, me, organisation, reference


class ApiIdConverter:
    """An id that fits the database (fewer than 19 digits), else no match."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ApiIdConverter, "api_id")


api_v1 = [
    # The schema and its docs read no data: no transaction around them.
    path(
        "schema/",
        transaction.non_atomic_requests(SpectacularAPIView.as_view()),
        name="schema",
    ),
    path(
        "docs/",
        # Redoc styles itself with inline styles and renders in a blob:
        # worker; this page alone allows both (it loads nothing from
        # elsewhere: see api/templates/drf_spectacular/redoc.html).
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            transaction.non_atomic_requests(
                SpectacularRedocView.as_view(url_name="api:schema")
            )
        ),
        name="docs",
    ),
    path("me/", me.MeView.as_view(), name="me"),
    path("me/entries/", me.EntryListView.as_view(), name="entries"),
    path("me/entries/<api_id:pk>/", me.EntryDetailView.as_view(), name="entry"),
    path(
        "me/entries/<api_id:pk>/attachments/",
        me.EntryAttachmentsView.as_view(),
        name="entry_attachments",
    ),
    path("me/readiness/", me.ReadinessView.as_view(), name="readiness"),
    path("me/coverage/", me.CoverageView.as_view(), name="coverage"),
    path("frameworks/", reference.FrameworkListView.as_view(), name="frameworks"),
    path(
        "frameworks/<api_id:pk>/",
        reference.FrameworkDetailView.as_view(),
        name="framework",
    ),
    path(
        "learning-pages/",
        reference.LearningPageListView.as_view(),
        name="learning_pages",
    ),
    path(
        "learning-pages/<api_id:pk>/",
        reference.LearningPageDetailView.as_view(),
        name="learning_page",
    ),
    path("people/", organisation.PeopleListView.as_view(), name="people"),
    path("people/<api_id:pk>/", organisation.PersonDetailView.as_view(), name="person"),
    path("teams/", organisation.TeamListView.as_view(), name="teams"),
    path(
        "compliance/people/",
        organisation.PersonComplianceView.as_view(),
        name="compliance_people",
    ),
    path(
        "compliance/teams/",
        organisation.TeamComplianceView.as_view(),
        name="compliance_teams",
    ),
    path(
        "learning/completions/",
        learning.CompletionView.as_view(),
        name="completions",
    ),
    path(
        "learning/xapi/statements/",
        learning.XapiStatementView.as_view(),
        name="xapi_statements",
    ),
    # Anything else under /api/v1/ (an id too long for the database, a word
    # where an id goes) is a problem body, not the site's HTML 404 page.
    re_path(r"", not_found, name="not_found"),
]

oauth = [
    path("authorize/", oauth_views.AuthorizationView.as_view(), name="authorize"),
    path("token/", oauth_views.TokenView.as_view(), name="token"),
    path("revoke/", oauth_views.RevokeTokenView.as_view(), name="revoke_token"),
]

account_pages = [
    path("api-clients/", pages.client_list, name="client_list"),
    path("api-clients/new/", pages.client_register, name="client_register"),
    path("api-clients/<api_id:pk>/remove/", pages.client_remove, name="client_remove"),
    path("api-access/", pages.token_list, name="token_list"),
    path("api-access/<api_id:pk>/revoke/", pages.token_revoke, name="token_revoke"),
]
