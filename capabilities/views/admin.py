"""Wagtail admin screens: import a framework file (applied in the background,
then reported to the uploader), export a framework."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from capabilities.exporting import framework_to_csv, framework_to_json
from capabilities.forms import FrameworkImportForm
from capabilities.importing import FrameworkFileError, decode_upload
from capabilities.models import Framework, ImportJobStatus
from capabilities.selectors import (
    framework_policy,
    import_job_get,
    import_job_list,
    import_job_policy,
)
from capabilities.services import import_job_create


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not framework_policy().user_has_permission(request.user, "import"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FrameworkImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "capabilities/admin/import.html"
    form_class = FrameworkImportForm
    page_title = gettext_lazy("Import a framework")
    header_icon = "upload"
    index_url_name = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jobs=import_job_list(fetched_by=self.request.user)[:10], **kwargs
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["targets"] = framework_policy().instances_user_has_any_permission_for(
            self.request.user, ["import"]
        )
        return kwargs

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        user = self.request.user
        owner_id = import_job_policy().owner_organisation_id_for(user)
        try:
            # Only decoded here (size and encoding): the file is parsed,
            # checked and imported by the task.
            content = decode_upload(upload.read(), filename=upload.name)
        except FrameworkFileError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        job = import_job_create(
            uploaded_by=user,
            filename=upload.name,
            content=content,
            target=form.cleaned_data["target"],
            owner_organisation_id=owner_id,
        )
        return redirect("frameworks:import_job", pk=job.pk)


class FrameworkImportJobView(
    ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    """How one upload went, for the person who uploaded it only."""

    template_name = "capabilities/admin/import_job.html"
    page_title = gettext_lazy("Framework import")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        job = import_job_get(fetched_by=self.request.user, pk=self.kwargs["pk"])
        if job is None:
            raise Http404
        return super().get_context_data(
            job=job,
            waiting=job.status == ImportJobStatus.PENDING,
            imported=job.status == ImportJobStatus.DONE,
            **kwargs,
        )


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
