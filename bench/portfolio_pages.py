"""Benchmark: portfolio pages at 10, 100 and 1,000 entries.

Seeds one practitioner with N entries (each with 3 mappings and an attachment)
in a throwaway test database, then reports per page the SQL queries and the
median server time over several requests, beside a bare Wagtail page rendered
in the same run as the reference.

    .venv/bin/python bench/portfolio_pages.py            # SQLite (embedded)
    DATABASE_URL=postgres://... .venv/bin/python bench/portfolio_pages.py

Targets (issue #4): queries do not grow with entries; the dashboard at 1,000
entries within 2x the reference page's time.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

SIZES = (10, 100, 1000)
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))


def seed(user, count, items, level):
    from portfolio.evidence.models import Attachment, Entry, EntryMapping

    existing = user.entries.count()
    entries = [
        Entry(
            owner=user,
            state="complete" if n % 4 else "draft",
            title=f"Benchmark entry {existing + n}",
            activity_date=__import__("datetime").date(2026, 1 + n % 11, 1 + n % 27),
            cpd_type="reading_research",
            hours=1,
            description="A description of the activity and why it matters.",
            learning="What was learnt, in a few sentences.",
            impact="The impact on practice and on the people I work with.",
            peer_reflection="Discussed with a colleague." if n % 2 else "",
        )
        for n in range(count - existing)
    ]
    Entry.objects.bulk_create(entries)
    created = list(user.entries.order_by("-pk")[: len(entries)])
    EntryMapping.objects.bulk_create(
        EntryMapping(entry=entry, item=items[(entry.pk + k) % len(items)], level=level)
        for entry in created
        for k in range(3)
    )
    for entry in created:
        attachment = Attachment(
            entry=entry, original_name="note.txt", content_type="text/plain", size=5
        )
        attachment.file.save("note", ContentFile(b"note."), save=False)
        attachment.save()


def measure(client, url):
    timings, queries = [], 0
    client.get(url)  # warm caches and templates
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(timings), queries


def measure_call(function):
    timings, queries = [], 0
    function()
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(timings), queries


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    from capabilities.models import Item
    from portfolio.evidence.selectors import coverage_heatmap
    from tests.auth import sign_in
    from tests.factories.portfolio import UserFactory

    call_command("load_frameworks", stdout=open(os.devnull, "w"))
    user = UserFactory(email="bench@example.org")
    items = list(
        Item.objects.filter(
            framework__family__in=["pcf", "swe-standards"],
            kind__in=["domain", "statement"],
        )
    )
    level = Item.objects.get(
        framework__family="pcf", framework__is_active=True, code="6"
    ).framework.levels.get(code="social-worker")
    user.target_level = level
    user.save()
    client = Client()
    sign_in(client, user)
    print(f"database: {connection.vendor}; median of {REPEATS} requests per page")
    print(f"{'entries':>8} {'page':<22} {'queries':>8} {'median ms':>10}")
    reference_url = "/learning/"
    for size in SIZES:
        seed(user, size, items, level)
        detail = user.entries.filter(state="complete").order_by("pk").first()
        pages = {
            "reference (Wagtail)": reference_url,
            "site page (our layout)": reverse("accessibility"),
            "dashboard": reverse("portfolio:dashboard"),
            "list": reverse("portfolio:entry_list"),
            "detail": reverse("portfolio:entry_detail", args=[detail.pk]),
        }
        results = {}
        for name, url in pages.items():
            results[name] = measure(client, url)
            median, queries = results[name]
            print(f"{size:>8} {name:<22} {queries:>8} {median:>10.1f}")
        median, queries = measure_call(lambda: coverage_heatmap(user=user))
        print(f"{size:>8} {'heatmap (selector)':<22} {queries:>8} {median:>10.1f}")
        ratio = results["dashboard"][0] / results["reference (Wagtail)"][0]
        print(f"{size:>8} {'dashboard / reference':<22} {'':>8} {ratio:>9.2f}x")


if __name__ == "__main__":
    main()
