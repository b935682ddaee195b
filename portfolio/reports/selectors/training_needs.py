"""Training needs from the portfolio side: the PCF domains that appear most in
development-plan objectives, and where people's evidence is thin.

Objectives belong to signed appraisals (the agreed development plan) whose
period overlaps the registration year; an objective's items count towards
domains as evidence does. A coverage gap is a person with fewer than
``THIN_EVIDENCE`` complete entries counting towards the domain in the year,
the same threshold as their own heatmap.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from capabilities.models import Item
from portfolio.appraisal.models import Objective
from portfolio.evidence.models import EntryMapping, EntryState
from portfolio.evidence.selectors import THIN_EVIDENCE
from portfolio.reports.scope import ReportRequest


@dataclass(frozen=True)
class DomainNeed:
    domain: Item
    objectives: int
    people_with_objective: int
    people_with_gap: int


def domain_needs(
    *, request: ReportRequest, domains: list[Item], towards: dict[int, set[int]]
) -> list[DomainNeed]:
    """Per domain, most needed first: most people with an objective in it,
    then most people with a gap. Three queries."""
    year = request.year
    population = request.population()
    people = population.count()
    domains_of_item: dict[int, set[int]] = {}
    for domain_id, item_ids in towards.items():
        for item_id in item_ids:
            domains_of_item.setdefault(item_id, set()).add(domain_id)

    objectives: dict[int, set[int]] = {d.pk: set() for d in domains}
    holders: dict[int, set[int]] = {d.pk: set() for d in domains}
    links = (
        Objective.domains.through.objects.filter(
            objective__appraisal__supervisee__in=population,
            objective__appraisal__locked_at__isnull=False,
            objective__appraisal__period_start__lte=year.ends,
            objective__appraisal__period_end__gte=year.starts,
        )
        .order_by()
        .values_list("objective_id", "item_id", "objective__appraisal__supervisee_id")
    )
    for objective_id, item_id, person_id in links:
        for domain_id in domains_of_item.get(item_id, ()):
            objectives[domain_id].add(objective_id)
            holders[domain_id].add(person_id)

    aggregates = {
        f"d{d.pk}": Count(
            "entry_id", filter=Q(item_id__in=towards[d.pk]), distinct=True
        )
        for d in domains
    }
    with_enough = {d.pk: 0 for d in domains}
    if domains:
        per_person = (
            EntryMapping.objects.filter(
                # Mappings to items that count towards no domain are skipped early.
                item_id__in=set().union(*towards.values()),
                entry__owner__in=population,
                entry__state=EntryState.COMPLETE,
                entry__activity_date__range=(year.starts, year.ends),
            )
            .order_by()
            .values("entry__owner_id")
            .annotate(**aggregates)
        )
        for row in per_person:
            for d in domains:
                if row[f"d{d.pk}"] >= THIN_EVIDENCE:
                    with_enough[d.pk] += 1
    needs = [
        DomainNeed(
            d, len(objectives[d.pk]), len(holders[d.pk]), people - with_enough[d.pk]
        )
        for d in domains
    ]
    # Agreed objectives lead: they are needs people and supervisors named.
    return sorted(
        needs,
        key=lambda need: (
            -need.people_with_objective,
            -need.people_with_gap,
            need.domain.sort_order,
        ),
    )
