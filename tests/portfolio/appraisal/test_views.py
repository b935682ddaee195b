"""The appraisal through its pages as people use them: one URL per action,
each a form; wrong input comes back with what was typed and why."""

import re

from django.urls import reverse

import pytest

from portfolio.appraisal.forms import OBJECTIVE_NEEDS_DUE_DATE
from portfolio.appraisal.models import AppraisalFeedback, AppraisalStage

pytestmark = pytest.mark.django_db


def _url(name, appraisal):
    return reverse(f"appraisal:{name}", args=[appraisal.pk])


def test_the_detail_page_only_shows(client, signed_in, appraisal, practitioner):
    signed_in(practitioner)
    assert client.post(_url("detail", appraisal), {"action": "sign"}).status_code == 405


def test_each_action_takes_only_a_post(client, signed_in, appraisal, practitioner):
    signed_in(practitioner)
    assert client.get(_url("assessment", appraisal)).status_code == 405


def test_the_supervisee_saves_the_self_assessment(
    client, signed_in, appraisal, practitioner
):
    signed_in(practitioner)
    knowledge = appraisal.assessments.get(domain__code="5")
    response = client.post(
        _url("assessment", appraisal),
        {
            "version": appraisal.version,
            f"rating_{knowledge.domain_id}": "1",
            f"commentary_{knowledge.domain_id}": "Law and research are improving.",
        },
    )
    assert response.status_code == 302
    knowledge.refresh_from_db()
    assert (knowledge.self_rating, knowledge.self_commentary) == (
        1,
        "Law and research are improving.",
    )


def test_a_stale_assessment_shows_the_other_persons_version(
    client, signed_in, appraisal, practitioner
):
    signed_in(practitioner)
    knowledge = appraisal.assessments.get(domain__code="5")
    data = {"version": appraisal.version, f"rating_{knowledge.domain_id}": "1"}
    client.post(_url("assessment", appraisal), data)
    stale = client.post(_url("assessment", appraisal), data)
    assert stale.status_code == 409
    assert 'data-testid="appraisal-conflict"' in stale.content.decode()


def test_an_objective_without_a_due_date_keeps_everything_typed(
    client, signed_in, appraisal, supervisor
):
    appraisal.stage = AppraisalStage.MEETING
    appraisal.save()
    signed_in(supervisor)
    response = client.post(
        _url("meeting", appraisal),
        {
            "version": appraisal.version,
            "strengths": "Relationship-based practice.",
            "objective_text_1": "Give evidence in court with support by March.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert OBJECTIVE_NEEDS_DUE_DATE in page
    assert "Relationship-based practice." in page
    assert "Give evidence in court with support by March." in page
    appraisal.refresh_from_db()
    assert appraisal.strengths == ""


def test_empty_feedback_is_refused_with_a_message(
    client, signed_in, appraisal, practitioner
):
    signed_in(practitioner)
    response = client.post(_url("feedback_record", appraisal), {"source": "peer"})
    assert response.status_code == 400
    assert "Write down the feedback you were given." in response.content.decode()
    assert not AppraisalFeedback.objects.exists()


def test_a_step_out_of_turn_is_refused(client, signed_in, appraisal, supervisor):
    signed_in(supervisor)  # the self-assessment is the supervisee's to finish
    response = client.post(
        _url("finish_step", appraisal), {"version": appraisal.version}
    )
    assert response.status_code == 400
    appraisal.refresh_from_db()
    assert appraisal.stage == AppraisalStage.SELF_ASSESSMENT


def test_the_page_offers_only_what_the_viewer_may_do_now(
    client, signed_in, appraisal, practitioner, supervisor
):
    signed_in(practitioner)
    page = client.get(_url("detail", appraisal)).content.decode()
    assert 'data-testid="save-assessment"' in page
    assert 'data-testid="make-feedback-link"' in page
    assert 'data-testid="advance"' in page
    signed_in(supervisor)
    page = client.get(_url("detail", appraisal)).content.decode()
    assert 'data-testid="save-assessment"' not in page
    assert 'data-testid="make-feedback-link"' not in page
    assert 'data-testid="advance"' not in page
    assert 'data-testid="sign"' not in page


def test_someone_else_cannot_act_on_the_appraisal(
    client, signed_in, appraisal, other_team_supervisor
):
    signed_in(other_team_supervisor)
    response = client.post(_url("sign", appraisal))
    assert response.status_code == 404


def test_starting_without_a_period_keeps_the_choices(
    client, signed_in, supervisor, supervision, shipped_frameworks
):
    signed_in(supervisor)
    response = client.post(
        reverse("appraisal:start"),
        {
            "supervision": supervision.pk,
            "kind": "mid_year",
            "period_start": "2025-12-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the end of the period." in page
    # The date kept, in its GOV.UK day, month and year boxes.
    assert 'name="period_start_day" value="01"' in page
    assert 'name="period_start_month" value="12"' in page
    assert 'name="period_start_year" value="2025"' in page
    assert '<option value="mid_year" selected>' in page


def test_feedback_through_a_link_is_saved_under_its_questions(
    client, appraisal, practitioner
):
    from portfolio.appraisal import services

    token = services.feedback_link_create(
        user=practitioner, appraisal=appraisal, source="peer"
    )
    url = reverse("appraisal:feedback", args=[token])
    empty = client.post(url, {"answer_1": "  "})
    assert empty.status_code == 200
    assert "Write your feedback before you send it." in empty.content.decode()
    client.post(url, {"answer_2": "Write shorter reports."})
    saved = AppraisalFeedback.objects.get()
    assert saved.via_link
    assert saved.text == (
        "What could they do better, or differently?\nWrite shorter reports."
    )


def test_the_rating_fields_show_what_was_saved(
    client, signed_in, appraisal, practitioner
):
    """The rating and commentary are written out in the template (issue #15),
    not rendered by their widgets: they must still show the saved values."""
    signed_in(practitioner)
    knowledge = appraisal.assessments.get(domain__code="5")
    client.post(
        _url("assessment", appraisal),
        {
            "version": appraisal.version,
            f"rating_{knowledge.domain_id}": "2",
            f"commentary_{knowledge.domain_id}": "Law & research <improving>.",
        },
    )
    html = client.get(_url("detail", appraisal)).content.decode()
    select = re.search(
        rf'<select name="rating_{knowledge.domain_id}"[^>]*>(.*?)</select>', html, re.S
    )
    assert select and re.findall(
        r'<option value="(\d*)" selected>', select.group(1)
    ) == ["2"]
    assert "Law &amp; research &lt;improving&gt;.</textarea>" in html


def test_a_wrong_rating_comes_back_with_its_error_tied_to_the_field(
    client, signed_in, appraisal, practitioner
):
    signed_in(practitioner)
    knowledge = appraisal.assessments.get(domain__code="5")
    field = f"rating_{knowledge.domain_id}"
    response = client.post(
        _url("assessment", appraisal),
        {
            "version": appraisal.version,
            field: "99",
            f"commentary_{knowledge.domain_id}": "Kept as typed.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f'aria-describedby="{field}_error" id="{field}"' in html
    assert f'<div id="{field}_error"><p class="govuk-error-message">' in html
    assert "Kept as typed.</textarea>" in html
    knowledge.refresh_from_db()
    assert knowledge.self_rating is None
