"""Reads about the career path: readiness for the target level, history, and
requests waiting for a supervisor or an organisation admin."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from portfolio.appraisal.models import Appraisal, rating_scale
from portfolio.asye.selectors import add_months, programme_get
from portfolio.career.models import LevelChange, LevelRequest
from portfolio.evidence.models import ASYEEvidence, EntryState
from portfolio.evidence.selectors import THIN_EVIDENCE, coverage_heatmap


@dataclass
class DomainReadiness:
    domain: object
    mapped: int
    confirmed: int
    #: The appraiser's rating in the latest signed appraisal, if any.
    rating: str = ""

    @property
    def ready(self) -> bool:
        return self.mapped >= THIN_EVIDENCE


@dataclass
class CareerReadiness:
    current_level: object
    target_level: object
    domains: list[DomainReadiness] = field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        """What is missing for the target level, in plain words."""
        lines = []
        level = self.target_level.name if self.target_level else ""
        for row in self.domains:
            if row.mapped == 0:
                lines.append(f"No evidence yet in {row.domain.name} at {level} level.")
            elif not row.ready:
                lines.append(
                    f"Only {row.mapped} piece of evidence in {row.domain.name} at "
                    f"{level} level; aim for at least {THIN_EVIDENCE}."
                )
        return lines


def career_readiness(*, user) -> CareerReadiness:
    """Compare the person's complete evidence at their target level, and the
    appraiser's ratings in their latest signed appraisal, domain by domain."""
    readiness = CareerReadiness(user.career_level, user.target_level)
    coverage = coverage_heatmap(user=user)
    if user.target_level is None or user.target_level not in coverage.levels:
        return readiness
    column = coverage.levels.index(user.target_level)
    ratings = _latest_appraisal_ratings(user)
    readiness.domains = [
        DomainReadiness(
            row.domain,
            row.cells[column].mapped,
            row.cells[column].confirmed,
            ratings.get(row.domain.pk, ""),
        )
        for row in coverage.rows
    ]
    return readiness


def _latest_appraisal_ratings(user) -> dict[int, str]:
    latest = (
        Appraisal.objects.filter(supervisee=user, locked_at__isnull=False)
        .select_related("organisation")
        .order_by("-locked_at")
        .first()
    )
    if latest is None:
        return {}
    scale = rating_scale(latest.organisation)
    return {
        assessment.domain_id: scale[assessment.appraiser_rating]
        for assessment in latest.assessments.exclude(appraiser_rating=None)
        if assessment.appraiser_rating < len(scale)
    }


def level_history(*, person) -> QuerySet[LevelChange]:
    return (
        policy_registry.get_by_type(LevelChange)
        .instances_user_has_any_permission_for(person, ["view"])
        .filter(person=person)
        .select_related("from_level", "to_level", "pathway")
    )


def _level_requests(user, action: str) -> QuerySet[LevelRequest]:
    return policy_registry.get_by_type(
        LevelRequest
    ).instances_user_has_any_permission_for(user, [action])


def level_requests_of(*, person) -> QuerySet[LevelRequest]:
    """The person's own requests, each saying whether they may withdraw it
    now (``can_withdraw``), so the page need not know the states."""
    withdrawable = _level_requests(person, "withdraw").values("pk")
    return (
        _level_requests(person, "view")
        .filter(person=person)
        .annotate(
            can_withdraw=ExpressionWrapper(
                Q(pk__in=withdrawable), output_field=BooleanField()
            )
        )
        .select_related("level", "pathway")
    )


def level_requests_to_recommend(*, supervisor) -> QuerySet[LevelRequest]:
    """Requests from the supervisor's current supervisees waiting for them."""
    return _level_requests(supervisor, "recommend").select_related(
        "person", "level", "pathway"
    )


def level_requests_to_decide(*, admin) -> QuerySet[LevelRequest]:
    """Recommended (or not) requests from people the admin manages."""
    return _level_requests(admin, "decide").select_related(
        "person", "level", "pathway", "recommended_by"
    )


@dataclass
class ASYEProgramme:
    reviews: list[tuple[str, object]]
    evidence: list[tuple[str, int, int]]  # label, done, expected

    @property
    def missing(self) -> list[str]:
        return [
            f"{expected - done} more: {label}."
            for label, done, expected in self.evidence
            if done < expected
        ]


def asye_programme(*, user) -> ASYEProgramme | None:
    """For a practitioner at the ASYE level: review dates and the evidence the
    ASYE framework expects, done and missing, from the ASYE programme's row
    (``portfolio.asye``). None for everyone else."""
    from django.db.models import Count

    if user.career_level is None or user.career_level.code != "asye":
        return None
    programme = programme_get(code="asye")
    if programme is None:
        return None
    start = user.started_practice_on
    final = programme.final_review_month
    reviews = [
        (
            _("Final review")
            if months == final
            else _("%(n)s-month review") % {"n": months},
            add_months(start, months) if start else None,
        )
        for months in sorted(programme.review_months)
    ]
    done = dict(
        user.entries.filter(state=EntryState.COMPLETE)
        .exclude(asye_evidence="")
        .values_list("asye_evidence")
        .annotate(n=Count("pk"))
    )
    evidence = [
        (str(ASYEEvidence(kind).label), done.get(kind, 0), expected)
        for kind, expected in programme.expected_evidence.items()
    ]
    return ASYEProgramme(reviews, evidence)
