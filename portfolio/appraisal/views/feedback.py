"""Feedback through a single-use link, without a login."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from portfolio.appraisal import services

#: The few questions the feedback link asks; nobody needs to log in.
FEEDBACK_QUESTIONS = (
    _lazy("What did they do well?"),
    _lazy("What could they do better, or differently?"),
    _lazy("Is there anything else you would like them to know?"),
)


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
