"""Writes about assessed years: assigning the assessor, the support plan,
reviews, the reflection log, the recommendation and the panel's decision.
Each checks the year's policy and raises PermissionDenied or ValidationError
(with the message constants below)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.asye.models import (
    AssessedYear,
    PanelDecision,
    PanelMember,
    Programme,
    Recommendation,
    ReflectionLogEntry,
    SupportPlan,
    YearReview,
    YearState,
)
from portfolio.asye.policies import asye_year_policy, panel_member_policy
from portfolio.asye.selectors import (
    add_months,
    panel_reference,
    review_months_open,
    year_progress,
)
from portfolio.notifications.services import notification_create
from portfolio.people.models import SupervisionType
from portfolio.people.selectors import people_policy
from portfolio.supervision.services import supervision_start

ALREADY_IN_A_YEAR = "This social worker already has a year in progress."
PROGRAMME_NOT_OPEN = "This programme takes its first social workers on {date}."
NOT_A_REVIEW_MONTH = "Choose one of the programme's reviews."
OPTIONAL_NEEDS_CONCERN = (
    "An optional review is held only after a review has raised a concern."
)
REVIEW_ALREADY_RECORDED = "This review has already been recorded."
FINAL_REVIEW_FIRST = "Record the final review before making a recommendation."
REASON_NEEDED = "Give the reason for this recommendation."
NEW_DATE_NEEDED = "Give the new end date, after the current one."
MANAGER_NOT_IN_ORGANISATION = "The manager must belong to your organisation."
ALREADY_ON_PANEL = "This person is already on the panel."


#: Evidence the ASYE expects over the year (DOMAIN.md).
ASYE_EXPECTED = {
    "direct_observation": 3,
    "feedback_people": 3,
    "feedback_professionals": 3,
    "assessed_report": 3,
    "reflection_6_months": 1,
    "reflection_12_months": 1,
}

#: The programmes the portal ships. The Early Career Development Programme
#: (child and family services, from September 2027) copies the ASYE's shape
#: until it is published, and says so (``confirmed=False``); admins edit the
#: rows, which are never overwritten once they exist.
SHIPPED_PROGRAMMES = (
    {
        "code": "asye",
        "name": "Assessed and Supported Year in Employment",
        "length_months": 12,
        "review_months": [3, 6, 12],
        "optional_review_months": [9],
        "expected_evidence": ASYE_EXPECTED,
        "judged_against": ["pcf@2018", "kss-cf-practitioner@2018"],
        "level_code": "asye",
        "starts_from": None,
        "confirmed": True,
        "note": "Judged holistically against the PCF at ASYE level and the "
        "relevant knowledge and skills statement.",
    },
    {
        "code": "ecdp",
        "name": "Early Career Development Programme",
        "length_months": 12,
        "review_months": [3, 6, 12],
        "optional_review_months": [9],
        "expected_evidence": ASYE_EXPECTED,
        "judged_against": ["pcf@2018"],
        "level_code": "asye",
        "starts_from": date(2027, 9, 1),
        "confirmed": False,
        "note": "Not yet confirmed: the length, reviews, evidence and the "
        "child and family social worker early career standards it is judged "
        "against follow the ASYE until the programme is published.",
    },
)


def programmes_ensure() -> None:
    """Create any shipped programme that is missing (after migrations and
    after a test database is flushed); existing rows are left as edited."""
    for row in SHIPPED_PROGRAMMES:
        values = dict(row)
        Programme.objects.get_or_create(code=values.pop("code"), defaults=values)


def _check(user, action: str, year: AssessedYear) -> None:
    if not asye_year_policy().user_has_permission_for_instance(user, action, year):
        raise PermissionDenied


@transaction.atomic
def asye_year_assign(
    *,
    assigned_by,
    nqsw,
    assessor,
    programme: Programme,
    starts_on: date,
    manager=None,
) -> AssessedYear:
    """An organisation admin starts an NQSW's year with their assessor. The
    assessor gets a supervisor's access to the evidence the NQSW shares
    through an "ASYE assessor" supervision relationship."""
    if not people_policy().user_has_permission_for_instance(
        assigned_by, "change", nqsw
    ):
        raise PermissionDenied
    if programme.starts_from and starts_on < programme.starts_from:
        raise ValidationError(
            {"programme": _(PROGRAMME_NOT_OPEN).format(date=programme.starts_from)}
        )
    if manager is not None and manager.organisation_id != nqsw.organisation_id:
        raise ValidationError({"manager": _(MANAGER_NOT_IN_ORGANISATION)})
    if AssessedYear.objects.filter(
        nqsw=nqsw, state__in=[YearState.IN_PROGRESS, YearState.AT_PANEL]
    ).exists():
        raise ValidationError({"nqsw": _(ALREADY_IN_A_YEAR)})
    supervision = supervision_start(
        created_by=assigned_by,
        supervisor=assessor,
        supervisee=nqsw,
        kind=SupervisionType.PRACTICE_EDUCATOR,
        starts_on=starts_on,
    )
    year = AssessedYear.objects.create(
        organisation_id=nqsw.organisation_id,
        programme=programme,
        nqsw=nqsw,
        assessor=assessor,
        manager=manager,
        supervision=supervision,
        starts_on=starts_on,
        ends_on=add_months(starts_on, programme.length_months),
        created_by=assigned_by,
    )
    link = reverse("asye:mine")
    notification_create(
        recipient=nqsw,
        text=_("Your %(programme)s has started: %(assessor)s is your assessor.")
        % {"programme": programme.name, "assessor": assessor},
        link=link,
    )
    notification_create(
        recipient=assessor,
        text=_("You are %(nqsw)s's assessor for the %(programme)s.")
        % {"nqsw": nqsw, "programme": programme.name},
        link=reverse("asye:year", kwargs={"pk": year.pk}),
    )
    return year


def support_plan_record(
    *,
    year: AssessedYear,
    recorded_by,
    workload_protection: str,
    supervision_rhythm: str,
    learning_needs: str,
    agreed_on: date,
) -> SupportPlan:
    """The assessor records (or updates) the support plan agreed with the NQSW."""
    _check(recorded_by, "assess", year)
    plan, _created = SupportPlan.objects.update_or_create(
        year=year,
        defaults={
            "workload_protection": workload_protection,
            "supervision_rhythm": supervision_rhythm,
            "learning_needs": learning_needs,
            "agreed_on": agreed_on,
            "recorded_by": recorded_by,
        },
    )
    return plan


def year_review_record(
    *,
    year: AssessedYear,
    recorded_by,
    month: int,
    held_on: date,
    nqsw_view: str,
    manager_view: str,
    judgement: str,
    progress: str,
) -> YearReview:
    """The assessor records one of the programme's reviews, with the NQSW's
    and the manager's views and a holistic judgement."""
    _check(recorded_by, "assess", year)
    programme = year.programme
    if month not in set(programme.review_months) | set(
        programme.optional_review_months
    ):
        raise ValidationError({"month": _(NOT_A_REVIEW_MONTH)})
    if year.reviews.filter(month=month).exists():
        raise ValidationError({"month": _(REVIEW_ALREADY_RECORDED)})
    if month not in review_months_open(year=year):
        raise ValidationError({"month": _(OPTIONAL_NEEDS_CONCERN)})
    review = YearReview.objects.create(
        year=year,
        month=month,
        held_on=held_on,
        nqsw_view=nqsw_view,
        manager_view=manager_view,
        judgement=judgement,
        progress=progress,
        recorded_by=recorded_by,
    )
    notification_create(
        recipient=year.nqsw,
        text=_("Your assessor has recorded your %(month)s-month review.")
        % {"month": month},
        link=reverse("asye:mine"),
    )
    return review


def reflection_log_add(
    *, year: AssessedYear, author, written_on: date, text: str
) -> ReflectionLogEntry:
    """The NQSW adds to their critical reflection log."""
    _check(author, "reflect", year)
    return ReflectionLogEntry.objects.create(
        year=year, written_on=written_on, text=text
    )


@transaction.atomic
def recommendation_make(
    *,
    year: AssessedYear,
    made_by,
    recommendation: str,
    reason: str = "",
    extend_to: date | None = None,
) -> AssessedYear:
    """The assessor's final recommendation, after the final review; it goes
    to the organisation's moderation panel. A fail or an extension needs a
    reason; an extension a new end date after the current one."""
    year = AssessedYear.objects.select_for_update().get(pk=year.pk)
    _check(made_by, "assess", year)
    if not year_progress(year=year, today=timezone.localdate()).final_review_held:
        raise ValidationError({"recommendation": _(FINAL_REVIEW_FIRST)})
    if recommendation != Recommendation.PASS and not reason.strip():
        raise ValidationError({"reason": _(REASON_NEEDED)})
    if recommendation == Recommendation.EXTENSION:
        if extend_to is None or extend_to <= year.ends_on:
            raise ValidationError({"extend_to": _(NEW_DATE_NEEDED)})
    else:
        extend_to = None
    year.recommendation = recommendation
    year.recommendation_reason = reason
    year.extend_to = extend_to
    year.recommended_at = timezone.now()
    year.state = YearState.AT_PANEL
    year.save()
    for member in PanelMember.objects.filter(
        organisation_id=year.organisation_id
    ).select_related("member"):
        notification_create(
            recipient=member.member,
            text=_("%(reference)s is ready for the moderation panel.")
            % {"reference": panel_reference(year)},
            link=reverse("asye:panel_portfolio", kwargs={"pk": year.pk}),
        )
    return year


@transaction.atomic
def panel_decision_record(
    *, year: AssessedYear, member, decision: str, note: str = ""
) -> PanelDecision:
    """A panel member records the panel's decision: the outcome of the year.
    An extension agreed moves the end date and the year goes on."""
    year = AssessedYear.objects.select_for_update().get(pk=year.pk)
    _check(member, "moderate", year)
    if decision != year.recommendation and not note.strip():
        raise ValidationError({"note": _(REASON_NEEDED)})
    record = PanelDecision.objects.create(
        year=year, member=member, decision=decision, note=note
    )
    year.outcome = decision
    year.outcome_note = note
    year.decided_at = timezone.now()
    if decision == Recommendation.EXTENSION:
        year.ends_on = year.extend_to or year.ends_on
        year.state = YearState.IN_PROGRESS
    else:
        year.state = YearState.DECIDED
    year.save()
    outcome = Recommendation(decision).label
    for person in {year.nqsw, year.assessor}:
        notification_create(
            recipient=person,
            text=_(
                "The moderation panel has decided on the %(programme)s: %(outcome)s."
            )
            % {"programme": year.programme.name, "outcome": outcome},
            link=reverse("asye:mine")
            if person == year.nqsw
            else reverse("asye:year", kwargs={"pk": year.pk}),
        )
    return record


def panel_member_add(*, added_by, member) -> PanelMember:
    """An organisation admin puts someone of their organisation on the panel."""
    if not people_policy().user_has_permission_for_instance(
        added_by, "change", member
    ) or not panel_member_policy().user_has_permission(added_by, "add"):
        raise PermissionDenied
    if PanelMember.objects.filter(
        organisation_id=member.organisation_id, member=member
    ).exists():
        raise ValidationError({"member": _(ALREADY_ON_PANEL)})
    return PanelMember.objects.create(
        organisation_id=member.organisation_id, member=member, added_by=added_by
    )
