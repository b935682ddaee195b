"""The demo practitioner's history around their entries (fictional
throughout): supervision on the LGA rhythm since they started practice, last
year's entries reviewed and some confirmed, a signed appraisal with its
objectives, and notifications. Dates are relative to today; each function
replaces what it made before, so loading the demo again gives the same."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capabilities.selectors import item_by_reference
from portfolio.appraisal.models import AppraisalKind, AppraisalStage
from portfolio.appraisal.services import appraisal_start
from portfolio.evidence.models import EntryState
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.notifications.models import Notification
from portfolio.notifications.services import notification_create
from portfolio.supervision.models import ReviewDecision, Supervision
from portfolio.supervision.selectors import (
    supervision_due_for_supervisee,
    supervision_interval,
)

#: Topics of the demo supervision sessions, in turn.
SESSION_TOPICS = [
    (
        "Caseload and a stuck child in need plan.",
        "Sam to ask the child directly at the next visit.",
    ),
    ("Preparing for a first court statement.", "Sam to book the court skills course."),
    (
        "Wellbeing after a difficult home visit.",
        "Sam to take the afternoon's time back.",
    ),
    ("Training needs and the appraisal.", "Priya to check the practice forum dates."),
]
#: How many of last year's complete entries the supervisor confirmed.
CONFIRMED = 4

#: (objective, PCF domain reference, days from today it is due, suggested learning)
OBJECTIVES = [
    (
        "Lead a case discussion on cumulative harm in the team meeting.",
        "pcf@2018:9",
        45,
        "The practice forum's session on leading group supervision.",
    ),
    (
        "Use a running chronology in every neglect case and review it at each "
        "core group.",
        "pcf@2018:6",
        120,
        "",
    ),
    (
        "Complete the Mental Capacity Act refresher and apply it with two families.",
        "pcf@2018:4",
        240,
        "The council's Mental Capacity Act e-learning.",
    ),
]


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def demo_supervision_create(*, supervisee, supervisor, today) -> Supervision:
    """Supervision since the supervisee started practice, with a session at
    every interval the LGA standard asks for (weekly, then fortnightly, then
    monthly), the last one within the current interval."""
    Supervision.objects.filter(supervisee=supervisee).delete()
    supervision = Supervision.objects.create(
        organisation=supervisee.organisation,
        supervisor=supervisor,
        supervisee=supervisee,
        kind="line_manager",
        starts_on=supervisee.started_practice_on,
    )
    held_on, number = supervision.starts_on, 0
    while True:
        held_on += supervision_interval(supervisee=supervisee, on=held_on)
        if held_on > today:
            break
        topics, actions = SESSION_TOPICS[number % len(SESSION_TOPICS)]
        supervision.sessions.create(
            held_on=held_on,
            minutes=60 if number < 6 else 90,
            kind="individual",
            topics=topics,
            agreed_actions=actions,
            created_by=supervisor,
        )
        number += 1
    return supervision


def demo_reviews_create(*, supervisee, supervisor, today) -> None:
    """Last year's complete entries shared with the supervisor, the first few
    confirmed soon after; this year's latest complete entry waits for review."""
    this_year = registration_year_containing(today)
    complete = list(
        supervisee.entries.filter(state=EntryState.COMPLETE).order_by("activity_date")
    )
    last_year = [entry for entry in complete if entry.activity_date < this_year.starts]
    for number, entry in enumerate(last_year):
        entry.shared_with_supervisors = True
        if number < CONFIRMED:
            confirmed_at = _at(entry.activity_date + datetime.timedelta(days=10))
            entry.mappings.update(confirmed_by=supervisor, confirmed_at=confirmed_at)
            entry.review_state = "confirmed"
            entry.review_requested_at = _at(entry.activity_date, 17)
            decision = ReviewDecision.objects.create(
                entry=entry, reviewer=supervisor, kind="confirmed"
            )
            ReviewDecision.objects.filter(pk=decision.pk).update(
                created_at=confirmed_at
            )
        entry.save(
            update_fields=[
                "shared_with_supervisors",
                "review_state",
                "review_requested_at",
            ]
        )
    this_years = [entry for entry in complete if entry not in last_year]
    if this_years:
        latest = this_years[-1]
        latest.shared_with_supervisors = True
        latest.review_state = "waiting"
        latest.review_requested_at = timezone.now()
        latest.save(
            update_fields=[
                "shared_with_supervisors",
                "review_state",
                "review_requested_at",
            ]
        )


def demo_appraisal_create(*, supervisee, supervisor, today):
    """Last registration year's annual appraisal, signed by both and locked,
    with ratings and the objectives that make the development plan."""
    supervisee.appraisals.all().delete()
    this_year = registration_year_containing(today)
    year = registration_year_containing(this_year.starts - datetime.timedelta(1))
    appraisal = appraisal_start(
        appraiser=supervisor,
        supervisee=supervisee,
        kind=AppraisalKind.ANNUAL,
        period_start=year.starts,
        period_end=year.ends,
    )
    for number, assessment in enumerate(appraisal.assessments.all()):
        assessment.self_rating = 1 + number % 2
        assessment.appraiser_rating = 2 if number % 3 else 1
        assessment.save(update_fields=["self_rating", "appraiser_rating"])
    signed = _at(year.ends - datetime.timedelta(days=14), 15)
    appraisal.strengths = "Relationship-based work with families; clear recording."
    appraisal.development_needs = "Analysis in assessments; leading group discussion."
    appraisal.career_conversation = (
        "Working towards Experienced Social Worker over the next two years."
    )
    appraisal.stage = AppraisalStage.SIGNED
    appraisal.supervisee_signed_at = appraisal.appraiser_signed_at = signed
    appraisal.locked_at = signed
    appraisal.save()
    chronology = supervisee.entries.filter(title__startswith="Team case discussion")
    for text, reference, due_in, learning in OBJECTIVES:
        objective = appraisal.objectives.create(
            text=text,
            due_on=today + datetime.timedelta(days=due_in),
            suggested_learning=learning,
        )
        domain = item_by_reference(reference)
        if domain is not None:
            objective.domains.set([domain])
        if reference == "pcf@2018:6":
            objective.evidence.set(chronology)
    return appraisal


def demo_notifications_create(*, supervisee, supervisor, appraisal, today) -> None:
    """What each of them has been told: read ones from last year, unread
    ones about this year's review and supervision."""
    Notification.objects.filter(recipient__in=[supervisee, supervisor]).delete()
    confirmed = supervisee.entries.filter(review_state="confirmed").first()
    waiting = supervisee.entries.filter(review_state="waiting").first()
    due = supervision_due_for_supervisee(supervisee=supervisee, today=today)
    told = []
    if confirmed is not None:
        told.append(
            (
                supervisee,
                f"{supervisor}: confirmed the capabilities on “{confirmed.title}”.",
                reverse("portfolio:entry_detail", args=[confirmed.pk]),
                True,
            )
        )
    told.append(
        (
            supervisee,
            f"Your {str(appraisal).lower()} is signed by you both; "
            "its objectives are your development plan.",
            reverse("appraisal:detail", args=[appraisal.pk]),
            True,
        )
    )
    if due:
        told.append(
            (
                supervisee,
                f"Your next supervision with {supervisor} is due by "
                f"{due[0].due_on:%-d %B %Y}.",
                reverse("supervision:mine"),
                False,
            )
        )
    if waiting is not None:
        told.append(
            (
                supervisor,
                f"{supervisee} sent “{waiting.title}” for review.",
                reverse("supervision:entry_review", args=[waiting.pk]),
                False,
            )
        )
    for recipient, text, link, read in told:
        notification = notification_create(recipient=recipient, text=text, link=link)
        if read:
            Notification.objects.filter(pk=notification.pk).update(
                read_at=timezone.now()
            )
