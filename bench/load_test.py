"""Load test: a realistic mix of people against gunicorn + PostgreSQL + Redis
(+ Elasticsearch when ELASTICSEARCH_URL is set), stepping the number of
simultaneous users up until requests fail.

Seeds, in its own throwaway database (``<name>_bench_load``), one
organisation: practitioners with ``--entries`` entries each, supervisors with
ten supervisees each and an organisation admin, all signed in. Starts
gunicorn (2 sync workers, production settings) and runs locust
(bench/locustfile.py) headless at each user count for ``--seconds``; prints
requests, failures and the 50th/95th/99th percentile per page, and the
highest user count with no failure.

    .venv/bin/python bench/load_test.py --users 5,10,20,40 --seconds 60
"""

import argparse
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.portfolio_pages import session_for, start_gunicorn  # noqa: E402


def seed(practitioners: int, entries: int) -> dict:
    from django.utils import timezone

    from capabilities.models import Item
    from portfolio.evidence.models import Entry, EntryMapping
    from portfolio.people.models import Organisation, Supervision
    from tests.factories.portfolio import TeamFactory, UserFactory

    organisation = Organisation.objects.create(name="Load Council", slug="load")
    team = TeamFactory(organisation=organisation)
    pcf = Item.objects.filter(
        framework__family="pcf", framework__is_active=True, kind="domain"
    )
    items = list(pcf)
    level = items[0].framework.levels.get(code="social-worker")
    admin = UserFactory(
        email="admin@load.example",
        organisation=organisation,
        team=None,
        is_org_admin=True,
        is_practitioner=False,
    )
    people = {"practitioners": [], "supervisors": [], "admins": []}
    today = timezone.localdate()
    supervisor = None
    for n in range(practitioners):
        if n % 10 == 0:
            supervisor = UserFactory(
                email=f"supervisor{n}@load.example",
                organisation=organisation,
                team=team,
                is_supervisor=True,
                is_practitioner=False,
            )
            people["supervisors"].append({"person": supervisor, "supervisions": []})
        person = UserFactory(
            email=f"worker{n}@load.example",
            organisation=organisation,
            team=team,
            target_level=level,
        )
        supervision = Supervision.objects.create(
            organisation=organisation,
            supervisor=supervisor,
            supervisee=person,
            kind="line_manager",
            starts_on=today - datetime.timedelta(days=400),
        )
        people["supervisors"][-1]["supervisions"].append(supervision.pk)
        made = Entry.objects.bulk_create(
            Entry(
                owner=person,
                state="complete" if k % 4 else "draft",
                title=f"Entry {k} on direct work",
                activity_date=today - datetime.timedelta(days=k * 11),
                cpd_type="reading_research",
                hours=1,
                description="What happened.",
                learning=f"What I learnt ({k}).",
                impact="What changed.",
                peer_reflection="With a colleague." if k % 2 else "",
                shared_with_supervisors=bool(k % 4),
                review_state="waiting" if k % 4 and k % 5 == 0 else "",
                review_requested_at=timezone.now() if k % 4 and k % 5 == 0 else None,
            )
            for k in range(entries)
        )
        EntryMapping.objects.bulk_create(
            EntryMapping(
                entry=entry, item=items[(entry.pk + j) % len(items)], level=level
            )
            for entry in made
            for j in range(3)
        )
        people["practitioners"].append(
            {"cookie": session_for(person), "entries": [e.pk for e in made]}
        )
    for row in people["supervisors"]:
        row["cookie"] = session_for(row.pop("person"))
    people["admins"].append({"cookie": session_for(admin)})
    return people


def run_locust(port: int, users: int, seconds: int, people_file: str) -> list[dict]:
    prefix = str(Path(tempfile.mkdtemp(prefix="bench-locust-")) / "stats")
    subprocess.run(  # noqa: S603 - our own commands
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            prefix,
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        env={**os.environ, "BENCH_LOAD_PEOPLE": people_file},
        check=False,  # locust exits 1 when any request failed: read the stats
        stdout=subprocess.DEVNULL,
        stderr=open(f"{prefix}.log", "w"),
    )
    with open(f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    if not any(int(row["Request Count"]) for row in rows):
        print(Path(f"{prefix}.log").read_text()[-3000:])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", default="5,10,20,40")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--practitioners", type=int, default=60)
    parser.add_argument("--entries", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"{old_name}_bench_load"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    gunicorn = None
    try:
        call_command("load_frameworks", stdout=open(os.devnull, "w"))
        people = seed(args.practitioners, args.entries)
        if settings.ELASTICSEARCH_URL:
            call_command("search_rebuild", stdout=open(os.devnull, "w"))
        people_file = str(
            Path(tempfile.mkdtemp(prefix="bench-people-")) / "people.json"
        )
        Path(people_file).write_text(json.dumps(people))
        connection.close()
        gunicorn, port = start_gunicorn(connection.settings_dict["NAME"])
        print(
            f"gunicorn (2 sync workers) + {connection.vendor} + "
            f"{'Redis' if settings.REDIS_URL else 'local memory cache'}"
            f"{' + Elasticsearch' if settings.ELASTICSEARCH_URL else ''}; "
            f"{args.practitioners} practitioners x {args.entries} entries; "
            f"{args.seconds} s per step"
        )
        print(
            f"{'users':>5} {'page':<22} {'requests':>8} {'failures':>8} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        )
        highest = 0
        for users in [int(u) for u in args.users.split(",")]:
            rows = run_locust(port, users, args.seconds, people_file)
            failures = 0
            for row in rows:
                failures += (
                    int(row["Failure Count"]) if row["Name"] == "Aggregated" else 0
                )
                print(
                    f"{users:>5} {row['Name']:<22} {row['Request Count']:>8} "
                    f"{row['Failure Count']:>8} {row['50%']:>7} {row['95%']:>7} "
                    f"{row['99%']:>7}",
                    flush=True,
                )
            if failures:
                break
            highest = users
        print(f"highest user count with 0 errors: {highest}")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
