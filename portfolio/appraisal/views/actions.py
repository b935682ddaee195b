"""One view per thing a person does to an appraisal. Each reads one form and
calls one service; wrong input shows the appraisal page again with what was
typed and what is wrong, a stale save shows the other person's version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolio.appraisal import services
from portfolio.appraisal.forms import (
    AddendumForm,
    AssessmentForm,
    FeedbackForm,
    FeedbackLinkForm,
    MeetingForm,
    SignForm,
    VersionForm,
)
from portfolio.appraisal.policies import SUPERVISEE, appraisal_policy
from portfolio.appraisal.selectors import appraisal_get
from portfolio.appraisal.views.detail import appraisal_or_404, render_detail
from portfolio.evidence.services import access_record_item


def _show_errors(form, error: ValidationError) -> None:
    """A service's refusal, against the field it names or the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _action(context_name: str, make_form, perform):
    """A POST-only view: ``make_form(request, appraisal, data)`` reads the
    input, ``perform(request, appraisal, form)`` calls the service and returns
    the message to show."""

    @require_POST
    @login_required
    def view(request, pk: int):
        appraisal = appraisal_or_404(request, pk)
        form = make_form(request, appraisal, request.POST)
        if form.is_valid():
            try:
                done = perform(request, appraisal, form)
            except services.AppraisalConflict as conflict:
                messages.error(request, str(conflict))
                current = appraisal_get(fetched_by=request.user, pk=pk)
                return render_detail(
                    request, current, conflict=conflict.current, status=409
                )
            except PermissionDenied as denied:
                raise Http404 from denied
            except ValidationError as error:
                _show_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("appraisal:detail", pk=pk)
        for error in [*form.non_field_errors(), *_field_errors(form)]:
            messages.error(request, error)
        return render_detail(request, appraisal, bound={context_name: form}, status=400)

    return view


def _field_errors(form) -> list[str]:
    return [
        error
        for name, errors in form.errors.items()
        if name != "__all__"
        for error in errors
    ]


def _side_prefix(request, appraisal) -> str:
    side = appraisal_policy().side_of(request.user, appraisal)
    return "self" if side == SUPERVISEE else "appraiser"


def _save_assessment(request, appraisal, form):
    services.assessment_save(
        user=request.user,
        appraisal=appraisal,
        expected_version=form.cleaned_data["version"],
        ratings=form.ratings(),
    )
    return _("Saved.")


assessment_save = _action(
    "assessment_form",
    lambda request, appraisal, data: AssessmentForm(
        data, appraisal=appraisal, side_prefix=_side_prefix(request, appraisal)
    ),
    _save_assessment,
)


def _record_feedback(request, appraisal, form):
    services.feedback_record(
        user=request.user, appraisal=appraisal, **form.cleaned_data
    )
    return _("Saved.")


feedback_record = _action(
    "feedback_form",
    lambda request, appraisal, data: FeedbackForm(data),
    _record_feedback,
)


def _make_feedback_link(request, appraisal, form):
    token = services.feedback_link_create(
        user=request.user, appraisal=appraisal, source=form.cleaned_data["source"]
    )
    url = request.build_absolute_uri(reverse("appraisal:feedback", args=[token]))
    return _("Send this link to the person. It works once, for 14 days: %(url)s") % {
        "url": url
    }


feedback_link_create = _action(
    "feedback_link_form",
    lambda request, appraisal, data: FeedbackLinkForm(data),
    _make_feedback_link,
)


def _finish_step(request, appraisal, form):
    services.stage_advance(
        user=request.user,
        appraisal=appraisal,
        expected_version=form.cleaned_data["version"],
    )
    return _("Saved.")


step_finish = _action(
    "version_form",
    lambda request, appraisal, data: VersionForm(data),
    _finish_step,
)


def _save_meeting(request, appraisal, form):
    services.meeting_save(
        user=request.user,
        appraisal=appraisal,
        expected_version=form.cleaned_data["version"],
        strengths=form.cleaned_data["strengths"],
        development_needs=form.cleaned_data["development_needs"],
        career_conversation=form.cleaned_data["career_conversation"],
        objectives=form.objectives(),
    )
    return _("Saved.")


meeting_save = _action(
    "meeting_form",
    lambda request, appraisal, data: MeetingForm(data, appraisal=appraisal),
    _save_meeting,
)


def _sign(request, appraisal, form):
    services.appraisal_sign(user=request.user, appraisal=appraisal)
    access_record_item(
        viewer=request.user,
        owner_id=appraisal.supervisee_id,
        action="signed",
        description=str(appraisal),
    )
    return _("Saved.")


sign = _action("sign_form", lambda request, appraisal, data: SignForm(data), _sign)


def _add_addendum(request, appraisal, form):
    services.addendum_add(
        user=request.user, appraisal=appraisal, text=form.cleaned_data["text"]
    )
    return _("Saved.")


addendum_add = _action(
    "addendum_form",
    lambda request, appraisal, data: AddendumForm(data),
    _add_addendum,
)
