"""Feedback through a single-use link, without a login."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from portfolio.appraisal import services
from portfolio.appraisal.forms import FeedbackAnswersForm


@require_http_methods(["GET", "POST"])
def feedback(request, token: str):
    """Feedback without a login: shows nothing of the portfolio, not even
    whose appraisal it is beyond their first name."""
    link = services.feedback_link_get(token=token)
    if link is None:
        return render(request, "portfolio/appraisal/feedback_invalid.html", status=404)
    form = FeedbackAnswersForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(token=token, text=form.text())
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
            "form": form,
        },
    )
