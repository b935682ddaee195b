"""Benchmark: search on Elasticsearch at 100,000 documents, and the database
fallback at 10,000.

Elasticsearch: 100,000 documents (98,000 portfolio entries of 2,000
practitioners and 2,000 learning pages, text drawn from social-work phrases)
are bulk-loaded straight into fresh indices, then five typical searches, each
with facets and a viewer's visibility filter, are timed through the portal's
own query builder (search/backends/elasticsearch.py). Database: 10,000 entries
are bulk-created in a throwaway test database and the same searches are timed
through the database backend.

    ELASTICSEARCH_URL=http://127.0.0.1:9251 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://... ELASTICSEARCH_URL=... .venv/bin/python bench/search.py

Targets (issue #7): Elasticsearch p95 under 50 ms at 100,000 documents;
indexing 100,000 documents in under 2 minutes. Indices are created under
SEARCH_INDEX_PREFIX + "bench-…" and deleted afterwards.
"""

import datetime
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ES_DOCUMENTS = int(os.environ.get("BENCH_ES_DOCUMENTS", "100000"))
DB_DOCUMENTS = int(os.environ.get("BENCH_DB_DOCUMENTS", "10000"))
PRACTITIONERS = 2000
LEARNING_PAGES = 2000
REPEATS = int(os.environ.get("BENCH_REPEATS", "40"))
RNG = random.Random(7)  # noqa: S311 - repeatable test data, not secrets

PHRASES = [
    "a child in need visit with the family",
    "the child protection conference and the plan",
    "looked-after children and their contact arrangements",
    "assessing capacity under the Mental Capacity Act",
    "deprivation of liberty safeguards for an older adult",
    "an education health and care plan review at school",
    "reflective supervision with my team manager",
    "working with uncertainty in assessments",
    "relationship-based practice with parents",
    "trauma-informed practice after domestic abuse",
    "analysing risk and protective factors",
    "writing a chronology for the court",
    "direct work with a teenager using a genogram",
    "multi-agency strategy meeting with the police",
    "hearing the voice of the child in reports",
    "anti-oppressive practice and cultural humility",
    "neglect and the graded care profile",
    "transitions from children's to adult services",
    "a carer's assessment and respite planning",
    "safeguarding adults enquiry under the Care Act",
    "my ASYE reflective log and critical reflection",
    "peer discussion about a complex case",
    "feedback from the family on my practice",
    "contextual safeguarding and exploitation",
    "motivational interviewing with a parent",
    "writing clear case notes people can read",
    "the principal social worker's practice forum",
    "newly qualified social worker support group",
]
TITLES = [
    "Reflection on {}",
    "Training: {}",
    "Reading about {}",
    "Supervision notes on {}",
    "Learning from {}",
]
CPD_TYPES = [
    "course",
    "e_learning",
    "reading_research",
    "supervision",
    "peer_discussion",
    "shadowing",
    "conference",
    "teaching",
]
PAGE_TYPES = ["researchsummarypage", "trainingeventpage", "learningpathwaypage"]
DOMAINS = [str(n) for n in range(1, 10)]
LEVELS = [str(n) for n in range(1, 8)]
TOPICS = [str(n) for n in range(1, 25)]


def _text(sentences: int) -> str:
    return ". ".join(RNG.choice(PHRASES).capitalize() for _ in range(sentences)) + "."


def _entry(n: int) -> dict:
    day = datetime.date(2021, 1, 1) + datetime.timedelta(days=RNG.randrange(2150))
    topic = RNG.choice(PHRASES)
    return {
        "kind": "entry",
        "object_id": n,
        "title": RNG.choice(TITLES).format(topic),
        "body": _text(RNG.randint(6, 14)),
        "type": f"entry:{RNG.choice(CPD_TYPES)}",
        "domains": RNG.sample(DOMAINS, RNG.randint(1, 3)),
        "levels": RNG.sample(LEVELS, 1),
        "topics": [],
        "year": day.year,
        "date": day.isoformat(),
        "owner_id": 1 + n % PRACTITIONERS,
        "state": "complete" if RNG.random() < 0.8 else "draft",
        "shared": RNG.random() < 0.4,
        "has_review": RNG.random() < 0.2,
        "review_requested_on": day.isoformat(),
    }


def _page(n: int) -> dict:
    day = datetime.date(2021, 1, 1) + datetime.timedelta(days=RNG.randrange(2150))
    return {
        "kind": "learning_page",
        "object_id": n,
        "title": RNG.choice(PHRASES).capitalize(),
        "body": _text(RNG.randint(15, 40)),
        "type": f"learning_page:{RNG.choice(PAGE_TYPES)}",
        "domains": RNG.sample(DOMAINS, RNG.randint(1, 3)),
        "levels": RNG.sample(LEVELS, RNG.randint(1, 3)),
        "topics": RNG.sample(TOPICS, RNG.randint(1, 3)),
        "year": day.year,
        "date": day.isoformat(),
        "url": f"/learning/page-{n}/",
        "live": True,
    }


def _queries(practitioner, supervisor):
    from search.backends import SearchRequest

    return [
        (
            "practitioner: 'reflective supervision'",
            practitioner,
            SearchRequest(text="reflective supervision"),
        ),
        (
            "supervisor: 'CIN' + type facet",
            supervisor,
            SearchRequest(
                text="CIN", filters={"type": ("entry:course", "entry:supervision")}
            ),
        ),
        (
            "practitioner: 'mental capacity assessment', newest first",
            practitioner,
            SearchRequest(text="mental capacity assessment", sort="date"),
        ),
        (
            "supervisor: 'child protection' + domain facet",
            supervisor,
            SearchRequest(text="child protection", filters={"domains": ("3",)}),
        ),
        (
            "practitioner: 'trauma informd practise' (typos), page 2",
            practitioner,
            SearchRequest(text="trauma informd practise", page=2),
        ),
    ]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def bench_elasticsearch():
    from elasticsearch.helpers import parallel_bulk

    from search.backends.elasticsearch import build_search
    from search.connection import get_client
    from search.documents import (
        EntryDocument,
        LearningPageDocument,
        alias_name,
        create_index,
        new_index_name,
    )
    from search.kinds import Viewer

    settings.SEARCH_INDEX_PREFIX = (
        f"{settings.SEARCH_INDEX_PREFIX}bench-{secrets.token_hex(3)}-"
    )
    client = get_client()
    indices = {}
    for suffix, document in (
        ("entries", EntryDocument),
        ("learning", LearningPageDocument),
    ):
        name = new_index_name(suffix)
        create_index(name=name, document=document, alias=alias_name(suffix))
        client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
        indices[suffix] = name
    pages = min(LEARNING_PAGES, ES_DOCUMENTS // 50)
    try:

        def actions():
            for n in range(1, ES_DOCUMENTS - pages + 1):
                yield {
                    "_index": indices["entries"],
                    "_id": f"entry-{n}",
                    "_source": _entry(n),
                }
            for n in range(1, pages + 1):
                yield {
                    "_index": indices["learning"],
                    "_id": f"learning_page-{n}",
                    "_source": _page(n),
                }

        started = time.monotonic()
        for ok, item in parallel_bulk(
            client.options(request_timeout=120),
            actions(),
            chunk_size=2000,
            thread_count=2,
        ):
            if not ok:
                raise RuntimeError(item)
        for name in indices.values():
            client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
        client.options(request_timeout=120).indices.refresh(
            index=list(indices.values())
        )
        indexing = time.monotonic() - started
        count = sum(client.count(index=name)["count"] for name in indices.values())
        print(
            f"\nElasticsearch: {count:,} documents "
            f"({count - pages:,} entries of {PRACTITIONERS:,} practitioners, "
            f"{pages:,} learning pages)"
        )
        print(
            f"  bulk indexing (with refresh): {indexing:.1f} s "
            f"({count / indexing:,.0f} documents/s)"
        )

        practitioner = Viewer(user=None, user_id=42)
        supervisor = Viewer(
            user=None,
            user_id=7,
            supervisions=tuple(
                (owner, datetime.date(2023, 1, 1)) for owner in range(100, 108)
            ),
        )
        print(f"  search latency over {REPEATS} runs (client round trip; ES 'took'):")
        for label, viewer, request in _queries(practitioner, supervisor):
            search = build_search(request=request, viewer=viewer)
            for _ in range(5):
                search.execute(ignore_cache=True)
            wall, took = [], []
            for _ in range(REPEATS):
                start = time.perf_counter()
                response = search.execute(ignore_cache=True)
                wall.append((time.perf_counter() - start) * 1000)
                took.append(response.took)
            p50, p95 = _percentiles(wall)
            t50, t95 = _percentiles(took)
            print(
                f"    {label:58} p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  "
                f"(took p50 {t50:.0f} / p95 {t95:.0f} ms; "
                f"{response.hits.total.value:,} hits)"
            )
    finally:
        client.indices.delete(index=",".join(indices.values()), ignore_unavailable=True)


def _seed_database():
    from django.core.management import call_command
    from django.utils import timezone

    from capabilities.models import Item
    from portfolio.evidence.models import Entry, EntryMapping
    from portfolio.people.models import Organisation, Supervision, User

    call_command("load_frameworks", verbosity=0)
    domains = list(Item.objects.filter(framework__family="pcf", kind="domain")[:9])
    organisation = Organisation.objects.create(name="Bench Council", slug="bench")
    owners_count = max(1, DB_DOCUMENTS // 50)
    User.objects.bulk_create(
        User(
            email=f"bench{n}@example.org",
            organisation=organisation,
            is_practitioner=True,
            password="!",  # noqa: S106 - an unusable password
        )
        for n in range(owners_count + 1)
    )
    users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
    supervisor, owners = users[0], users[1:]
    supervisor.is_supervisor = True
    supervisor.save()
    Supervision.objects.bulk_create(
        Supervision(
            organisation=organisation,
            supervisor=supervisor,
            supervisee=owner,
            kind="line_manager",
            starts_on=datetime.date(2023, 1, 1),
        )
        for owner in owners[:8]
    )
    rows = []
    for n in range(DB_DOCUMENTS):
        doc = _entry(n)
        rows.append(
            Entry(
                owner=owners[n % len(owners)],
                title=doc["title"],
                description=doc["body"],
                learning=_text(2),
                impact=_text(2),
                cpd_type=doc["type"].split(":")[1],
                activity_date=datetime.date.fromisoformat(doc["date"]),
                state=doc["state"],
                shared_with_supervisors=doc["shared"],
                review_state="waiting" if doc["has_review"] else "",
                review_requested_at=timezone.now() if doc["has_review"] else None,
            )
        )
    Entry.objects.bulk_create(rows, batch_size=1000)
    EntryMapping.objects.bulk_create(
        (
            EntryMapping(entry=entry, item=RNG.choice(domains))
            for entry in Entry.objects.all().only("pk")
        ),
        batch_size=1000,
    )
    return owners[0], supervisor


def bench_database():
    from search.backends import database
    from search.kinds import viewer_for

    settings.ELASTICSEARCH_URL = ""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.monotonic()
        practitioner, supervisor = _seed_database()
        print(
            f"\nDatabase ({connection.vendor}): {DB_DOCUMENTS:,} entries "
            f"seeded in {time.monotonic() - started:.0f} s"
        )
        print(f"  search latency over {REPEATS} runs:")
        viewers = {"p": viewer_for(practitioner), "s": viewer_for(supervisor)}
        for label, viewer, request in _queries(viewers["p"], viewers["s"]):
            if request.filters.get("domains"):
                from capabilities.models import Item

                domain = Item.objects.filter(framework__family="pcf", code="3").first()
                request = type(request)(
                    text=request.text, filters={"domains": (str(domain.pk),)}
                )
            for _ in range(3):
                database.search(request=request, viewer=viewer)
            wall = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                results = database.search(request=request, viewer=viewer)
                wall.append((time.perf_counter() - start) * 1000)
            p50, p95 = _percentiles(wall)
            print(
                f"    {label:58} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"({results.total:,} hits)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    setup_test_environment()
    if settings.ELASTICSEARCH_URL:
        bench_elasticsearch()
    else:
        print("ELASTICSEARCH_URL is not set: skipping the Elasticsearch part.")
    bench_database()


if __name__ == "__main__":
    main()
