"""Who must be reminded of what on a given day: the rules, as reads.

Each rule returns ``Reminder`` values with an idempotency key naming the
reminder once and for all, so running the plan again on the same day (or
catching up after a missed day) never reminds anyone twice. Only active people
are considered, and supervisors only for people in their own organisation.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from portfolio.appraisal.models import Appraisal, AppraisalStage, Objective
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.selectors import registration_readiness
from portfolio.notifications.models import DispatchKind
from portfolio.people.models import User
from portfolio.people.selectors import current_supervisions
from portfolio.supervision.selectors import review_queue, supervision_due_list

#: Days before 30 November on which practitioners not yet complete are reminded
#: (besides the day the renewal window opens).
RENEWAL_DAYS_BEFORE = (30, 7)
#: How far ahead of its date an appraisal step or objective is "due".
DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class Reminder:
    kind: str
    recipient: User
    key: str
    text: str
    body: str = ""
    link: str = ""


def _renewal_point(today: date) -> str | None:
    """The latest reminder point reached in this renewal window, or None
    outside it. Only the latest: someone added late is not sent the earlier
    ones too."""
    year = registration_year_containing(today)
    if not year.in_renewal_window(today):
        return None
    point = "window"
    for days in sorted(RENEWAL_DAYS_BEFORE, reverse=True):
        if today >= year.ends - timedelta(days=days):
            point = f"{days}d"
    return point


def renewal_reminders(*, today: date) -> list[Reminder]:
    """Practitioners whose registration year is not yet complete, told what is
    missing: when the renewal window opens and 30 and 7 days before it closes."""
    point = _renewal_point(today)
    if point is None:
        return []
    year = registration_year_containing(today)
    people = User.objects.filter(
        is_active=True, is_practitioner=True, organisation__isnull=False
    )
    reminders = []
    for person in people:
        readiness = registration_readiness(user=person, today=today)
        if readiness.is_met:
            continue
        days = readiness.days_left
        text = _(
            "Your CPD for this registration year is not complete: "
            "%(days)s days until 30 November."
        ) % {"days": days}
        body = "\n".join(
            [_("Social Work England still needs:")]
            + [f"- {line}" for line in readiness.still_needed]
        )
        reminders.append(
            Reminder(
                kind=DispatchKind.RENEWAL,
                recipient=person,
                key=f"renewal:{year.ends.year}:{point}:{person.pk}",
                text=text,
                body=body,
                link=reverse("portfolio:dashboard"),
            )
        )
    return reminders


def _active_supervisions(today: date) -> QuerySet:
    return current_supervisions(today=today).filter(
        supervisor__is_active=True,
        supervisee__is_active=True,
        organisation_id=F("supervisor__organisation_id"),
        supervisee__organisation_id=F("supervisor__organisation_id"),
    )


def supervision_reminders(*, today: date) -> list[Reminder]:
    """Supervisors whose supervision with someone is overdue under the
    frequency rules (weekly, fortnightly or monthly); once per due date."""
    rows = supervision_due_list(supervisions=_active_supervisions(today), today=today)
    return [
        Reminder(
            kind=DispatchKind.SUPERVISION_OVERDUE,
            recipient=row.supervision.supervisor,
            key=f"supervision:{row.supervision.pk}:{row.due_on:%Y-%m-%d}",
            text=_("Supervision with %(name)s was due on %(date)s.")
            % {"name": row.supervision.supervisee, "date": f"{row.due_on:%-d %B %Y}"},
            link=reverse("supervision:supervisee", args=[row.supervision.pk]),
        )
        for row in rows
        if row.overdue
    ]


#: Who acts at each open stage: the supervisee, the appraiser, or both.
_STAGE_ACTORS = {
    AppraisalStage.SELF_ASSESSMENT: ("supervisee",),
    AppraisalStage.FEEDBACK: ("supervisee",),
    AppraisalStage.APPRAISER_ASSESSMENT: ("appraiser",),
    AppraisalStage.MEETING: ("supervisee", "appraiser"),
    AppraisalStage.SIGNING: ("supervisee", "appraiser"),
}


def _has_signed(appraisal: Appraisal, role: str) -> bool:
    field = "supervisee_signed_at" if role == "supervisee" else "appraiser_signed_at"
    return getattr(appraisal, field) is not None


def appraisal_reminders(*, today: date) -> list[Reminder]:
    """Whoever must act on an unsigned appraisal whose period ends within two
    weeks (due) or has ended (overdue); once per stage and state."""
    appraisals = Appraisal.objects.filter(
        locked_at__isnull=True,
        period_end__lte=today + DUE_SOON,
        stage__in=list(_STAGE_ACTORS),
    ).select_related("supervisee", "appraiser")
    reminders = []
    for appraisal in appraisals:
        state = "overdue" if appraisal.period_end < today else "due"
        for role in _STAGE_ACTORS[appraisal.stage]:
            person = getattr(appraisal, role)
            if appraisal.stage == AppraisalStage.SIGNING and _has_signed(
                appraisal, role
            ):
                continue
            if person.organisation_id != appraisal.organisation_id:
                continue
            words = {
                "stage": appraisal.get_stage_display().lower(),
                "appraisal": appraisal,
                "date": f"{appraisal.period_end:%-d %B %Y}",
            }
            text = (
                _(
                    "Overdue: the %(stage)s step of %(appraisal)s "
                    "(period ended %(date)s)."
                )
                if state == "overdue"
                else _("Due: the %(stage)s step of %(appraisal)s by %(date)s.")
            ) % words
            reminders.append(
                Reminder(
                    kind=DispatchKind.APPRAISAL_DUE,
                    recipient=person,
                    key=f"appraisal:{appraisal.pk}:{appraisal.stage}:{state}:{person.pk}",
                    text=text,
                    link=reverse("appraisal:detail", args=[appraisal.pk]),
                )
            )
    return reminders


def objective_reminders(*, today: date) -> list[Reminder]:
    """Practitioners with an objective of their development plan due within two
    weeks; once per objective."""
    objectives = Objective.objects.filter(
        appraisal__locked_at__isnull=False,
        due_on__gte=today,
        due_on__lte=today + DUE_SOON,
        appraisal__supervisee__is_active=True,
    ).select_related("appraisal__supervisee")
    return [
        Reminder(
            kind=DispatchKind.OBJECTIVE_DUE,
            recipient=objective.appraisal.supervisee,
            key=f"objective:{objective.pk}:due",
            text=_("An objective in your development plan is due on %(date)s.")
            % {"date": f"{objective.due_on:%-d %B %Y}"},
            link=reverse("portfolio:dashboard"),
        )
        for objective in objectives
    ]


def supervisor_digest(*, today: date) -> list[Reminder]:
    """Each week, for every active supervisor with something waiting: entries
    to review, supervision overdue, appraisals waiting for them. Nothing is
    sent to a supervisor with nothing waiting."""
    iso = today.isocalendar()
    supervisions = _active_supervisions(today)
    overdue_by_supervisor: dict[int, int] = {}
    for row in supervision_due_list(supervisions=supervisions, today=today):
        if row.overdue:
            key = row.supervision.supervisor_id
            overdue_by_supervisor[key] = overdue_by_supervisor.get(key, 0) + 1
    supervisors = User.objects.filter(
        pk__in=supervisions.values("supervisor_id"), is_active=True
    )
    reminders = []
    for supervisor in supervisors:
        to_review = review_queue(reviewer=supervisor).count()
        overdue = overdue_by_supervisor.get(supervisor.pk, 0)
        appraisals = Appraisal.objects.filter(
            Q(stage=AppraisalStage.APPRAISER_ASSESSMENT)
            | Q(stage=AppraisalStage.SIGNING, appraiser_signed_at__isnull=True),
            appraiser=supervisor,
            locked_at__isnull=True,
            supervisee__is_active=True,
        ).count()
        if not (to_review or overdue or appraisals):
            continue
        body = "\n".join(
            [
                _("Entries waiting for your review: %(n)s") % {"n": to_review},
                _("Supervision overdue: %(n)s") % {"n": overdue},
                _("Appraisals waiting for you: %(n)s") % {"n": appraisals},
            ]
        )
        reminders.append(
            Reminder(
                kind=DispatchKind.SUPERVISOR_DIGEST,
                recipient=supervisor,
                key=f"digest:{iso.year}-W{iso.week:02d}:{supervisor.pk}",
                text=_("Your week: %(n)s things wait for you.")
                % {"n": to_review + overdue + appraisals},
                body=body,
                link=reverse("supervision:home"),
            )
        )
    return reminders
