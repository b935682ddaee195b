"""The career path: readiness, and the request → recommendation → decision
workflow, as services and through the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from capabilities.models import Level
from capabilities.selectors import item_by_reference
from portfolio.career import services
from portfolio.career.selectors import career_readiness, level_history
from portfolio.evidence.models import EntryMapping
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


def _level(code):
    return Level.objects.get(
        framework__family="pcf", framework__version="2018", code=code
    )


def test_readiness_names_the_gaps_in_plain_words(practitioner):
    practitioner.target_level = _level("experienced-social-worker")
    practitioner.save()
    for n in range(2):
        entry = EntryFactory(owner=practitioner, state="complete", title=f"E{n}")
        EntryMapping.objects.create(
            entry=entry,
            item=item_by_reference("pcf@2018:6"),
            level=practitioner.target_level,
        )
    readiness = career_readiness(user=practitioner)
    by_code = {row.domain.code: row for row in readiness.domains}
    assert by_code["6"].ready and not by_code["5"].ready
    assert (
        "No evidence yet in Knowledge at Experienced Social Worker level."
        in readiness.gaps
    )
    assert not any("Critical Reflection" in line for line in readiness.gaps)


def test_the_full_workflow_records_the_change(
    level_request, supervisor, org_admin, practitioner
):
    services.level_request_recommend(
        supervisor=supervisor, request=level_request, recommend=True, note="Ready."
    )
    with pytest.raises(PermissionDenied):
        services.level_request_decide(
            decided_by=practitioner, request=level_request, approve=True
        )
    services.level_request_decide(
        decided_by=org_admin, request=level_request, approve=True
    )
    practitioner.refresh_from_db()
    assert practitioner.career_level.code == "experienced-social-worker"
    [change] = level_history(person=practitioner)
    assert (change.from_level.code, change.to_level.code) == (
        "social-worker",
        "experienced-social-worker",
    )
    assert practitioner.notifications.filter(text__contains="approved").exists()


def test_only_a_current_supervisor_recommends(level_request, other_team_supervisor):
    with pytest.raises(PermissionDenied):
        services.level_request_recommend(
            supervisor=other_team_supervisor,
            request=level_request,
            recommend=True,
            note="x",
        )


def test_a_decision_needs_a_recommendation_first(level_request, org_admin):
    with pytest.raises(ValidationError, match="not waiting"):
        services.level_request_decide(
            decided_by=org_admin, request=level_request, approve=True
        )


def test_another_organisations_admin_cannot_decide(
    recommended_request, other_org_admin
):
    with pytest.raises(PermissionDenied):
        services.level_request_decide(
            decided_by=other_org_admin, request=recommended_request, approve=True
        )


def test_a_request_must_be_for_a_higher_level_with_a_reason(practitioner):
    practitioner.career_level = _level("experienced-social-worker")
    practitioner.save()
    with pytest.raises(ValidationError, match="above"):
        services.level_request_create(
            person=practitioner, level=_level("asye"), reason="x"
        )
    with pytest.raises(ValidationError, match="pathway"):
        services.level_request_create(
            person=practitioner, level=_level("advanced"), reason="x"
        )
    with pytest.raises(ValidationError, match="why you are ready"):
        services.level_request_create(
            person=practitioner, level=_level("strategic"), reason=" "
        )


def test_practitioner_asks_through_the_page_and_the_supervisor_is_told(
    client, signed_in, practitioner, supervision, supervisor
):
    practitioner.career_level = _level("social-worker")
    practitioner.save()
    signed_in(practitioner)
    response = client.post(
        reverse("career:mine"),
        {
            "level": _level("experienced-social-worker").pk,
            "reason": "Complex cases for two years.",
        },
    )
    assert response.status_code == 302
    assert supervisor.notifications.filter(text__contains="asks to move").exists()
    signed_in(supervisor)
    page = client.get(reverse("career:requests")).content.decode()
    assert str(practitioner) in page


def test_a_bad_request_form_keeps_what_was_typed(client, signed_in, practitioner):
    signed_in(practitioner)
    response = client.post(reverse("career:mine"), {"reason": "Ready now."})
    assert response.status_code == 200
    assert "Ready now." in response.content.decode()


def test_an_asye_practitioner_sees_reviews_and_what_evidence_is_missing(practitioner):
    import datetime

    practitioner.career_level = _level("asye")
    practitioner.started_practice_on = datetime.date(2026, 9, 1)
    practitioner.save()
    EntryFactory(
        owner=practitioner, state="complete", asye_evidence="direct_observation"
    )
    EntryFactory(owner=practitioner, state="draft", asye_evidence="direct_observation")
    from portfolio.career.selectors import asye_programme

    programme = asye_programme(user=practitioner)
    assert [due for _label, due in programme.reviews] == [
        datetime.date(2026, 12, 1),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 9, 1),
    ]
    assert "2 more: Direct observation of practice." in programme.missing
    assert "1 more: Critical reflection at 6 months." in programme.missing


def test_nobody_else_sees_an_asye_programme(practitioner):
    from portfolio.career.selectors import asye_programme

    practitioner.career_level = _level("social-worker")
    assert asye_programme(user=practitioner) is None


def test_recommend_then_decide_through_the_pages(
    client, signed_in, level_request, supervisor, org_admin, practitioner
):
    signed_in(supervisor)
    response = client.post(
        reverse("career:recommend", args=[level_request.pk]),
        {"recommend": "yes", "note": "Consistently strong."},
    )
    assert response.status_code == 302
    signed_in(org_admin)
    assert str(practitioner) in client.get(reverse("career:requests")).content.decode()
    client.post(reverse("career:decide", args=[level_request.pk]), {"approve": "yes"})
    practitioner.refresh_from_db()
    assert practitioner.career_level.code == "experienced-social-worker"
