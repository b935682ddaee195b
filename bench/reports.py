"""Benchmark: the organisation reports at 2,000 and 20,000 practitioners.

Builds, in a throwaway test database, an organisation of practitioners in
teams of 20, with 50 CPD entries each (3 capability mappings per entry, a third
of them confirmed by a supervisor; half the entries in the current
registration year, half in the last), one annual appraisal each (a third
signed, with two objectives), and a supervisor with sessions for each. At
2,000 practitioners that is 100 teams, 100,000 entries, 300,000 mappings and
2,000 appraisals. On PostgreSQL the entries and mappings are made by the
database itself (INSERT ... SELECT from generate_series), the rest with
bulk_create: 20,000 practitioners seed in about two minutes (172 s for 2,000
through the ORM before).

The seeding bypasses the portfolio's writes, as a bulk load would, so the
people's yearly summaries (what the readiness and coverage reports count) are
then worked out by ``summaries_rebuild`` (``manage.py report_summaries_rebuild``),
and the time it takes is printed.

Then, as the organisation admin, requests every report page and CSV and reports
the median server time, the query count and the page's size at each size,
the peak memory of streaming the longest table's CSV, and at the largest size
``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest query the pages asked.

    DATABASE_URL=postgres://.../portfolio_perf .venv/bin/python bench/reports.py \
        --sizes 2000,20000

``--keep`` keeps the seeded database, and measures a kept one again without
seeding (for a code change that needs no migration).

It runs in its own database (``<name>_bench_reports``), seeded 1,000 people
at a time so memory stays flat.

Targets (issue #15): paginated (<= 50 people a page), <= 150 KB of HTML,
<= 25 queries, each page <= 1 s at 20,000; CSV memory flat as rows grow.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (2000, 20000)
SEED_CHUNK = 1000
TEAM_SIZE = 20
ENTRIES_EACH = 50
MAPPINGS_EACH = 3
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
BATCH = 5000


def seed(organisation, *, practitioners, start, items, levels, supervisor_pool):
    """Add practitioners ``start``..``practitioners-1`` with all their data."""
    from portfolio.appraisal.models import Appraisal, Objective
    from portfolio.evidence.registration_year import registration_year_containing
    from portfolio.people.models import Supervision, Team, User
    from portfolio.supervision.models import SupervisionSession

    today = timezone.localdate()
    year = registration_year_containing(today)
    last = registration_year_containing(year.starts - datetime.timedelta(days=1))
    password = make_password("bench-password-1")
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=f"Team {n:03d}")
        for n in range(start // TEAM_SIZE, practitioners // TEAM_SIZE)
    )
    people = User.objects.bulk_create(
        User(
            email=f"worker{n}@bench.example",
            first_name="Worker",
            last_name=f"{n:05d}",
            organisation=organisation,
            team=teams[(n - start) // TEAM_SIZE],
            is_practitioner=True,
            career_level=levels[n % len(levels)],
            started_practice_on=today - datetime.timedelta(days=100 + n % 2000),
            password=password,
        )
        for n in range(start, practitioners)
    )
    if connection.vendor == "postgresql":
        insert_entries_sql(people, year=year, last=last, today=today)
        insert_mappings_sql(people, items=items, levels=levels)
    else:
        insert_entries_orm(people, year=year, last=last, today=today)
        insert_mappings_orm(people, items=items, levels=levels)
    appraisals = Appraisal.objects.bulk_create(
        Appraisal(
            supervisee=person,
            appraiser=supervisor_pool[n % len(supervisor_pool)],
            organisation=organisation,
            kind="annual",
            period_start=year.starts,
            period_end=year.ends,
            stage="signed" if n % 3 == 0 else "meeting",
            locked_at=timezone.now() if n % 3 == 0 else None,
        )
        for n, person in enumerate(people)
    )
    objectives = Objective.objects.bulk_create(
        Objective(appraisal=appraisal, text="An objective.", due_on=year.ends)
        for appraisal in appraisals
        if appraisal.locked_at
        for _ in range(2)
    )
    domains = [item for item in items if item.kind == "domain"]
    Objective.domains.through.objects.bulk_create(
        Objective.domains.through(
            objective_id=objective.pk, item_id=domains[objective.pk % len(domains)].pk
        )
        for objective in objectives
    )
    supervisions = Supervision.objects.bulk_create(
        Supervision(
            organisation=organisation,
            supervisor=supervisor_pool[n % len(supervisor_pool)],
            supervisee=person,
            kind="line_manager",
            starts_on=today - datetime.timedelta(days=300),
        )
        for n, person in enumerate(people)
    )
    SupervisionSession.objects.bulk_create(
        (
            SupervisionSession(
                supervision=supervision,
                held_on=today - datetime.timedelta(days=10 + 25 * k + n % 20),
                minutes=90,
                kind="individual",
            )
            for n, supervision in enumerate(supervisions)
            for k in range(3)
        ),
        batch_size=BATCH,
    )


def insert_entries_orm(people, *, year, last, today):
    from portfolio.evidence.models import Entry

    entries = []
    for person in people:
        for k in range(ENTRIES_EACH):
            base = year if k % 2 == 0 else last
            day = base.starts + datetime.timedelta(days=(k * 7 + person.pk) % 360)
            if day > today:
                day = today - datetime.timedelta(days=k)
            entries.append(
                Entry(
                    owner=person,
                    state="complete" if k % 5 else "draft",
                    title=f"Activity {k} of {person.last_name}",
                    activity_date=day,
                    cpd_type=("course", "reading_research", "peer_discussion")[k % 3],
                    description="What it was.",
                    learning=f"Learning {k}",
                    impact="Impact on practice.",
                    peer_reflection="With a colleague." if k % 3 == 0 else "",
                    completed_at=timezone.now() if k % 5 else None,
                )
            )
    Entry.objects.bulk_create(entries, batch_size=BATCH)


def insert_mappings_orm(people, *, items, levels):
    from portfolio.evidence.models import Entry, EntryMapping

    EntryMapping.objects.bulk_create(
        (
            EntryMapping(
                entry_id=entry_id,
                item=items[(entry_id + j * 7) % len(items)],
                level=levels[entry_id % len(levels)],
                confirmed_at=timezone.now() if (entry_id + j) % 3 == 0 else None,
            )
            for entry_id in Entry.objects.filter(owner__in=people).values_list(
                "pk", flat=True
            )
            for j in range(MAPPINGS_EACH)
        ),
        batch_size=BATCH,
    )


def insert_select(model, columns: dict, from_sql: str, params: list):
    """``INSERT INTO <model> (...) SELECT ... FROM <from_sql>``, so the rows
    never pass through Python. ``columns`` maps column names to an SQL
    expression, or to ``(expression, [parameters])``; every other column gets
    its field's default (``now()`` for auto_now), so the rows are what the ORM
    would have saved. ``params`` are ``from_sql``'s. Identifiers come from the
    models and values go in as parameters."""
    quote = connection.ops.quote_name
    known = {field.column for field in model._meta.concrete_fields}
    assert set(columns) <= known, set(columns) - known
    names, exprs, values = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(quote(field.column))
        spec = columns.get(field.column)
        if spec is None:
            if getattr(field, "auto_now", False) or getattr(
                field, "auto_now_add", False
            ):
                exprs.append("now()")
            else:
                exprs.append("%s")
                values.append(field.get_db_prep_save(field.get_default(), connection))
            continue
        expr, spec_params = spec if isinstance(spec, tuple) else (spec, [])
        exprs.append(expr)
        values.extend(spec_params)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(names)}) "  # noqa: S608
        f"SELECT {', '.join(exprs)} FROM {from_sql}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values + params)


def insert_entries_sql(people, *, year, last, today):
    """The same entries as :func:`insert_entries_orm`, made by PostgreSQL
    from ``generate_series`` (``%%`` is SQL's modulo, escaped for psycopg)."""
    from portfolio.evidence.models import Entry
    from portfolio.people.models import User

    day = (
        "(CASE WHEN k %% 2 = 0 THEN %s::date ELSE %s::date END"
        " + ((k * 7 + u.id) %% 360)::int)"
    )
    day_params = [year.starts, last.starts]
    insert_select(
        Entry,
        {
            "owner_id": "u.id",
            "state": "CASE WHEN k %% 5 <> 0 THEN 'complete' ELSE 'draft' END",
            "title": "'Activity ' || k || ' of ' || u.last_name",
            "activity_date": (
                f"CASE WHEN {day} > %s::date THEN %s::date - k ELSE {day} END",
                [*day_params, today, today, *day_params],
            ),
            "cpd_type": (
                "(ARRAY['course', 'reading_research', 'peer_discussion'])[k %% 3 + 1]"
            ),
            "description": "'What it was.'",
            "learning": "'Learning ' || k",
            "impact": "'Impact on practice.'",
            "peer_reflection": (
                "CASE WHEN k %% 3 = 0 THEN 'With a colleague.' ELSE '' END"
            ),
            "completed_at": "CASE WHEN k %% 5 <> 0 THEN now() END",
        },
        f"{connection.ops.quote_name(User._meta.db_table)} u"
        " CROSS JOIN generate_series(0, %s::int - 1) AS k"
        " WHERE u.id = ANY(%s) ORDER BY u.id, k",
        [ENTRIES_EACH, [person.pk for person in people]],
    )


def insert_mappings_sql(people, *, items, levels):
    """Three mappings an entry, as :func:`insert_mappings_orm`."""
    from portfolio.evidence.models import Entry, EntryMapping

    item_ids = [item.pk for item in items]
    level_ids = [level.pk for level in levels]
    insert_select(
        EntryMapping,
        {
            "entry_id": "e.id",
            "item_id": (
                "(%s::bigint[])[(e.id + j * 7) %% %s + 1]",
                [item_ids, len(item_ids)],
            ),
            "level_id": ("(%s::bigint[])[e.id %% %s + 1]", [level_ids, len(level_ids)]),
            "confirmed_at": "CASE WHEN (e.id + j) %% 3 = 0 THEN now() END",
        },
        f"{connection.ops.quote_name(Entry._meta.db_table)} e"
        " CROSS JOIN generate_series(0, %s::int - 1) AS j"
        " WHERE e.owner_id = ANY(%s) ORDER BY e.id, j",
        [MAPPINGS_EACH, [person.pk for person in people]],
    )


SLOWEST: list = []


def measure(client, url):
    """Median server time, median time spent in SQL, the query count and the
    size of the answer (KB); the slowest query is kept for EXPLAIN."""
    timings, sql, queries, size = [], [], 0, 0
    client.get(url)  # warm caches and templates
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(body) / 1024
        sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        SLOWEST.extend(
            (float(q["time"]), q["sql"])
            for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT")
        )
    return statistics.median(timings), statistics.median(sql), queries, size


def csv_memory(client, url) -> tuple[float, float]:
    """Streaming one table's CSV: the peak of Python's own allocations (MB)
    and the process's peak resident size (MB) afterwards."""
    tracemalloc.start()
    response = client.get(url)
    for _chunk in response.streaming_content:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak / 2**20, rss


def scans(sql) -> str:
    """The scan nodes of the query's plan, each with its table or index."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        lines = [line for (line,) in cursor.fetchall()]
    found = [
        line.strip().removeprefix("->").strip().split("  (")[0]
        for line in lines
        if " Scan " in line or line.lstrip().startswith(("Seq Scan", "-> Seq"))
    ]
    return "; ".join(found) or "no scans"


def explain_slowest():
    if connection.vendor != "postgresql" or not SLOWEST:
        return
    seconds, sql = max(SLOWEST)
    print(f"\nslowest query ({seconds * 1000:.0f} ms):\n  {sql[:600]}")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        for (line,) in cursor.fetchall():
            print("  " + line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the seeded database afterwards and, if one is kept from a "
        "run at the same sizes, measure it again without seeding (after a code "
        "change that needs no migration)",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # Its own database, never the test suite's.
    name = f"{old_name}_bench_reports"
    connection.settings_dict["TEST"]["NAME"] = name
    if args.keep and _kept(name):
        connection.close()
        connection.settings_dict["NAME"] = name
        run(sizes, seeded=True)
        return
    # No serialised copy: nothing here rolls back to it.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(sizes)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _kept(name) -> bool:
    """Whether a kept benchmark database exists."""
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def run(sizes, *, seeded=False):
    from capabilities.models import Item, Level
    from portfolio.people.models import Organisation, User
    from portfolio.reports.services import summaries_rebuild
    from tests.auth import enrol_totp, sign_in
    from tests.factories.portfolio import UserFactory

    if seeded:
        organisation = Organisation.objects.get(slug="bench")
        admin = User.objects.get(email="admin@bench.example")
        client = Client()
        sign_in(client, admin)
        _header()
        measure_size(client, sizes[-1], seeding_seconds=None)
        explain_slowest()
        return
    call_command("load_frameworks", stdout=open(os.devnull, "w"))
    organisation = Organisation.objects.create(name="Bench Council", slug="bench")
    admin = UserFactory(
        email="admin@bench.example",
        organisation=organisation,
        team=None,
        is_org_admin=True,
        is_practitioner=False,
    )
    enrol_totp(admin)
    supervisors = [
        UserFactory(
            email=f"supervisor{n}@bench.example",
            organisation=organisation,
            team=None,
            is_supervisor=True,
            is_practitioner=False,
        )
        for n in range(10)
    ]
    items = list(
        Item.objects.filter(
            framework__family__in=["pcf", "swe-standards"],
            framework__is_active=True,
            kind__in=["domain", "statement"],
        )
    )
    levels = list(
        Level.objects.filter(framework__family="pcf", framework__is_active=True)
    )
    client = Client()
    sign_in(client, admin)
    _header()
    start = 0
    for size in sizes:
        began = time.perf_counter()
        for chunk_start in range(start, size, SEED_CHUNK):
            seed(
                organisation,
                practitioners=min(size, chunk_start + SEED_CHUNK),
                start=chunk_start,
                items=items,
                levels=levels,
                supervisor_pool=supervisors,
            )
        start = size
        seeded = time.perf_counter() - began
        # The seeding bypasses the portfolio's writes (as a bulk load would):
        # the yearly summaries are worked out as after such a load.
        began = time.perf_counter()
        rebuilt = summaries_rebuild()
        print(
            f"  (yearly summaries of {rebuilt} people worked out in "
            f"{time.perf_counter() - began:.1f} s)"
        )
        SLOWEST.clear()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # As autovacuum would have: statistics and the visibility map.
                cursor.execute("VACUUM ANALYZE")
        measure_size(client, size, seeding_seconds=seeded)
    explain_slowest()


def _header():
    print(f"database: {connection.vendor}; median of {REPEATS} requests per page")
    print(
        f"{'practitioners':>13} {'teams':>5} {'entries':>8} {'report':<26}"
        f" {'queries':>7} {'median ms':>9} {'of it SQL':>9} {'KB':>7}"
    )


def measure_size(client, size, *, seeding_seconds):
    """Every report page and CSV at ``size`` practitioners."""
    from portfolio.reports.registry import report_list

    if seeding_seconds is not None:
        print(f"  (seeded up to {size} in {seeding_seconds:.0f} s)")
    entries = size * ENTRIES_EACH
    # Every registered report, whichever app registered it.
    for key in [report.key for report in report_list()]:
        for suffix, label in (("", key), ("-csv", f"{key} (CSV)")):
            url = reverse(f"reports:{key}{suffix}")
            before = len(SLOWEST)
            median, sql, queries, kb = measure(client, url)
            print(
                f"{size:>13} {size // TEAM_SIZE:>5} {entries:>8} {label:<26}"
                f" {queries:>7} {median:>9.1f} {sql:>9.1f} {kb:>7.1f}",
                flush=True,
            )
            if not suffix:
                mine = max(SLOWEST[before:], default=None)
                if mine and connection.vendor == "postgresql":
                    print(
                        f"{'':>13} its slowest query ({mine[0] * 1000:.0f} ms)"
                        f" scans: {scans(mine[1])}"
                    )
                SLOWEST[:] = [max(SLOWEST)] if SLOWEST else []
    heap, rss = csv_memory(
        client, reverse("reports:cpd-readiness-csv") + "?table=readiness-missing"
    )
    print(
        f"{size:>13} streaming the readiness-missing CSV: peak Python heap "
        f"{heap:.1f} MB, process peak RSS {rss:.0f} MB",
        flush=True,
    )


if __name__ == "__main__":
    main()
