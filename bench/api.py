"""Benchmark: the API's list endpoints at 10, 100 and 1,000 entries (and as
many staff in the organisation).

Seeds one practitioner with N entries (each with 3 mappings) and the
organisation with N staff, in a throwaway test database, then reports per
endpoint the SQL queries and the median server time over several requests
through Django's test client with a real bearer token (authentication, the
scope check, the rate limit and the audit row included).

    .venv/bin/python bench/api.py            # SQLite (embedded)
    DATABASE_URL=postgres://... .venv/bin/python bench/api.py

Target (issue #17): every list endpoint at most 10 queries, the same number
at every size. The script exits non-zero if that is not met.
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

SIZES = (10, 100, 1000)
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
MAX_QUERIES = 10


def seed_entries(user, count, items, level):
    from portfolio.evidence.models import Entry, EntryMapping

    existing = user.entries.count()
    Entry.objects.bulk_create(
        Entry(
            owner=user,
            state="complete" if n % 4 else "draft",
            title=f"Benchmark entry {existing + n}",
            activity_date=date(2026, 1 + n % 11, 1 + n % 27),
            cpd_type="reading_research",
            hours=1,
            learning=f"What was learnt, number {existing + n}.",
            peer_reflection="Discussed with a colleague." if n % 2 else "",
        )
        for n in range(count - existing)
    )
    created = list(user.entries.order_by("-pk")[: count - existing])
    EntryMapping.objects.bulk_create(
        EntryMapping(entry=entry, item=items[(entry.pk + k) % len(items)], level=level)
        for entry in created
        for k in range(3)
    )


def seed_people(organisation, team, count):
    from portfolio.people.models import User

    existing = User.objects.filter(organisation=organisation).count()
    User.objects.bulk_create(
        User(
            email=f"staff{existing + n}@bench.example",
            first_name="Staff",
            last_name=f"Member {existing + n}",
            organisation=organisation,
            team=team,
            is_practitioner=True,
        )
        for n in range(count - existing)
    )


def measure(client, url, token):
    timings, queries = [], 0
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.get(url, **headers)  # warm caches
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(timings), queries


def main():
    setup_test_environment()
    # The benchmark sends far more requests than the default rate allows.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": None, "token_write": None},
    }
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> int:
    from capabilities.models import Item
    from tests.api.tokens import app_client, system_client, token_for
    from tests.factories.portfolio import OrganisationFactory, TeamFactory, UserFactory

    call_command("load_frameworks", stdout=open(os.devnull, "w"))
    # A published library, so the learning pages list has rows to serialise.
    call_command("load_learning_content", stdout=open(os.devnull, "w"))
    organisation = OrganisationFactory()
    team = TeamFactory(organisation=organisation)
    admin = UserFactory(organisation=organisation, is_org_admin=True, team=None)
    user = UserFactory(organisation=organisation, team=team, email="bench@example.org")
    items = list(
        Item.objects.filter(
            framework__family__in=["pcf", "swe-standards"],
            kind__in=["domain", "statement"],
        )
    )
    level = Item.objects.get(
        framework__family="pcf", framework__is_active=True, code="6"
    ).framework.levels.get(code="social-worker")
    system, _secret = system_client(admin)
    system_token = token_for(system, scope="people:read compliance:read").token
    app_token = token_for(app_client(admin), user=user, scope="portfolio:read").token
    endpoints = {
        "me/entries": ("/api/v1/me/entries/", app_token),
        "me/entries?state=complete": ("/api/v1/me/entries/?state=complete", app_token),
        "frameworks": ("/api/v1/frameworks/", app_token),
        "learning-pages": ("/api/v1/learning-pages/", app_token),
        "people": ("/api/v1/people/", system_token),
        "teams": ("/api/v1/teams/", system_token),
        "compliance/people": ("/api/v1/compliance/people/", system_token),
        "compliance/teams": ("/api/v1/compliance/teams/", system_token),
    }
    client = Client()
    print(f"database: {connection.vendor}; median of {REPEATS} requests each")
    print(f"{'entries':>8} {'endpoint':<28} {'queries':>8} {'median ms':>10}")
    counts: dict[str, set[int]] = {name: set() for name in endpoints}
    for size in SIZES:
        seed_entries(user, size, items, level)
        seed_people(organisation, team, size)
        for name, (url, token) in endpoints.items():
            median, queries = measure(client, url, token)
            counts[name].add(queries)
            print(f"{size:>8} {name:<28} {queries:>8} {median:>10.1f}")
    failures = [
        name
        for name, seen in counts.items()
        if len(seen) != 1 or max(seen) > MAX_QUERIES
    ]
    print("queries the same at every size and at most 10:", "no" if failures else "yes")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
