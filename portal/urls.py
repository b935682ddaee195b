from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from api import urls as api_urls
from portal import views

# Wagtail's admin has its own login and password-reset views, which accept a
# password alone. They are routed to allauth's, which enforce two-factor
# authentication, before Wagtail's admin URLs are included.
admin_auth_reroutes = [
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_reroute",
    ),
    re_path(
        r"^admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="admin_password_reset_reroute",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    # For load balancers and orchestrators (docs/deploy.md).
    path("health/live/", views.health_live, name="health_live"),
    path("health/ready/", views.health_ready, name="health_ready"),
    path("accounts/", include("allauth.urls")),
    path("scim/v2/", include("portfolio.identity.scim.urls", namespace="scim")),
    path("", include("portfolio.urls")),
    path("", include("portfolio.supervision.urls")),
    path("", include("portfolio.career.urls")),
    path("", include("portfolio.asye.urls")),
    path("", include("portfolio.appraisal.urls")),
    path("", include("portfolio.notifications.urls")),
    path("", include("portfolio.reports.urls")),
    path("", include("capabilities.urls")),
    path("search/", include("search.urls")),
    path("api/v1/", include((api_urls.api_v1, "api"))),
    path("oauth/", include((api_urls.oauth, "oauth"))),
    path("", include((api_urls.account_pages, "api_pages"))),
    *admin_auth_reroutes,
    path("admin/", include(wagtailadmin_urls)),
    path("learning/pages/", include("learning.urls")),
    path("learning/", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
