"""Capability evidence across the workforce: for each PCF domain, how many
people in each team (or at each level) have complete evidence mapped to it,
and how many have had it confirmed by a supervisor.

Evidence counts towards a domain through crosswalks and earlier versions, as
on each practitioner's own heatmap (``domains_counted_by_item``). One grouped
query counts people per group and domain, whatever the number of entries.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from capabilities.models import Item, ItemKind
from capabilities.selectors import active_pcf, domains_counted_by_item
from portfolio.evidence.models import EntryMapping, EntryState
from portfolio.reports.scope import BY_LEVEL, ReportRequest


@dataclass(frozen=True)
class GroupCoverage:
    group_id: int | None
    size: int
    #: domain id -> people with mapped / confirmed evidence
    mapped: dict
    confirmed: dict


def pcf_domains(*, organisation=None) -> tuple[list[Item], dict[int, set[int]]]:
    """The active PCF's domains, and for each the ids of every item whose
    evidence counts towards it (through the organisation's own crosswalks
    too)."""
    framework = active_pcf()
    if framework is None:
        return [], {}
    domains = list(Item.objects.filter(framework=framework, kind=ItemKind.DOMAIN))
    towards = {domain.pk: set() for domain in domains}
    counted = domains_counted_by_item(framework=framework, organisation=organisation)
    for item_id, domain_ids in counted.items():
        for domain_id in domain_ids:
            towards[domain_id].add(item_id)
    return domains, towards


def group_field(request: ReportRequest) -> str:
    return "career_level_id" if request.compare_by == BY_LEVEL else "team_id"


def group_sizes(request: ReportRequest) -> dict:
    field = group_field(request)
    return {
        row[field]: row["size"]
        for row in request.population()
        .order_by()
        .values(field)
        .annotate(size=Count("pk"))
    }


def coverage_by_group(
    *, request: ReportRequest, domains: list[Item], towards: dict[int, set[int]]
) -> list[GroupCoverage]:
    """People per group with evidence, for each domain, in the report's
    registration year, counted from the entries and mappings themselves. The
    report counts the yearly summaries instead
    (``summaries.coverage_from_summaries``); the tests hold the two equal."""
    sizes = group_sizes(request)
    field = f"entry__owner__{group_field(request)}"
    aggregates = {}
    for domain in domains:
        counts = Q(item_id__in=towards[domain.pk])
        aggregates[f"mapped_{domain.pk}"] = Count(
            "entry__owner_id", filter=counts, distinct=True
        )
        aggregates[f"confirmed_{domain.pk}"] = Count(
            "entry__owner_id",
            filter=counts & Q(confirmed_at__isnull=False),
            distinct=True,
        )
    year = request.year
    grouped = (
        {
            row[field]: row
            for row in EntryMapping.objects.filter(
                # Mappings to items that count towards no domain are skipped early.
                item_id__in=set().union(*towards.values()),
                entry__owner__in=request.population(),
                entry__state=EntryState.COMPLETE,
                entry__activity_date__range=(year.starts, year.ends),
            )
            .order_by()
            .values(field)
            .annotate(**aggregates)
        }
        if domains
        else {}
    )
    return [
        GroupCoverage(
            group_id,
            size,
            {d.pk: grouped.get(group_id, {}).get(f"mapped_{d.pk}", 0) for d in domains},
            {
                d.pk: grouped.get(group_id, {}).get(f"confirmed_{d.pk}", 0)
                for d in domains
            },
        )
        for group_id, size in sizes.items()
    ]
