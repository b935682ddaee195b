"""Reads about assessed years that carry rules: the review schedule, the
evidence the programme expects, the cohort report and the panel's anonymised
view of a portfolio."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q, QuerySet

from capabilities.models import Framework
from portfolio.asye.models import (
    AssessedYear,
    PanelMember,
    Programme,
    Progress,
    YearReview,
    YearState,
)
from portfolio.asye.policies import asye_year_policy, panel_member_policy
from portfolio.evidence.models import ASYEEvidence, Entry, EntryState
from portfolio.evidence.policies import entry_policy


def add_months(day: date, months: int) -> date:
    """``day`` moved on by whole months (the 29th–31st fall back to the 28th,
    so a review is never pushed into the following month)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def programme_get(*, code: str) -> Programme | None:
    return Programme.objects.filter(code=code).first()


def programme_frameworks(*, programme: Programme) -> list[Framework]:
    """The frameworks the programme is judged against ("family@version"
    references; one that is not loaded is left out)."""
    found = []
    for reference in programme.judged_against:
        family, _at, version = reference.partition("@")
        framework = Framework.objects.filter(family=family, version=version).first()
        if framework is not None:
            found.append(framework)
    return found


def review_months_open(*, year: AssessedYear) -> list[int]:
    """The reviews the assessor may record now: the programme's reviews not
    yet held, and an optional one (the ASYE's 9 months) only once a review
    has raised a concern."""
    programme = year.programme
    held = {review.month: review for review in year.reviews.all()}
    concern = any(review.progress != Progress.ON_TRACK for review in held.values())
    months = set(programme.review_months)
    if concern:
        months |= set(programme.optional_review_months)
    return sorted(months - set(held))


def programme_list(*, on: date) -> QuerySet[Programme]:
    """Programmes that may take a year starting ``on`` (first intake passed)."""
    return Programme.objects.exclude(starts_from__gt=on)


def asye_year_list(*, fetched_by, action: str = "view") -> QuerySet[AssessedYear]:
    return (
        asye_year_policy()
        .instances_user_has_any_permission_for(fetched_by, [action])
        .select_related("programme", "nqsw", "assessor", "manager")
    )


def asye_year_get(*, fetched_by, pk: int, action: str = "view"):
    """One year ``fetched_by`` may ``action``, or None (answered with a 404)."""
    return asye_year_list(fetched_by=fetched_by, action=action).filter(pk=pk).first()


def asye_year_of(*, nqsw) -> AssessedYear | None:
    """The NQSW's latest year, if they have one."""
    return asye_year_list(fetched_by=nqsw).filter(nqsw=nqsw).order_by("-pk").first()


def asye_actions(*, user, year: AssessedYear) -> dict[str, bool]:
    """What ``user`` may do on ``year`` now, for the page to show."""
    policy = asye_year_policy()
    return {
        f"can_{action}": policy.user_has_permission_for_instance(user, action, year)
        for action in ("assess", "reflect", "manage", "moderate")
    }


@dataclass(frozen=True)
class ReviewDue:
    month: int
    due_on: date
    optional: bool
    final: bool
    review: YearReview | None
    overdue: bool


@dataclass(frozen=True)
class EvidenceProgress:
    kind: str
    label: str
    done: int
    expected: int


@dataclass(frozen=True)
class YearProgress:
    year: AssessedYear
    reviews: list[ReviewDue]
    evidence: list[EvidenceProgress]
    reflections: int

    @property
    def overdue_reviews(self) -> list[ReviewDue]:
        return [row for row in self.reviews if row.overdue]

    @property
    def next_review(self) -> ReviewDue | None:
        return next((row for row in self.reviews if row.review is None), None)

    @property
    def final_review_held(self) -> bool:
        return any(row.final and row.review for row in self.reviews)


def _evidence_marked(*, nqsw_ids) -> list[tuple[int, str, date]]:
    """(owner, kind, date) of the complete entries these people marked as
    programme evidence: a handful each, so one query serves a whole cohort."""
    return list(
        Entry.objects.filter(
            owner_id__in=nqsw_ids,
            state=EntryState.COMPLETE,
            activity_date__isnull=False,
        )
        .exclude(asye_evidence="")
        .values_list("owner_id", "asye_evidence", "activity_date")
    )


def year_progress(
    *, year: AssessedYear, today: date, evidence_marked=None
) -> YearProgress:
    """The review schedule from the programme's months (optional ones only
    when held), and the expected evidence counted from the NQSW's complete
    entries dated inside the year."""
    programme = year.programme
    held = {review.month: review for review in year.reviews.all()}
    months = sorted(
        set(programme.review_months)
        | (set(programme.optional_review_months) & set(held))
    )
    final = programme.final_review_month
    reviews = []
    for month in months:
        due = add_months(year.starts_on, month)
        review = held.get(month)
        reviews.append(
            ReviewDue(
                month=month,
                due_on=due,
                optional=month in programme.optional_review_months,
                final=month == final,
                review=review,
                overdue=review is None
                and due < today
                and year.state == YearState.IN_PROGRESS,
            )
        )
    marked = (
        evidence_marked
        if evidence_marked is not None
        else _evidence_marked(nqsw_ids=[year.nqsw_id])
    )
    counts: dict[str, int] = {}
    for owner_id, kind, day in marked:
        if owner_id == year.nqsw_id and year.starts_on <= day <= year.ends_on:
            counts[kind] = counts.get(kind, 0) + 1
    labels = dict(ASYEEvidence.choices)
    evidence = [
        EvidenceProgress(kind, str(labels.get(kind, kind)), counts.get(kind, 0), n)
        # In the order the evidence kinds are defined (JSON keeps none).
        for kind, n in sorted(
            programme.expected_evidence.items(),
            key=lambda item: list(labels).index(item[0]) if item[0] in labels else 99,
        )
    ]
    return YearProgress(year, reviews, evidence, year.reflections.count())


def expected_evidence_entries(*, year: AssessedYear, viewer) -> QuerySet[Entry]:
    """The NQSW's entries marked as programme evidence that ``viewer`` may
    see: all of them for the NQSW, what is shared for the assessor."""
    return (
        entry_policy()
        .instances_user_has_any_permission_for(viewer, ["view"])
        .filter(owner_id=year.nqsw_id, state=EntryState.COMPLETE)
        .exclude(asye_evidence="")
        .order_by("activity_date", "pk")
    )


def cohort_report(*, admin, today: date) -> list[YearProgress]:
    """Every year the admin manages, with progress and overdue reviews;
    the years with the most overdue reviews first."""
    years = list(
        asye_year_list(fetched_by=admin, action="manage").prefetch_related(
            "reviews", "reflections"
        )
    )
    marked = _evidence_marked(nqsw_ids=[year.nqsw_id for year in years])
    rows = [
        year_progress(year=year, today=today, evidence_marked=marked) for year in years
    ]
    return sorted(rows, key=lambda row: (-len(row.overdue_reviews), row.year.pk))


def panel_members_of(*, admin) -> QuerySet[PanelMember]:
    """The panel members of the organisation ``admin`` manages."""
    return (
        panel_member_policy()
        .instances_user_has_any_permission_for(admin, ["delete"])
        .select_related("member")
    )


def panel_queue(*, member) -> QuerySet[AssessedYear]:
    """Years waiting for the panel that ``member`` may decide on."""
    return asye_year_list(fetched_by=member, action="moderate").order_by(
        "recommended_at", "pk"
    )


def asye_home(*, user) -> dict:
    """What the ASYE hub offers ``user``: their own year, the years they
    assess or manage, the panel's queue if they sit on it, and the cohort if
    they administer the organisation."""
    years = asye_year_list(fetched_by=user)
    on_panel = bool(user.organisation_id) and (
        PanelMember.objects.filter(
            member=user, organisation_id=user.organisation_id
        ).exists()
    )
    return {
        "own": years.filter(nqsw=user).order_by("-pk").first(),
        "assessing": years.exclude(nqsw=user).filter(
            Q(assessor=user) | Q(manager=user)
        ),
        "on_panel": on_panel,
        "manages": asye_year_policy().user_has_permission(user, "manage"),
    }


def asye_offered_condition(*, user) -> Q | bool:
    """Whether the navigation offers ``user`` the ASYE hub, as a condition on
    the user table (for the header's one query) or, when no query is needed,
    a plain answer: to anyone with a year to see, a panel seat or the
    organisation's cohort to run."""
    if asye_year_policy().user_has_permission(user, "manage"):
        return True
    offered = Q(Exists(asye_year_list(fetched_by=user).values("pk")))
    if user.organisation_id:
        offered |= Q(
            Exists(
                PanelMember.objects.filter(
                    member=user, organisation_id=user.organisation_id
                ).values("pk")
            )
        )
    return offered


def asye_offered_to(*, user) -> bool:
    """Whether the navigation offers the ASYE hub (see asye_offered_condition;
    one query at most)."""
    offered = asye_offered_condition(user=user)
    if isinstance(offered, bool):
        return offered
    return get_user_model().objects.filter(offered, pk=user.pk).exists()


def panel_reference(year: AssessedYear) -> str:
    """How the panel refers to a portfolio: never by the person's name."""
    return f"Portfolio {year.pk:04d}"


@dataclass(frozen=True)
class AnonymisedPortfolio:
    reference: str
    programme: Programme
    starts_on: date
    ends_on: date
    reviews: list[YearReview]
    reflections: list
    evidence: list[dict]
    progress: YearProgress


def panel_portfolio(*, year: AssessedYear, today: date) -> AnonymisedPortfolio:
    """What the panel sees: the reviews' judgements, the reflection log and
    the expected evidence's titles and reflections, with no one's name (the
    assessor's and manager's views are kept, their names are not)."""
    entries = Entry.objects.filter(
        owner_id=year.nqsw_id, state=EntryState.COMPLETE
    ).exclude(asye_evidence="")
    labels = dict(ASYEEvidence.choices)
    evidence = [
        {
            "kind": str(labels.get(entry.asye_evidence, entry.asye_evidence)),
            "title": entry.title,
            "activity_date": entry.activity_date,
            "learning": entry.learning,
            "impact": entry.impact,
        }
        for entry in entries.order_by("activity_date", "pk")
    ]
    return AnonymisedPortfolio(
        reference=panel_reference(year),
        programme=year.programme,
        starts_on=year.starts_on,
        ends_on=year.ends_on,
        reviews=list(year.reviews.all()),
        reflections=list(year.reflections.all()),
        evidence=evidence,
        progress=year_progress(year=year, today=today),
    )
