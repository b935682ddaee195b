"""The appraisal cycle through its services: steps, roles, feedback links,
signatures, the lock and addenda, and optimistic locking."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from portfolio.appraisal import services
from portfolio.appraisal.models import AppraisalFeedback
from portfolio.appraisal.selectors import appraisal_list_for, development_plan

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 12, 1), datetime.date(2026, 11, 30)


def _ratings(appraisal, rating, words):
    return {a.domain_id: (rating, words, None) for a in appraisal.assessments.all()}


def test_only_a_current_supervisor_starts_an_appraisal(
    other_team_supervisor, practitioner, shipped_frameworks
):
    with pytest.raises(PermissionDenied):
        services.appraisal_start(
            appraiser=other_team_supervisor,
            supervisee=practitioner,
            kind="annual",
            period_start=START,
            period_end=END,
        )


def test_a_full_cycle_ends_locked_with_a_development_plan(
    appraisal, supervisor, practitioner
):
    assert appraisal.assessments.count() == 9
    a = services.assessment_save(
        user=practitioner,
        appraisal=appraisal,
        expected_version=1,
        ratings=_ratings(appraisal, 2, "Growing."),
    )
    services.feedback_record(
        user=practitioner, appraisal=a, source="colleague", text="Calm under pressure."
    )
    a = services.stage_advance(
        user=practitioner, appraisal=a, expected_version=a.version
    )
    a = services.stage_advance(
        user=practitioner, appraisal=a, expected_version=a.version
    )
    a = services.assessment_save(
        user=supervisor,
        appraisal=a,
        expected_version=a.version,
        ratings=_ratings(a, 3, "Solid."),
    )
    a = services.stage_advance(user=supervisor, appraisal=a, expected_version=a.version)
    a = services.meeting_save(
        user=supervisor,
        appraisal=a,
        expected_version=a.version,
        strengths="Relationship-based work.",
        development_needs="Court skills.",
        career_conversation="Aiming for Experienced Social Worker next year.",
        objectives=[
            {
                "text": "Complete court skills training and give evidence with support.",
                "due_on": datetime.date(2027, 3, 31),
            }
        ],
    )
    a = services.stage_advance(user=supervisor, appraisal=a, expected_version=a.version)
    a = services.appraisal_sign(user=practitioner, appraisal=a)
    assert a.locked_at is None
    a = services.appraisal_sign(user=supervisor, appraisal=a)
    assert a.locked_at is not None and a.stage == "signed"
    assert [o.text[:8] for o in development_plan(user=practitioner)] == ["Complete"]
    with pytest.raises(ValidationError, match="locked"):
        services.meeting_save(
            user=supervisor,
            appraisal=a,
            expected_version=a.version,
            strengths="x",
            development_needs="",
            career_conversation="",
            objectives=[],
        )
    addendum = services.addendum_add(
        user=practitioner, appraisal=a, text="Training booked for February."
    )
    assert addendum.created_at is not None


def test_a_stale_save_is_refused_and_shows_the_other_change(appraisal, practitioner):
    services.assessment_save(
        user=practitioner,
        appraisal=appraisal,
        expected_version=1,
        ratings=_ratings(appraisal, 1, "First tab."),
    )
    with pytest.raises(services.AppraisalConflict) as conflict:
        services.assessment_save(
            user=practitioner,
            appraisal=appraisal,
            expected_version=1,
            ratings=_ratings(appraisal, 3, "Second tab."),
        )
    assert conflict.value.current.version == 2
    assert set(appraisal.assessments.values_list("self_commentary", flat=True)) == {
        "First tab."
    }


def test_nobody_signs_for_someone_else_or_out_of_turn(
    appraisal, practitioner, supervisor, other_practitioner
):
    with pytest.raises(ValidationError):
        services.appraisal_sign(user=practitioner, appraisal=appraisal)
    with pytest.raises(PermissionDenied):
        services.appraisal_sign(user=other_practitioner, appraisal=appraisal)
    with pytest.raises(ValidationError):
        services.stage_advance(user=supervisor, appraisal=appraisal, expected_version=1)


def test_a_feedback_link_works_once_and_expires(appraisal, practitioner, time_machine):
    token = services.feedback_link_create(
        user=practitioner, appraisal=appraisal, source="lived_experience"
    )
    services.feedback_submit(
        token=token, text="She listened and explained things clearly."
    )
    assert AppraisalFeedback.objects.get().via_link
    with pytest.raises(ValidationError):
        services.feedback_submit(token=token, text="Again")
    second = services.feedback_link_create(
        user=practitioner, appraisal=appraisal, source="colleague"
    )
    time_machine.move_to(
        timezone.now() + services.FEEDBACK_LINK_LIFETIME + datetime.timedelta(hours=1)
    )
    assert services.feedback_link_get(token=second) is None
    with pytest.raises(ValidationError):
        services.feedback_submit(token=second, text="Too late")


def test_an_appraisal_is_visible_to_its_two_people_only(
    appraisal, practitioner, supervisor, other_team_supervisor, org_admin
):
    assert appraisal in appraisal_list_for(user=practitioner)
    assert appraisal in appraisal_list_for(user=supervisor)
    for other in (other_team_supervisor, org_admin):
        assert appraisal not in appraisal_list_for(user=other)


def test_signed_objectives_show_on_the_dashboard_as_the_plan(
    client, signed_in, signed_appraisal, practitioner
):
    import datetime as dt

    from django.urls import reverse

    signed_appraisal.objectives.create(
        text="Lead a case discussion on neglect.", due_on=dt.date(2027, 6, 30)
    )
    signed_in(practitioner)
    page = client.get(reverse("portfolio:dashboard")).content.decode()
    assert 'data-testid="development-plan"' in page
    assert "Lead a case discussion on neglect." in page


def test_the_plan_panel_offers_complete_entries_and_follows_the_suggestions(
    client, signed_in, signed_appraisal, practitioner
):
    """The plan is a panel appraisal registers on evidence's dashboard: after
    learning's suggestions, as before, and offering complete entries only."""
    import datetime as dt

    from django.urls import reverse

    from tests.factories.portfolio import EntryFactory

    objective = signed_appraisal.objectives.create(
        text="Lead a case discussion on neglect.", due_on=dt.date(2027, 6, 30)
    )
    done = EntryFactory(owner=practitioner, state="complete", title="Done entry")
    EntryFactory(owner=practitioner, state="draft", title="Draft entry")
    signed_in(practitioner)
    page = client.get(reverse("portfolio:dashboard")).content.decode()
    plan = page[page.index('data-testid="development-plan"') :]
    plan = plan[: plan.index("</section>")]
    assert f'<option value="{done.pk}">Done entry</option>' in plan
    assert "Draft entry" not in plan
    assert reverse("appraisal:objective_evidence", args=[objective.pk]) in plan
    assert page.index('data-testid="recommendations"') < page.index(
        'data-testid="development-plan"'
    )


def test_the_appraiser_sees_the_shared_evidence_coverage(
    client, signed_in, appraisal, supervisor, practitioner
):
    from django.urls import reverse

    signed_in(supervisor)
    assert (
        'data-testid="heatmap"'
        in client.get(reverse("appraisal:detail", args=[appraisal.pk])).content.decode()
    )
    signed_in(practitioner)
    assert (
        'data-testid="heatmap"'
        not in client.get(
            reverse("appraisal:detail", args=[appraisal.pk])
        ).content.decode()
    )


def test_evidence_linked_to_an_objective_is_reviewed_at_mid_year(
    client, signed_in, plan_objective, practitioner, supervisor
):
    from django.urls import reverse

    from portfolio.evidence.models import EntryState
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(
        owner=practitioner,
        state=EntryState.COMPLETE,
        title="Led the neglect case discussion",
    )
    signed_in(practitioner)
    client.post(
        reverse("appraisal:objective_evidence", args=[plan_objective.pk]),
        {"entry": entry.pk},
    )
    assert list(plan_objective.evidence.all()) == [entry]
    mid_year = services.appraisal_start(
        appraiser=supervisor,
        supervisee=practitioner,
        kind="mid_year",
        period_start=START,
        period_end=END,
    )
    signed_in(supervisor)
    page = client.get(reverse("appraisal:detail", args=[mid_year.pk])).content.decode()
    assert "Led the neglect case discussion" in page


def test_nobody_links_someone_elses_entry_to_their_objective(
    plan_objective, other_practitioner
):
    from tests.factories.portfolio import EntryFactory

    foreign = EntryFactory(owner=other_practitioner, state="complete")
    with pytest.raises(PermissionDenied):
        services.objective_link_evidence(
            owner=other_practitioner, objective=plan_objective, entry=foreign
        )


def test_the_organisations_own_scale_is_used_and_feeds_career_readiness(
    client, signed_in, org_admin, appraisal, practitioner, supervisor
):
    from django.urls import reverse

    from portfolio.career.selectors import career_readiness

    signed_in(org_admin)
    client.post(
        reverse("portfolio:organisation_settings"),
        {
            "mfa_required_for_supervisors": "on",
            "mfa_required_for_org_admins": "on",
            "appraisal_scale_text": "Emerging\nEstablished\nExpert",
        },
    )
    practitioner.organisation.refresh_from_db()
    assert practitioner.organisation.appraisal_scale == [
        "Emerging",
        "Established",
        "Expert",
    ]
    signed_in(practitioner)  # at the self-assessment, the ratings to choose from
    page = client.get(reverse("appraisal:detail", args=[appraisal.pk])).content.decode()
    assert "Established" in page and "Meeting the level" not in page
    knowledge = appraisal.assessments.get(domain__code="5")
    knowledge.appraiser_rating = 2
    knowledge.save()
    appraisal.locked_at = timezone.now()
    appraisal.save()
    practitioner.target_level = knowledge.domain.framework.levels.get(code="asye")
    practitioner.save()
    ratings = {
        row.domain.code: row.rating
        for row in career_readiness(user=practitioner).domains
    }
    assert ratings["5"] == "Expert"


def test_the_self_assessment_links_the_periods_evidence_for_each_domain(
    appraisal, practitioner
):
    from capabilities.selectors import item_by_reference
    from portfolio.evidence.models import EntryMapping
    from tests.factories.portfolio import EntryFactory

    inside = EntryFactory(
        owner=practitioner,
        state="complete",
        activity_date=datetime.date(2026, 3, 1),
        title="Inside",
    )
    outside = EntryFactory(
        owner=practitioner,
        state="complete",
        activity_date=datetime.date(2025, 6, 1),
        title="Outside",
    )
    for entry in (inside, outside):
        EntryMapping.objects.create(entry=entry, item=item_by_reference("pcf@2018:5"))
    services.assessment_save(
        user=practitioner,
        appraisal=appraisal,
        expected_version=1,
        ratings=_ratings(appraisal, 1, ""),
    )
    knowledge = appraisal.assessments.get(domain__code="5")
    assert list(knowledge.evidence.all()) == [inside]
