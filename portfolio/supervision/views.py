"""Supervision pages: supervisors' queue and reviews, organisation admins'
relationships, practitioners' sharing and the record of who looked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio.evidence.presentation import add_service_errors
from portfolio.evidence.selectors import access_events_for_owner, entry_get
from portfolio.evidence.services import access_record
from portfolio.people.models import Supervision
from portfolio.people.selectors import (
    current_supervisions,
    organisation_policy,
    staff_member_list,
)
from portfolio.supervision.forms import (
    ConfirmEntriesForm,
    EndSupervisionForm,
    FrequencyForm,
    ReviewDecisionForm,
    SessionForm,
    SupervisionForm,
)
from portfolio.supervision.paging import page_of
from portfolio.supervision.policies import (
    frequency_policy,
    session_policy,
    supervision_policy,
)
from portfolio.supervision.selectors import (
    ENTRIES_PER_PAGE,
    RENDERED_CACHE_SECONDS,
    review_queue,
    session_is_short,
    short_session_ids,
    supervisee_coverage,
    supervisee_coverage_version,
    supervisee_entries,
    supervising_get,
    supervision_due_list,
    supervision_frequencies,
    supervision_list_for_organisation,
    supervision_sessions,
)
from portfolio.supervision.services import (
    entry_request_review,
    entry_share,
    review_decide,
    session_record,
    session_to_entry,
    supervision_end,
    supervision_frequency_set,
    supervision_start,
)


def _supervising(request, pk: int) -> Supervision:
    """A relationship in which the signed-in person currently supervises
    someone in their organisation, or 404."""
    supervision = supervising_get(supervisor=request.user, pk=pk)
    if supervision is None:
        raise Http404
    return supervision


# --- Supervisors ---------------------------------------------------------------


@require_GET
@login_required
def supervisor_home(request):
    relationships = supervision_policy().instances_user_has_any_permission_for(
        request.user, ["supervise"]
    )
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
        if not form.is_valid():
            for error in form.errors["entries"]:
                messages.error(request, error)
        else:
            chosen = list(form.cleaned_data["entries"])
            review_decide(reviewer=request.user, entries=chosen, kind="confirmed")
            messages.success(
                request, _("%(count)s entries confirmed.") % {"count": len(chosen)}
            )
        return redirect("supervision:queue")
    page = page_of(
        # Only what a row shows: a full entry per row is most of its cost.
        entries.only(
            "title",
            "review_requested_at",
            "owner__first_name",
            "owner__last_name",
            "owner__email",
        ).select_related("owner"),
        request.GET.get("page"),
        per_page=ENTRIES_PER_PAGE,
    )
    return render(
        request,
        "portfolio/supervision/queue.html",
        {"entries": page.object_list, "page": page},
    )


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


def _session_recorded(request, session) -> None:
    messages.success(request, _("The supervision session has been recorded."))
    if session_is_short(session=session):
        messages.warning(
            request,
            _("This session was shorter than your organisation's supervision policy."),
        )


@require_http_methods(["GET", "POST"])
@login_required
def supervisee_detail(request, pk: int):
    supervision = _supervising(request, pk)
    form = SessionForm(request.POST or None, for_supervisor=True)
    if request.method == "POST" and form.is_valid():
        session = session_record(
            recorded_by=request.user, supervision=supervision, values=form.cleaned_data
        )
        _session_recorded(request, session)
        return redirect("supervision:supervisee", pk=supervision.pk)
    supervisee = supervision.supervisee
    seen = {
        "supervisor": request.user,
        "supervisee": supervisee,
        "seen_since": supervision.reviews_seen_since,
    }
    sessions, short_sessions = supervision_sessions(supervision=supervision)
    page = page_of(
        supervisee_entries(supervisor=request.user, supervisee=supervisee).only(
            "title", "activity_date"
        ),
        request.GET.get("page"),
        per_page=ENTRIES_PER_PAGE,
    )
    return render(
        request,
        "portfolio/supervision/supervisee.html",
        {
            "supervision": supervision,
            "entries": page.object_list,
            "page": page,
            # Read only if the heatmap is not already rendered under this
            # version (the template keeps it in the cache).
            "coverage": SimpleLazyObject(lambda: supervisee_coverage(**seen)),
            "coverage_version": supervisee_coverage_version(**seen),
            "cache_seconds": RENDERED_CACHE_SECONDS,
            "sessions": sessions,
            "short_sessions": short_sessions,
            "form": form,
        },
    )


# --- Practitioners ---------------------------------------------------------------


def _sharing_action(perform, done: str):
    """A POST-only view doing one thing to the owner's own complete entry;
    the page then shows the entry again with the result."""

    @require_POST
    @login_required
    def view(request, pk: int):
        entry = entry_get(fetched_by=request.user, pk=pk, action="share")
        if entry is None:
            raise Http404
        try:
            perform(owner=request.user, entry=entry)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404 from denied
        else:
            messages.success(request, done)
        return redirect("portfolio:entry_detail", pk=entry.pk)

    return view


share = _sharing_action(
    lambda **kw: entry_share(shared=True, **kw), _lazy("Shared with your supervisors.")
)
unshare = _sharing_action(
    lambda **kw: entry_share(shared=False, **kw), _lazy("No longer shared.")
)
request_review = _sharing_action(
    entry_request_review, _lazy("Sent to your supervisors for review.")
)


@require_http_methods(["GET", "POST"])
@login_required
def my_supervision(request):
    """The supervisee's own view: relationships and sessions (no private notes)."""
    relationships = (
        supervision_policy()
        .instances_user_has_any_permission_for(request.user, ["record_session"])
        .filter(supervisee=request.user)
    )
    if request.method == "POST":
        form = SessionForm(
            request.POST, for_supervisor=False, supervisions=relationships
        )
        if "supervision" in form.errors:
            raise Http404  # not one of this person's current relationships
        if form.is_valid():
            values = dict(form.cleaned_data)
            session = session_record(
                recorded_by=request.user,
                supervision=values.pop("supervision"),
                values=values,
            )
            _session_recorded(request, session)
            return redirect("supervision:mine")
    else:
        form = SessionForm(for_supervisor=False)
    return render(
        request,
        "portfolio/supervision/mine.html",
        {
            "relationships": relationships.prefetch_related("sessions"),
            "short_sessions": short_session_ids(supervisions=relationships),
            "form": form,
        },
    )


@require_POST
@login_required
def session_as_entry(request, pk: int):
    session = (
        session_policy()
        .instances_user_has_any_permission_for(request.user, ["make_entry"])
        .filter(pk=pk)
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
    supervision = (
        supervision_policy()
        .instances_user_has_any_permission_for(request.user, ["end"])
        .filter(pk=pk)
        .first()
    )
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


@require_http_methods(["GET", "POST"])
@login_required
def frequency_policy_edit(request):
    """The principal social worker's supervision policy: how often each group
    is supervised and the shortest session, one form per group."""
    if not frequency_policy().user_has_permission(request.user, "change"):
        raise Http404
    rules = supervision_frequencies(organisation=request.user.organisation)
    posted = request.POST.get("applies_to") if request.method == "POST" else None
    forms = {
        group: FrequencyForm(
            request.POST if group == posted else None,
            prefix=group,
            initial={name: getattr(rule, name) for name in FrequencyForm.base_fields},
        )
        for group, rule in rules.items()
    }
    if posted in forms and forms[posted].is_valid():
        supervision_frequency_set(
            changed_by=request.user, applies_to=posted, **forms[posted].cleaned_data
        )
        messages.success(request, _("The supervision policy has been saved."))
        return redirect("supervision:frequency_policy")
    return render(
        request,
        "portfolio/supervision/frequency_policy.html",
        {"groups": [(rules[group], form) for group, form in forms.items()]},
        status=400 if posted else 200,
    )
