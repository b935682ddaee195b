"""Wagtail admin screens: import a framework file, export a framework."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from capabilities.exporting import framework_to_csv, framework_to_json
from capabilities.forms import FrameworkImportForm
from capabilities.importing import FrameworkFileError, decode_upload, parse
from capabilities.models import Framework
from capabilities.selectors import framework_policy
from capabilities.services import framework_import


class FrameworkImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "capabilities/admin/import.html"
    form_class = FrameworkImportForm
    page_title = gettext_lazy("Import a framework")
    header_icon = "upload"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not framework_policy().user_has_permission(request.user, "import"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["targets"] = framework_policy().instances_user_has_any_permission_for(
            self.request.user, ["import"]
        )
        return kwargs

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        user = self.request.user
        # An organisation admin's imports are always local to them.
        owner_id = None if user.is_superuser else user.organisation_id
        try:
            document = parse(
                decode_upload(upload.read(), filename=upload.name), filename=upload.name
            )
            summary = framework_import(
                document=document,
                target=form.cleaned_data["target"],
                imported_by=user,
                owner_organisation_id=owner_id,
            )
        except FrameworkFileError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        except PermissionDenied:
            form.add_error(None, _("You cannot change that framework."))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Imported %(file)s: %(summary)s.")
            % {"file": upload.name, "summary": summary},
        )
        return redirect(self.request.path)


def framework_export(request, pk: int, file_format: str):
    framework = Framework.objects.filter(pk=pk).first()
    if framework is None or not framework_policy().user_has_permission_for_instance(
        request.user, "view", framework
    ):
        raise Http404
    if file_format == "csv":
        body, content_type = framework_to_csv(framework), "text/csv; charset=utf-8"
    else:
        body, content_type = framework_to_json(framework), "application/json"
    response = HttpResponse(body, content_type=content_type)
    filename = f"{framework.family}-{framework.version}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
