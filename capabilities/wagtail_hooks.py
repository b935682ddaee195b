"""Registers the frameworks' admin screens. Policies are registered in
CapabilitiesConfig.ready(); viewsets and URLs here."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from capabilities.forms import FrameworkAdminForm
from capabilities.models import Framework
from capabilities.selectors import framework_policy
from capabilities.services import framework_save_from_admin
from capabilities.views.admin import (
    FrameworkImportJobView,
    FrameworkImportView,
    framework_export,
)


class FrameworkIndexView(IndexView):
    def get_base_queryset(self):
        # Organisation admins see only the frameworks they may change.
        return framework_policy().instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class InstancePermissionMixin:
    """Wagtail's generic object views check only model-level permission; these
    also ask the policy about the one framework, so an organisation admin cannot
    open a national framework (or another organisation's) by its URL."""

    instance_action = "change"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not framework_policy().user_has_permission_for_instance(
            self.request.user, self.instance_action, instance
        ):
            # The same answer as for a framework that does not exist.
            raise Http404
        return instance


class FrameworkEditView(InstancePermissionMixin, EditView):
    pass


class FrameworkDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class FrameworkHistoryView(InstancePermissionMixin, HistoryView):
    pass


class FrameworkUsageView(InstancePermissionMixin, UsageView):
    pass


class FrameworkCreateView(CreateView):
    def save_instance(self):
        return framework_save_from_admin(
            framework=self.form.save(commit=False), saved_by=self.request.user
        )


class FrameworkViewSet(ModelViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = _("Frameworks")
    add_to_admin_menu = True
    menu_order = 300
    index_view_class = FrameworkIndexView
    add_view_class = FrameworkCreateView
    edit_view_class = FrameworkEditView
    delete_view_class = FrameworkDeleteView
    history_view_class = FrameworkHistoryView
    usage_view_class = FrameworkUsageView
    # A copy would carry the same family and version; new versions come by import.
    copy_view_enabled = False
    list_display = ["name", "version", "publisher", "is_active", "valid_to"]

    def get_form_class(self, for_update=False):
        return FrameworkAdminForm

    @property
    def permission_policy(self):
        return framework_policy()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", FrameworkImportView.as_view(), name="import"),
            path(
                "import/<int:pk>/",
                FrameworkImportJobView.as_view(),
                name="import_job",
            ),
            path(
                "<int:pk>/export/<str:file_format>/",
                framework_export,
                name="export",
            ),
        ]


framework_viewset = FrameworkViewSet("frameworks")


@hooks.register("register_admin_viewset")
def register_admin_viewset():
    return framework_viewset


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return framework_policy().user_has_permission(request.user, "import")


@hooks.register("register_admin_menu_item")
def register_admin_menu_item():
    return _ImportMenuItem(
        _("Import frameworks"),
        reverse("frameworks:import"),
        icon_name="upload",
        order=301,
    )
