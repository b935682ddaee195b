"""The practitioner's portfolio pages. Each view parses input, asks the
selectors or calls one service, and responds."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capabilities.models import Item, Level
from capabilities.selectors import active_pcf
from portfolio.evidence.attachments import attachment_add, attachment_delete
from portfolio.evidence.dashboard_panels import (
    DashboardReads,
    dashboard_panels_for,
)
from portfolio.evidence.forms import CareerLevelsForm, EntryFilterForm, EntryForm
from portfolio.evidence.models import CPDType, EntryState
from portfolio.evidence.policies import entry_sharing_actions
from portfolio.evidence.presentation import (
    add_service_errors,
    entry_initial,
    highlighted_matches,
    identifiers_for_editor,
)
from portfolio.evidence.selectors import (
    SORTS,
    attachment_get,
    coverage_heatmap,
    entry_get,
    entry_identifiers,
    entry_list,
    entry_mappable_items,
    entry_mappings_now,
    registration_readiness,
)
from portfolio.evidence.services import (
    EntryConflict,
    IdentifiersFound,
    access_record,
    entry_delete,
    entry_save,
)
from portfolio.evidence.uploads import MAX_ATTACHMENT_BYTES, safe_download_headers
from portfolio.people.services import staff_member_set_career_levels

ENTRIES_PER_PAGE = 25


def _own_entry(request, pk):
    """An entry of the signed-in person's own (404 for anyone else's)."""
    entry = entry_get(fetched_by=request.user, pk=pk, action="change")
    if entry is None:
        raise Http404
    return entry


@require_GET
@login_required
def dashboard(request):
    today = timezone.localdate()
    pcf = active_pcf()
    levels = pcf.levels.all() if pcf else Level.objects.none()
    # Read once; the panels (suggested learning) reuse them.
    reads = DashboardReads(coverage=coverage_heatmap(user=request.user, framework=pcf))
    return render(
        request,
        "portfolio/evidence/dashboard.html",
        {
            "readiness": registration_readiness(user=request.user, today=today),
            "coverage": reads.coverage,
            "recent": entry_list(fetched_by=request.user)[:5],
            "panels": dashboard_panels_for(request, reads=reads),
            "levels_form": CareerLevelsForm(
                levels=levels,
                initial={
                    "career_level": request.user.career_level_id,
                    "target_level": request.user.target_level_id,
                },
            ),
        },
    )


@require_POST
@login_required
def career_levels(request):
    pcf = active_pcf()
    form = CareerLevelsForm(
        request.POST, levels=pcf.levels.all() if pcf else Level.objects.none()
    )
    if form.is_valid():
        staff_member_set_career_levels(
            member=request.user,
            career_level=form.cleaned_data["career_level"],
            target_level=form.cleaned_data["target_level"],
        )
        messages.success(request, _("Your levels have been saved."))
    else:
        messages.error(request, _("Choose levels from the list."))
    return redirect("portfolio:dashboard")


@require_GET
@login_required
def entries(request):
    params = request.GET
    pcf = active_pcf()
    domains = pcf.items.filter(kind="domain") if pcf else Item.objects.none()
    filters = EntryFilterForm(params, domains=domains).filters()
    return render(
        request,
        "portfolio/evidence/entry_list.html",
        {
            "page": Paginator(
                entry_list(fetched_by=request.user, filters=filters), ENTRIES_PER_PAGE
            ).get_page(params.get("page")),
            "filters": filters,
            "cpd_types": CPDType.choices,
            "states": EntryState.choices,
            "domains": domains,
            "sorts": SORTS,
            "years": range(
                timezone.localdate().year + 1, timezone.localdate().year - 5, -1
            ),
        },
    )


@require_GET
@login_required
def entry_detail(request, pk: int):
    entry = _own_entry(request, pk)
    return render(
        request,
        "portfolio/evidence/entry_detail.html",
        {
            "entry": entry,
            "actions": entry_sharing_actions(user=request.user, entry=entry),
            "mappings_now": entry_mappings_now(entry=entry, on=timezone.localdate()),
        },
    )


@require_GET
@login_required
def entry_for_regulator(request, pk: int):
    """The entry laid out in the order of Social Work England's CPD form."""
    return render(
        request, "portfolio/evidence/entry_swe.html", {"entry": _own_entry(request, pk)}
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request, pk: int | None = None):
    entry = _own_entry(request, pk) if pk else None
    form = EntryForm(
        request.POST or None,
        initial=entry_initial(entry) if entry else {"idempotency_key": uuid.uuid4()},
        items=entry_mappable_items(
            owner=request.user, entry=entry, on=timezone.localdate()
        ),
    )
    context = {"entry": entry, "form": form}
    if request.method == "POST" and form.is_valid():
        complete = form.cleaned_data["complete"]
        try:
            entry = entry_save(
                saved_by=request.user,
                entry=entry,
                expected_version=form.cleaned_data["version"],
                complete=complete,
                confirm_anonymised=form.cleaned_data["confirm_anonymised"],
                **form.service_arguments(),
            )
        except IdentifiersFound as found:
            context["identifiers"] = highlighted_matches(form, found.matches)
        except EntryConflict as conflict:
            form.add_error(None, str(conflict))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if complete:
                messages.success(
                    request, _("Your entry is complete and counts towards your CPD.")
                )
            else:
                messages.success(request, _("Your draft has been saved."))
            return redirect("portfolio:entry_detail", pk=entry.pk)
    return render(request, "portfolio/evidence/entry_form.html", context, status=200)


@require_POST
@login_required
def entry_autosave(request, pk: int | None = None):
    """Save a draft from the editor while the person types (JSON in and out).

    A complete entry is never turned back into a draft by autosave (the
    service refuses it with a conflict)."""
    entry = _own_entry(request, pk) if pk else None
    form = EntryForm(
        request.POST,
        items=entry_mappable_items(
            owner=request.user, entry=entry, on=timezone.localdate()
        ),
    )
    if not form.is_valid():
        return JsonResponse(
            {"saved": False, "errors": form.errors.get_json_data()}, status=400
        )
    try:
        entry = entry_save(
            saved_by=request.user,
            entry=entry,
            expected_version=form.cleaned_data["version"],
            autosave=True,
            **form.service_arguments(),
        )
    except EntryConflict as conflict:
        return JsonResponse({"saved": False, "reason": str(conflict)}, status=409)
    except ValidationError as error:
        return JsonResponse({"saved": False, "errors": error.message_dict}, status=400)
    return JsonResponse(
        {
            "saved": True,
            "version": entry.version,
            "saved_at": timezone.localtime(entry.updated_at).strftime("%H:%M"),
            "edit_url": reverse("portfolio:entry_edit", args=[entry.pk]),
            "autosave_url": reverse("portfolio:entry_autosave", args=[entry.pk]),
            # The same check completing runs, so the writer sees it now.
            "identifiers": identifiers_for_editor(form, entry_identifiers(entry=entry)),
        }
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_remove(request, pk: int):
    entry = _own_entry(request, pk)
    if request.method == "POST":
        entry_delete(entry=entry, deleted_by=request.user)
        messages.success(request, _("The entry and its files have been deleted."))
        return redirect("portfolio:entry_list")
    return render(request, "portfolio/evidence/entry_delete.html", {"entry": entry})


@require_POST
@login_required
def session_keepalive(request):
    """Touching the session extends it; the editor calls this when the person
    chooses to stay signed in."""
    return JsonResponse({"seconds_left": request.session.get_expiry_age()})


@require_POST
@login_required
def attachment_upload(request, pk: int):
    entry = _own_entry(request, pk)
    upload = request.FILES.get("file")
    error = _("Choose a file to attach.") if upload is None else None
    if upload is not None:
        try:
            attachment = attachment_add(
                entry=entry,
                added_by=request.user,
                name=upload.name,
                data=upload.read(MAX_ATTACHMENT_BYTES + 1),
                declared_content_type=upload.content_type or "",
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except ValidationError as rejected:
            error = " ".join(rejected.messages)
        else:
            messages.success(
                request,
                _("%(name)s has been attached.") % {"name": attachment.original_name},
            )
            return redirect("portfolio:entry_detail", pk=entry.pk)
    return render(
        request,
        "portfolio/evidence/entry_detail.html",
        {"entry": entry, "attachment_error": error},
        status=400,
    )


@require_GET
@login_required
def attachment_download(request, pk: int):
    attachment = attachment_get(fetched_by=request.user, pk=pk)
    if attachment is None:
        raise Http404
    access_record(viewer=request.user, entry=attachment.entry, action="downloaded")
    response = FileResponse(
        attachment.file.open("rb"), content_type=attachment.content_type
    )
    for header, value in safe_download_headers(
        attachment.original_name, attachment.content_type
    ).items():
        response[header] = value
    return response


@require_POST
@login_required
def attachment_remove(request, pk: int):
    attachment = attachment_get(fetched_by=request.user, pk=pk, action="change")
    if attachment is None:
        raise Http404
    entry_pk = attachment.entry_id
    attachment_delete(attachment=attachment, deleted_by=request.user)
    messages.success(request, _("The file has been removed."))
    return redirect("portfolio:entry_detail", pk=entry_pk)
