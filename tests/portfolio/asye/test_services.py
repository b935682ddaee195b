"""The assessed year: assignment, reviews, the recommendation and the panel,
against the real database."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from portfolio.asye.models import AssessedYear, Programme, YearState
from portfolio.asye.selectors import (
    asye_year_list,
    cohort_report,
    panel_portfolio,
    panel_queue,
    review_months_open,
    year_progress,
)
from portfolio.asye.services import (
    ALREADY_IN_A_YEAR,
    FINAL_REVIEW_FIRST,
    NEW_DATE_NEEDED,
    NOT_A_REVIEW_MONTH,
    OPTIONAL_NEEDS_CONCERN,
    PROGRAMME_NOT_OPEN,
    REASON_NEEDED,
    asye_year_assign,
    panel_decision_record,
    panel_member_add,
    recommendation_make,
    reflection_log_add,
    support_plan_record,
    year_review_record,
)
from portfolio.evidence.policies import entry_policy
from portfolio.notifications.models import Notification
from tests.factories.portfolio import EntryFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _review(year, assessor, month, **overrides):
    values = {
        "held_on": TODAY,
        "nqsw_view": "I am learning to manage my caseload.",
        "manager_view": "Making steady progress.",
        "judgement": "Developing well against the PCF at ASYE level.",
        "progress": "on_track",
    }
    return year_review_record(
        year=year, recorded_by=assessor, month=month, **(values | overrides)
    )


def test_the_two_programmes_are_shipped_as_data():
    asye, ecdp = Programme.objects.get(code="asye"), Programme.objects.get(code="ecdp")
    assert (asye.review_months, asye.optional_review_months) == ([3, 6, 12], [9])
    assert asye.expected_evidence["direct_observation"] == 3
    assert asye.confirmed and "pcf@2018" in asye.judged_against
    # The Early Career Development Programme is a row, flagged unconfirmed.
    assert not ecdp.confirmed
    assert ecdp.starts_from == datetime.date(2027, 9, 1)


def test_assigning_gives_the_assessor_a_supervisors_access(
    asye_year, practitioner, supervisor
):
    shared = EntryFactory(
        owner=practitioner, state="complete", shared_with_supervisors=True
    )
    private = EntryFactory(owner=practitioner)
    seen = entry_policy().instances_user_has_any_permission_for(supervisor, ["view"])
    assert shared in seen and private not in seen
    assert asye_year.supervision.kind == "practice_educator"
    assert asye_year.ends_on == asye_year.starts_on.replace(
        year=asye_year.starts_on.year + 1, day=min(asye_year.starts_on.day, 28)
    )
    assert Notification.objects.filter(recipient=practitioner).exists()
    assert Notification.objects.filter(recipient=supervisor).exists()


def test_an_assessor_who_is_not_the_line_supervisor_sees_shared_evidence(
    org_admin, practitioner, other_team_supervisor
):
    year = asye_year_assign(
        assigned_by=org_admin,
        nqsw=practitioner,
        assessor=other_team_supervisor,
        programme=Programme.objects.get(code="asye"),
        starts_on=TODAY,
    )
    shared = EntryFactory(
        owner=practitioner, state="complete", shared_with_supervisors=True
    )
    assert entry_policy().user_has_permission_for_instance(
        other_team_supervisor, "view", shared
    )
    assert year in asye_year_list(fetched_by=other_team_supervisor, action="assess")


def test_only_their_admin_assigns_and_only_one_open_year(
    asye_year, practitioner, supervisor, other_org_admin, org_admin
):
    programme = Programme.objects.get(code="asye")
    with pytest.raises(PermissionDenied):
        asye_year_assign(
            assigned_by=other_org_admin,
            nqsw=practitioner,
            assessor=supervisor,
            programme=programme,
            starts_on=TODAY,
        )
    with pytest.raises(ValidationError) as error:
        asye_year_assign(
            assigned_by=org_admin,
            nqsw=practitioner,
            assessor=supervisor,
            programme=programme,
            starts_on=TODAY,
        )
    assert error.value.message_dict["nqsw"] == [ALREADY_IN_A_YEAR]


def test_the_ecdp_takes_no_one_before_its_first_intake(
    org_admin, practitioner, supervisor
):
    with pytest.raises(ValidationError) as error:
        asye_year_assign(
            assigned_by=org_admin,
            nqsw=practitioner,
            assessor=supervisor,
            programme=Programme.objects.get(code="ecdp"),
            starts_on=datetime.date(2027, 8, 31),
        )
    assert error.value.message_dict["programme"] == [
        PROGRAMME_NOT_OPEN.format(date=datetime.date(2027, 9, 1))
    ]


def test_reviews_follow_the_programme_and_the_three_month_one_is_overdue(
    asye_year, supervisor
):
    progress = year_progress(year=asye_year, today=TODAY)
    # Started 120 days ago: the 3-month review is overdue, the 9-month one
    # is not on the schedule unless held.
    assert [row.month for row in progress.reviews] == [3, 6, 12]
    assert [row.month for row in progress.overdue_reviews] == [3]
    _review(asye_year, supervisor, 3, progress="concern")
    _review(asye_year, supervisor, 9, progress="concern")
    progress = year_progress(year=asye_year, today=TODAY)
    assert [row.month for row in progress.reviews] == [3, 6, 9, 12]
    assert progress.overdue_reviews == []
    with pytest.raises(ValidationError) as error:
        _review(asye_year, supervisor, 4)
    assert error.value.message_dict["month"] == [NOT_A_REVIEW_MONTH]


def test_the_optional_review_is_held_only_after_a_concern(asye_year, supervisor):
    _review(asye_year, supervisor, 3)
    with pytest.raises(ValidationError) as error:
        _review(asye_year, supervisor, 9)
    assert error.value.message_dict["month"] == [OPTIONAL_NEEDS_CONCERN]
    assert review_months_open(year=asye_year) == [6, 12]
    _review(asye_year, supervisor, 6, progress="concern")
    assert review_months_open(year=asye_year) == [9, 12]


def test_only_the_assessor_records_the_plan_and_reviews(
    asye_year, supervisor, practitioner, other_team_supervisor
):
    for person in (practitioner, other_team_supervisor):
        with pytest.raises(PermissionDenied):
            _review(asye_year, person, 3)
        with pytest.raises(PermissionDenied):
            support_plan_record(
                year=asye_year,
                recorded_by=person,
                workload_protection="x",
                supervision_rhythm="x",
                learning_needs="x",
                agreed_on=TODAY,
            )
    plan = support_plan_record(
        year=asye_year,
        recorded_by=supervisor,
        workload_protection="80% of a full caseload.",
        supervision_rhythm="Weekly for six weeks, then fortnightly.",
        learning_needs="Court skills.",
        agreed_on=TODAY,
    )
    assert plan.year == asye_year


def test_the_nqsw_keeps_the_reflection_log(asye_year, practitioner, supervisor):
    reflection_log_add(
        year=asye_year, author=practitioner, written_on=TODAY, text="A hard visit."
    )
    with pytest.raises(PermissionDenied):
        reflection_log_add(
            year=asye_year, author=supervisor, written_on=TODAY, text="Not mine."
        )
    assert year_progress(year=asye_year, today=TODAY).reflections == 1


def test_expected_evidence_counts_complete_entries_inside_the_year(
    asye_year, practitioner
):
    EntryFactory(
        owner=practitioner,
        state="complete",
        asye_evidence="direct_observation",
        activity_date=TODAY,
    )
    EntryFactory(
        owner=practitioner,
        state="complete",
        asye_evidence="direct_observation",
        activity_date=asye_year.starts_on - datetime.timedelta(days=1),
    )
    EntryFactory(
        owner=practitioner,
        asye_evidence="direct_observation",
        activity_date=TODAY,
        state="draft",
    )
    rows = {
        row.kind: row for row in year_progress(year=asye_year, today=TODAY).evidence
    }
    assert (rows["direct_observation"].done, rows["direct_observation"].expected) == (
        1,
        3,
    )


def test_the_recommendation_needs_the_final_review_and_reasons(asye_year, supervisor):
    with pytest.raises(ValidationError) as error:
        recommendation_make(year=asye_year, made_by=supervisor, recommendation="pass")
    assert error.value.message_dict["recommendation"] == [FINAL_REVIEW_FIRST]
    _review(asye_year, supervisor, 12)
    with pytest.raises(ValidationError) as error:
        recommendation_make(year=asye_year, made_by=supervisor, recommendation="fail")
    assert error.value.message_dict["reason"] == [REASON_NEEDED]
    with pytest.raises(ValidationError) as error:
        recommendation_make(
            year=asye_year,
            made_by=supervisor,
            recommendation="extension",
            reason="Long sickness absence.",
            extend_to=asye_year.ends_on,
        )
    assert error.value.message_dict["extend_to"] == [NEW_DATE_NEEDED]


def test_the_panel_sees_an_anonymised_portfolio_and_decides(
    asye_year_at_panel, org_admin, practitioner, supervisor
):
    year = asye_year_at_panel
    assert year.state == YearState.AT_PANEL
    assert list(panel_queue(member=org_admin)) == [year]
    # Neither the NQSW nor the assessor moderates their own year.
    assert not panel_queue(member=supervisor).exists()
    EntryFactory(
        owner=practitioner,
        state="complete",
        asye_evidence="feedback_people",
        activity_date=TODAY,
        title="Feedback from a family",
    )
    shown = panel_portfolio(year=year, today=TODAY)
    assert shown.reference == f"Portfolio {year.pk:04d}"
    assert "Feedback from a family" in [row["title"] for row in shown.evidence]
    assert practitioner.get_full_name() not in repr(shown.evidence)
    assert Notification.objects.filter(
        recipient=org_admin, text__contains="moderation panel"
    ).exists()

    panel_decision_record(year=year, member=org_admin, decision="pass")
    year.refresh_from_db()
    assert (year.state, year.outcome) == (YearState.DECIDED, "pass")
    assert Notification.objects.filter(
        recipient=practitioner, text__contains="Pass"
    ).exists()
    with pytest.raises(PermissionDenied):
        panel_decision_record(year=year, member=org_admin, decision="pass")


def test_a_panel_that_disagrees_says_why_and_an_extension_moves_the_date(
    asye_year, supervisor, org_admin
):
    panel_member_add(added_by=org_admin, member=org_admin)
    _review(asye_year, supervisor, 12, progress="concern")
    new_end = asye_year.ends_on + datetime.timedelta(days=90)
    recommendation_make(
        year=asye_year,
        made_by=supervisor,
        recommendation="extension",
        reason="Six weeks' absence.",
        extend_to=new_end,
    )
    with pytest.raises(ValidationError):
        panel_decision_record(year=asye_year, member=org_admin, decision="fail")
    panel_decision_record(year=asye_year, member=org_admin, decision="extension")
    year = AssessedYear.objects.get(pk=asye_year.pk)
    assert (year.state, year.ends_on) == (YearState.IN_PROGRESS, new_end)


def test_someone_not_on_the_panel_cannot_decide(asye_year_at_panel, other_practitioner):
    with pytest.raises(PermissionDenied):
        panel_decision_record(
            year=asye_year_at_panel, member=other_practitioner, decision="pass"
        )


def test_the_cohort_report_lists_overdue_reviews_first(
    asye_year, org_admin, other_org_admin, organisation, supervisor
):
    newcomer = UserFactory(organisation=organisation, email="new@example.org")
    asye_year_assign(
        assigned_by=org_admin,
        nqsw=newcomer,
        assessor=supervisor,
        programme=Programme.objects.get(code="asye"),
        starts_on=TODAY,
    )
    rows = cohort_report(admin=org_admin, today=TODAY)
    assert [row.year.nqsw for row in rows] == [asye_year.nqsw, newcomer]
    assert len(rows[0].overdue_reviews) == 1 and rows[1].overdue_reviews == []
    assert cohort_report(admin=other_org_admin, today=TODAY) == []


def test_the_cohort_report_reads_a_cohort_in_a_fixed_number_of_queries(
    org_admin, organisation, supervisor, django_assert_num_queries
):
    programme = Programme.objects.get(code="asye")
    for n in range(6):
        nqsw = UserFactory(organisation=organisation, email=f"nqsw{n}@example.org")
        asye_year_assign(
            assigned_by=org_admin,
            nqsw=nqsw,
            assessor=supervisor,
            programme=programme,
            starts_on=TODAY,
        )
        EntryFactory(
            owner=nqsw,
            state="complete",
            asye_evidence="direct_observation",
            activity_date=TODAY,
        )
    # Years, their reviews, their reflections, everyone's marked evidence.
    with django_assert_num_queries(4):
        rows = cohort_report(admin=org_admin, today=TODAY)
    assert [row.evidence[0].kind for row in rows] == ["direct_observation"] * 6
    assert {row.evidence[0].done for row in rows} == {1}
