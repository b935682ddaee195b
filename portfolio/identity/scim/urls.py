"""django-scim2's URLconf with our completed discovery views in place of its
own (same names, so ``scim:`` reversals are unchanged)."""

from django.urls import re_path

from django_scim import urls as scim_urls

from portfolio.identity.scim import views

app_name = "scim"

_REPLACED = {
    "root": views.NotImplementedView,
    "search": views.NotImplementedView,
    "resource-types": views.ResourceTypesView,
    "schemas": views.SchemasView,
}

urlpatterns = [
    re_path(str(p.pattern), _REPLACED[p.name].as_view(), name=p.name)
    if p.name in _REPLACED
    else p
    for p in scim_urls.urlpatterns
] + [re_path(r"^.+$", views.NotFoundView.as_view(), name="not-found")]
