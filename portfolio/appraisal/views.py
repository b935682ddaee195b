"""Appraisal pages: the list, one page per appraisal whose sections open step
by step, the anonymous feedback form, and asking for the signed PDF."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.appraisal import services
from portfolio.appraisal.models import AppraisalKind, FeedbackSource, rating_scale
from portfolio.appraisal.selectors import (
    appraisal_get,
    appraisal_list_for,
    development_plan,
    objectives_to_review,
)
from portfolio.evidence.selectors import coverage_heatmap, entry_list
from portfolio.exports.services import export_request_appraisal
from portfolio.forms import id_from
from portfolio.supervision.selectors import current_supervisions_of
from portfolio.supervision.services import access_record_item

OBJECTIVE_ROWS = 3
#: The few questions the feedback link asks; nobody needs to log in.
FEEDBACK_QUESTIONS = (
    _lazy("What did they do well?"),
    _lazy("What could they do better, or differently?"),
    _lazy("Is there anything else you would like them to know?"),
)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
@login_required
def appraisal_list(request):
    supervising = current_supervisions_of(request.user).select_related("supervisee")
    if request.method == "POST":
        chosen = supervising.filter(pk=id_from(request.POST, "supervision")).first()
        start, end = (
            _date(request.POST.get("period_start")),
            _date(request.POST.get("period_end")),
        )
        if chosen is None or start is None or end is None:
            messages.error(
                request,
                _("Choose a supervisee and enter the start and end of the period."),
            )
        else:
            try:
                appraisal = services.appraisal_start(
                    appraiser=request.user,
                    supervisee=chosen.supervisee,
                    kind=request.POST.get("kind") or AppraisalKind.ANNUAL,
                    period_start=start,
                    period_end=end,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                return redirect("appraisal:detail", pk=appraisal.pk)
    return render(
        request,
        "portfolio/appraisal/list.html",
        {
            "appraisals": appraisal_list_for(user=request.user),
            "supervising": supervising,
            "kinds": AppraisalKind.choices,
        },
    )


def _ratings_from(post, appraisal) -> dict:
    ratings = {}
    for assessment in appraisal.assessments.all():
        raw = post.get(f"rating_{assessment.domain_id}", "")
        scale_size = len(rating_scale(appraisal.organisation))
        rating = int(raw) if raw.isdigit() and int(raw) < scale_size else None
        ratings[assessment.domain_id] = (
            rating,
            post.get(f"commentary_{assessment.domain_id}", ""),
            None,
        )
    return ratings


def _objectives_from(post) -> list[dict]:
    rows = []
    for n in range(1, OBJECTIVE_ROWS + 1):
        text = post.get(f"objective_text_{n}", "").strip()
        if text:
            rows.append(
                {
                    "text": text,
                    "due_on": _date(post.get(f"objective_due_{n}")),
                    "suggested_learning": post.get(f"objective_learning_{n}", ""),
                }
            )
    return rows


@require_http_methods(["GET", "POST"])
@login_required
def appraisal_detail(request, pk: int):
    appraisal = appraisal_get(fetched_by=request.user, pk=pk)
    if appraisal is None:
        raise Http404
    is_appraiser = request.user.pk == appraisal.appraiser_id
    context = {
        # The appraiser assesses with the evidence shared with them at hand.
        "coverage": coverage_heatmap(user=appraisal.supervisee, viewer=request.user)
        if is_appraiser
        else None,
        "appraisal": appraisal,
        "scale": list(enumerate(rating_scale(appraisal.organisation))),
        "to_review": objectives_to_review(appraisal=appraisal)
        if appraisal.kind == AppraisalKind.MID_YEAR
        else [],
        "sources": FeedbackSource.choices,
        "is_supervisee": request.user.pk == appraisal.supervisee_id,
        "objective_rows": range(1, OBJECTIVE_ROWS + 1),
    }
    if request.method == "POST":
        action, post = request.POST.get("action"), request.POST
        version = id_from(post, "version") or 0
        try:
            if action == "assessment":
                services.assessment_save(
                    user=request.user,
                    appraisal=appraisal,
                    expected_version=version,
                    ratings=_ratings_from(post, appraisal),
                )
            elif action == "feedback":
                services.feedback_record(
                    user=request.user,
                    appraisal=appraisal,
                    source=post.get("source", ""),
                    text=post.get("text", ""),
                )
            elif action == "feedback_link":
                token = services.feedback_link_create(
                    user=request.user,
                    appraisal=appraisal,
                    source=post.get("source", ""),
                )
                messages.success(
                    request,
                    _(
                        "Send this link to the person. It works once, for 14 days: "
                        "%(url)s"
                    )
                    % {
                        "url": request.build_absolute_uri(
                            reverse("appraisal:feedback", args=[token])
                        )
                    },
                )
            elif action == "advance":
                services.stage_advance(
                    user=request.user, appraisal=appraisal, expected_version=version
                )
            elif action == "meeting":
                services.meeting_save(
                    user=request.user,
                    appraisal=appraisal,
                    expected_version=version,
                    strengths=post.get("strengths", ""),
                    development_needs=post.get("development_needs", ""),
                    career_conversation=post.get("career_conversation", ""),
                    objectives=_objectives_from(post),
                )
            elif action == "sign":
                services.appraisal_sign(user=request.user, appraisal=appraisal)
                access_record_item(
                    viewer=request.user,
                    owner_id=appraisal.supervisee_id,
                    action="signed",
                    description=str(appraisal),
                )
            elif action == "addendum":
                services.addendum_add(
                    user=request.user, appraisal=appraisal, text=post.get("text", "")
                )
            else:
                raise ValidationError(_("Choose what to save."))
        except services.AppraisalConflict as conflict:
            context["conflict"] = conflict.current
            messages.error(request, str(conflict))
            appraisal = appraisal_get(fetched_by=request.user, pk=pk)
            context["appraisal"] = appraisal
            return render(
                request, "portfolio/appraisal/detail.html", context, status=409
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if action != "feedback_link":
                messages.success(request, _("Saved."))
        return redirect("appraisal:detail", pk=pk)
    access_record_item(
        viewer=request.user,
        owner_id=appraisal.supervisee_id,
        action="opened",
        description=str(appraisal),
    )
    return render(request, "portfolio/appraisal/detail.html", context)


@require_POST
@login_required
def appraisal_pdf(request, pk: int):
    """Ask for a PDF of the signed appraisal: built in the background, then
    listed (for the requester only) on the exports page."""
    try:
        export_request_appraisal(requester=request.user, appraisal_id=pk)
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(
        request,
        _(
            "The PDF of the appraisal is being prepared. It will be listed here "
            "when it is ready."
        ),
    )
    return redirect("portfolio:export_list")


@require_http_methods(["GET", "POST"])
def feedback(request, token: str):
    """Feedback without a login: shows nothing of the portfolio, not even
    whose appraisal it is beyond their first name."""
    link = services.feedback_link_get(token=token)
    if link is None:
        return render(request, "portfolio/appraisal/feedback_invalid.html", status=404)
    error = None
    if request.method == "POST":
        answers = [
            (str(question), request.POST.get(f"answer_{number}", "").strip())
            for number, question in enumerate(FEEDBACK_QUESTIONS, start=1)
        ]
        text = "\n\n".join(
            f"{question}\n{answer}" for question, answer in answers if answer
        )
        try:
            services.feedback_submit(token=token, text=text)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            return render(request, "portfolio/appraisal/feedback_thanks.html")
    return render(
        request,
        "portfolio/appraisal/feedback.html",
        {
            "first_name": link.appraisal.supervisee.first_name,
            "error": error,
            "questions": [
                (number, question, request.POST.get(f"answer_{number}", ""))
                for number, question in enumerate(FEEDBACK_QUESTIONS, start=1)
            ],
        },
    )


@require_POST
@login_required
def objective_evidence(request, pk: int):
    objective = development_plan(user=request.user).filter(pk=pk).first()
    entry_id = id_from(request.POST, "entry")
    entry = (
        entry_list(fetched_by=request.user).filter(pk=entry_id).first()
        if entry_id
        else None
    )
    if objective is None:
        raise Http404
    if entry is None:
        messages.error(request, _("Choose one of your complete entries."))
        return redirect("portfolio:dashboard")
    try:
        services.objective_link_evidence(
            owner=request.user, objective=objective, entry=entry
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry is now linked to the objective."))
    return redirect("portfolio:dashboard")
