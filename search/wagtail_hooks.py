from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import rebuilds
from search.policies import rebuild_policy


@hooks.register("register_admin_urls")
def register_rebuild_urls():
    return [path("search-index/", rebuilds, name="search_rebuilds")]


class SiteAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return rebuild_policy().user_has_permission(request.user, "view")


@hooks.register("register_settings_menu_item")
def register_rebuild_menu_item():
    return SiteAdminMenuItem(
        _("Search index"), reverse("search_rebuilds"), icon_name="search", order=900
    )
