"""Actions on learning pages. Each view parses input, calls one service and
responds; Wagtail serves the pages themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import AttendanceForm, ReadMarkForm
from learning.models import LearningContentPage, TrainingEventPage
from learning.policies import attendance_policy
from learning.selectors import page_link
from learning.services import attendance_record, page_record_as_cpd, read_mark_set

DRAFT_MADE = (
    "A draft entry has been made from “%(title)s”. Add your reflection and complete it."
)
ATTENDANCE_RECORDED = (
    "Attendance recorded for %(count)s people. Each has a draft CPD entry."
)


def _live_page(page_id: int) -> LearningContentPage:
    page = LearningContentPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page.specific


@require_POST
@login_required
def record_as_cpd(request, page_id: int):
    page = _live_page(page_id)
    entry = page_record_as_cpd(
        user=request.user, page=page, request_url=page_link(page)
    )
    messages.success(
        request,
        _(DRAFT_MADE) % {"title": page.title},
    )
    return redirect("portfolio:entry_edit", pk=entry.pk)


@require_POST
@login_required
def mark_read(request, page_id: int):
    page = _live_page(page_id)
    form = ReadMarkForm(request.POST)
    read = form.is_valid() and form.cleaned_data["read"]
    read_mark_set(user=request.user, page=page, read=read)
    messages.success(
        request,
        _("Marked as read.") if read else _("No longer marked as read."),
    )
    return redirect(page.get_url(request))


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, page_id: int):
    if not attendance_policy().user_has_permission(request.user, "add"):
        raise Http404
    event = TrainingEventPage.objects.filter(pk=page_id).first()
    if event is None:
        raise Http404
    recorded = (
        attendance_policy()
        .instances_user_has_any_permission_for(request.user, ["view"])
        .filter(event=event)
        .select_related("attendee")
    )
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        organisation=request.user.organisation,
        exclude=recorded.values("attendee_id"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = attendance_record(
                event=event,
                attendees=form.cleaned_data["attendees"],
                recorded_by=request.user,
                event_url=page_link(event),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(ATTENDANCE_RECORDED) % {"count": count},
            )
            return redirect("learning:attendance", page_id=event.pk)
    return render(
        request,
        "learning/attendance.html",
        {"event": event, "form": form, "recorded": recorded},
    )
