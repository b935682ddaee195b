"""Supervision pages: supervisors' queue and reviews, organisation admins'
relationships, practitioners' sharing and the record of who looked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio.evidence.presentation import add_service_errors
from portfolio.evidence.selectors import coverage_heatmap, entry_get
from portfolio.forms import id_from
from portfolio.people.selectors import organisation_policy, staff_member_list
from portfolio.supervision.forms import (
    ConfirmEntriesForm,
    EndSupervisionForm,
    ReviewDecisionForm,
    SessionForm,
    SupervisionForm,
)
from portfolio.supervision.models import Supervision, SupervisionSession
from portfolio.supervision.selectors import (
    access_events_for_owner,
    current_supervisions,
    current_supervisions_of,
    review_queue,
    supervisee_entries,
    supervision_due_list,
    supervision_list_for_organisation,
)
from portfolio.supervision.services import (
    access_record,
    entry_request_review,
    entry_share,
    review_decide,
    session_record,
    session_to_entry,
    supervision_end,
    supervision_start,
)


def _supervision_for(request, pk: int | None) -> Supervision:
    """A current relationship the signed-in person is part of, or 404."""
    supervision = (
        current_supervisions()
        .filter(pk=pk, supervisee__is_active=True)
        .select_related("supervisor", "supervisee")
        .first()
    )
    if supervision is None or request.user.pk not in (
        supervision.supervisor_id,
        supervision.supervisee_id,
    ):
        raise Http404
    return supervision


def _supervising(request, pk: int) -> Supervision:
    """A relationship in which the signed-in person currently supervises
    someone in their organisation, or 404."""
    supervision = (
        current_supervisions_of(request.user)
        .filter(pk=pk)
        .select_related("supervisor", "supervisee")
        .first()
    )
    if supervision is None:
        raise Http404
    return supervision


# --- Supervisors ---------------------------------------------------------------


@require_GET
@login_required
def supervisor_home(request):
    relationships = current_supervisions().filter(supervisor=request.user)
    return render(
        request,
        "portfolio/supervision/supervisor_home.html",
        {
            "due": supervision_due_list(
                supervisions=relationships, today=timezone.localdate()
            ),
            "queue_count": review_queue(reviewer=request.user).count(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def queue(request):
    entries = review_queue(reviewer=request.user)
    if request.method == "POST":
        form = ConfirmEntriesForm(request.POST, queue=entries)
        chosen = list(form.cleaned_data["entries"]) if form.is_valid() else []
        if not chosen:
            messages.error(request, _("Choose at least one entry to confirm."))
        else:
            review_decide(reviewer=request.user, entries=chosen, kind="confirmed")
            messages.success(
                request, _("%(count)s entries confirmed.") % {"count": len(chosen)}
            )
        return redirect("supervision:queue")
    return render(request, "portfolio/supervision/queue.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
@login_required
def entry_review(request, pk: int):
    entry = entry_get(fetched_by=request.user, pk=pk, action="review")
    if entry is None:
        raise Http404
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_decide(reviewer=request.user, entries=[entry], **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your decision has been recorded and sent to %(name)s.")
                % {"name": entry.owner},
            )
            return redirect("supervision:queue")
    else:
        access_record(viewer=request.user, entry=entry, action="opened")
    return render(
        request,
        "portfolio/supervision/entry_review.html",
        {"entry": entry, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def supervisee_detail(request, pk: int):
    supervision = _supervising(request, pk)
    form = SessionForm(request.POST or None, for_supervisor=True)
    if request.method == "POST" and form.is_valid():
        session_record(
            recorded_by=request.user, supervision=supervision, values=form.cleaned_data
        )
        messages.success(request, _("The supervision session has been recorded."))
        return redirect("supervision:supervisee", pk=supervision.pk)
    return render(
        request,
        "portfolio/supervision/supervisee.html",
        {
            "supervision": supervision,
            "entries": supervisee_entries(
                supervisor=request.user, supervisee=supervision.supervisee
            ),
            "coverage": coverage_heatmap(
                user=supervision.supervisee, viewer=request.user
            ),
            "sessions": supervision.sessions.all(),
            "form": form,
        },
    )


# --- Practitioners ---------------------------------------------------------------


@require_POST
@login_required
def share(request, pk: int):
    entry = entry_get(fetched_by=request.user, pk=pk, action="share")
    if entry is None:
        raise Http404
    try:
        if request.POST.get("action") == "review":
            entry_request_review(owner=request.user, entry=entry)
            messages.success(request, _("Sent to your supervisors for review."))
        else:
            shared = request.POST.get("action") == "share"
            entry_share(owner=request.user, entry=entry, shared=shared)
            messages.success(
                request,
                _("Shared with your supervisors.")
                if shared
                else _("No longer shared."),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as denied:
        raise Http404 from denied
    return redirect("portfolio:entry_detail", pk=entry.pk)


@require_http_methods(["GET", "POST"])
@login_required
def my_supervision(request):
    """The supervisee's own view: relationships and sessions (no private notes)."""
    relationships = (
        current_supervisions()
        .filter(supervisee=request.user)
        .prefetch_related("sessions")
    )
    if request.method == "POST":
        supervision = _supervision_for(request, id_from(request.POST, "supervision"))
        form = SessionForm(request.POST, for_supervisor=False)
        if form.is_valid():
            session_record(
                recorded_by=request.user,
                supervision=supervision,
                values=form.cleaned_data,
            )
            messages.success(request, _("The supervision session has been recorded."))
            return redirect("supervision:mine")
    else:
        form = SessionForm(for_supervisor=False)
    return render(
        request,
        "portfolio/supervision/mine.html",
        {"relationships": relationships, "form": form},
    )


@require_POST
@login_required
def session_as_entry(request, pk: int):
    session = (
        SupervisionSession.objects.filter(pk=pk, supervision__in=current_supervisions())
        .select_related("supervision")
        .first()
    )
    if session is None:
        raise Http404
    try:
        entry = session_to_entry(user=request.user, session=session)
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(request, _("A draft CPD entry has been started from the session."))
    return redirect("portfolio:entry_edit", pk=entry.pk)


@require_GET
@login_required
def who_viewed(request):
    return render(
        request,
        "portfolio/supervision/who_viewed.html",
        {"events": access_events_for_owner(owner=request.user)[:200]},
    )


# --- Organisation admins ------------------------------------------------------------


def _organisation_or_404(request):
    organisation = request.user.organisation
    if (
        organisation is None
        or not organisation_policy().user_has_permission_for_instance(
            request.user, "change", organisation
        )
    ):
        raise Http404
    return organisation


@require_http_methods(["GET", "POST"])
@login_required
def relationships(request):
    organisation = _organisation_or_404(request)
    people = staff_member_list(fetched_by=request.user).filter(
        organisation=organisation, is_active=True
    )
    form = SupervisionForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            supervision_start(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The supervision has been recorded."))
            return redirect("supervision:relationships")
    listed = supervision_list_for_organisation(organisation=organisation)
    return render(
        request,
        "portfolio/supervision/relationships.html",
        {
            "form": form,
            "relationships": listed,
            "due": supervision_due_list(
                supervisions=current_supervisions().filter(organisation=organisation),
                today=timezone.localdate(),
            ),
        },
    )


@require_POST
@login_required
def relationship_end(request, pk: int):
    organisation = _organisation_or_404(request)
    supervision = Supervision.objects.filter(pk=pk, organisation=organisation).first()
    if supervision is None:
        raise Http404
    form = EndSupervisionForm(request.POST)
    if form.is_valid():
        try:
            supervision_end(
                ended_by=request.user, supervision=supervision, **form.cleaned_data
            )
            messages.success(request, _("The supervision has been ended."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Enter the date the supervision ends."))
    return redirect("supervision:relationships")
