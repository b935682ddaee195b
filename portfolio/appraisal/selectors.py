from django.db.models import (
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from wagtail.permissions import policy_registry

from portfolio.appraisal.models import Appraisal, DomainAssessment, Objective
from portfolio.people.selectors import current_supervisions_of


def appraisal_list_for(*, user) -> QuerySet[Appraisal]:
    """Appraisals the person is part of (see AppraisalPermissionPolicy)."""
    return (
        policy_registry.get_by_type(Appraisal)
        .instances_user_has_any_permission_for(user, ["view"])
        .select_related("supervisee", "appraiser")
    )


def appraisal_get(*, fetched_by, pk: int) -> Appraisal | None:
    """An appraisal ``fetched_by`` may see, with what its page shows, or None.

    It carries ``appraiser_supervising_since``: when ``fetched_by`` is the
    appraiser and currently supervises the supervisee, the earliest start of
    those relationships (what the appraiser sees of the supervisee's
    evidence turns on it, see ``supervisee_coverage``); otherwise None. A
    date proves the appraiser may work on it now, so the page need not ask
    again (``AppraisalPermissionPolicy.side_of``)."""
    appraisals = appraisal_list_for(user=fetched_by).filter(pk=pk)
    if getattr(fetched_by, "is_supervisor", False):
        # Only a supervisor appraises; for anyone else the subquery would be
        # compiled for nothing (the page falls back to asking, see side_of).
        appraisals = appraisals.annotate(
            appraiser_supervising_since=Subquery(
                current_supervisions_of(fetched_by)
                .filter(
                    supervisee_id=OuterRef("supervisee_id"),
                    supervisor_id=OuterRef("appraiser_id"),
                )
                .order_by("starts_on")
                .values("starts_on")[:1]
            )
        )
    appraisal = (
        appraisals
        # The organisation (its rating scale) and each assessment's domain in
        # the same queries as their rows, not one more each.
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=DomainAssessment.objects.select_related("domain"),
            ),
            "assessments__evidence",
            "feedback",
            "objectives__domains",
        )
        .first()
    )
    if appraisal is not None and appraisal.locked_at is not None:
        # Addenda are added to a signed appraisal only: before that there is
        # nothing to ask for.
        prefetch_related_objects([appraisal], "addenda__author")
    return appraisal


def development_plan(*, user) -> QuerySet[Objective]:
    """Objectives from the person's latest signed appraisals: their plan."""
    return (
        Objective.objects.filter(
            appraisal__supervisee=user, appraisal__locked_at__isnull=False
        )
        .prefetch_related("domains", "evidence")
        .order_by("due_on")
    )


def objectives_to_review(*, appraisal: Appraisal) -> QuerySet[Objective]:
    """At a mid-year review: the objectives of the supervisee's latest signed
    annual appraisal before this one, with the evidence linked to them."""
    previous = (
        Appraisal.objects.filter(
            supervisee_id=appraisal.supervisee_id,
            kind="annual",
            locked_at__isnull=False,
            created_at__lt=appraisal.created_at,
        )
        .order_by("-locked_at")
        .first()
    )
    if previous is None:
        return Objective.objects.none()
    return previous.objectives.prefetch_related("evidence")


def next_objective(*, plan) -> Objective | None:
    """The development plan's next objective: the soonest due (overdue ones
    first) that has no evidence linked yet, else the soonest due."""
    objectives = sorted(plan, key=lambda objective: objective.due_on)
    open_ones = [objective for objective in objectives if not objective.evidence.all()]
    return (open_ones or objectives or [None])[0]
