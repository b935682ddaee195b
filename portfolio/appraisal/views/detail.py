"""The appraisal page. It only shows the appraisal: each form on it posts to
its own view (``actions.py``), which renders this page again, with the form
bound and its errors, when the input is wrong."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portfolio.appraisal.forms import (
    AddendumForm,
    AssessmentForm,
    FeedbackForm,
    FeedbackLinkForm,
    MeetingForm,
    VersionForm,
)
from portfolio.appraisal.models import AppraisalKind, rating_scale
from portfolio.appraisal.policies import APPRAISER, SUPERVISEE, appraisal_actions
from portfolio.appraisal.selectors import appraisal_get, objectives_to_review
from portfolio.evidence.services import access_record_item
from portfolio.supervision.selectors import reviews_seen_since, supervisee_coverage


def appraisal_or_404(request, pk: int):
    appraisal = appraisal_get(fetched_by=request.user, pk=pk)
    if appraisal is None:
        raise Http404
    return appraisal


def blank_forms(appraisal, actions) -> dict:
    """Each form the viewer may use now, unbound, keyed by its context name."""
    side_prefix = "self" if actions.side == SUPERVISEE else "appraiser"
    forms = {
        "version_form": VersionForm(initial={"version": appraisal.version}),
        "addendum_form": AddendumForm(),
        "feedback_form": FeedbackForm(),
        "feedback_link_form": FeedbackLinkForm(),
    }
    if actions.can_save_assessment:
        forms["assessment_form"] = AssessmentForm(
            appraisal=appraisal, side_prefix=side_prefix
        )
    if actions.can_record_meeting:
        forms["meeting_form"] = MeetingForm(appraisal=appraisal)
    return forms


def render_detail(request, appraisal, *, bound=None, conflict=None, status=200):
    """The page, with ``bound`` forms (name → form) in place of blank ones."""
    actions = appraisal_actions(user=request.user, appraisal=appraisal)
    forms = {**blank_forms(appraisal, actions), **(bound or {})}
    assessment_form = forms.get("assessment_form")
    context = {
        "appraisal": appraisal,
        # (assessment, rating, commentary): the fields only where one is open.
        "assessment_rows": assessment_form.rows()
        if assessment_form
        else [(a, None, None) for a in appraisal.assessments.all()],
        "actions": actions,
        # The appraiser assesses with the evidence shared with them at hand.
        "coverage": supervisee_coverage(
            supervisor=request.user,
            supervisee=appraisal.supervisee,
            seen_since=getattr(appraisal, "appraiser_supervising_since", None)
            or reviews_seen_since(
                supervisor=request.user, supervisee=appraisal.supervisee
            ),
        )
        if actions.side == APPRAISER
        else None,
        "scale": list(enumerate(rating_scale(appraisal.organisation))),
        "to_review": objectives_to_review(appraisal=appraisal)
        if appraisal.kind == AppraisalKind.MID_YEAR
        else [],
        "conflict": conflict,
        **forms,
    }
    return render(request, "portfolio/appraisal/detail.html", context, status=status)


@require_GET
@login_required
def appraisal_detail(request, pk: int):
    appraisal = appraisal_or_404(request, pk)
    access_record_item(
        viewer=request.user,
        owner_id=appraisal.supervisee_id,
        action="opened",
        description=str(appraisal),
    )
    return render_detail(request, appraisal)
