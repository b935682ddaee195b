"""Benchmark: the pages a person uses daily, at 10, 100 and 1,000 entries.

Seeds, in a throwaway test database, a practitioner with N entries (3 PCF
mappings and an attachment each, a third shared, a tenth waiting for review),
N notifications, an appraisal and a supervisor, plus a learning page. Then,
for every page, at each size:

- queries per request (CaptureQueriesContext) and the median server time;
- with ``--callgrind``: instructions per request, counted by valgrind's
  callgrind around each test-client request only (client requests toggle the
  count, so the interpreter's and the client's start-up are never in it);
- with ``--gunicorn SECONDS``: requests per second under gunicorn (2 sync
  workers, production settings) as a share of the floor's, a bare view
  returning a fixed 20 KB page (bench/bench_urls.py); rounds interleaved so
  a noisy neighbour slows every page alike.

    .venv/bin/python bench/portfolio_pages.py --callgrind --gunicorn 3

Both search backends: ``--search-backends database,elasticsearch`` runs the
whole benchmark once per backend, in turn (Elasticsearch needs
``ELASTICSEARCH_URL``; its index is rebuilt under the prefix
``bench-pages-``). Without the option, the backend is whichever the
environment chooses.

Targets (issue #15): <= 20 queries, the same at every size; <= 100 M
instructions per request; >= 1.5 % of the floor's requests per second.
"""

import argparse
import ctypes
import datetime
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench-pages-")

SIZES = (10, 100, 1000)
MAX_QUERIES = 20
MAX_INSTRUCTIONS = 100_000_000
MIN_FLOOR_SHARE = 1.5
SESSION_COOKIE = "__Secure-sessionid"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeats", type=int, default=7, help="requests per page")
    parser.add_argument("--pages", default="", help="comma-separated page names")
    parser.add_argument(
        "--callgrind", action="store_true", help="count instructions per request"
    )
    parser.add_argument(
        "--gunicorn",
        type=float,
        default=0,
        metavar="SECONDS",
        help="seconds of load per page per round under gunicorn (0: skip)",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sql", default="", help="print the SQL of these pages")
    parser.add_argument(
        "--search-backends",
        default="",
        help="database,elasticsearch: run once per search backend",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- Seeding ---------------------------------------------------------------------


def seed_people():
    from capabilities.models import Item
    from portfolio.appraisal.services import appraisal_start
    from portfolio.people.models import Supervision
    from tests.factories.learning import research_summary
    from tests.factories.portfolio import UserFactory

    user = UserFactory(email="bench@example.org")
    supervisor = UserFactory(
        email="bench-supervisor@example.org",
        organisation=user.organisation,
        team=user.team,
        is_supervisor=True,
    )
    level = Item.objects.get(
        framework__family="pcf", framework__is_active=True, code="6"
    ).framework.levels.get(code="social-worker")
    user.target_level = level
    user.save()
    today = datetime.date.today()
    supervision = Supervision.objects.create(
        organisation=user.organisation,
        supervisor=supervisor,
        supervisee=user,
        kind="line_manager",
        starts_on=today - datetime.timedelta(days=900),
    )
    appraisal = appraisal_start(
        appraiser=supervisor,
        supervisee=user,
        kind="annual",
        period_start=today - datetime.timedelta(days=300),
        period_end=today + datetime.timedelta(days=60),
    )
    page = research_summary(title="Benchmark research summary")
    return user, supervisor, level, appraisal, page, supervision


def seed_entries(user, count, level):
    """Top ``user`` up to ``count`` entries, mappings, attachments and
    notifications (bulk, as a year of use would leave them)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from capabilities.models import Item
    from portfolio.evidence.models import Attachment, Entry, EntryMapping
    from portfolio.evidence.search_document import entry_search_document_keep
    from portfolio.notifications.models import Notification

    items = list(
        Item.objects.filter(
            framework__family="pcf", framework__is_active=True, kind="domain"
        )
    )
    existing = user.entries.count()
    today = timezone.localdate()
    now = timezone.now()
    entries = Entry.objects.bulk_create(
        Entry(
            owner=user,
            state="complete" if n % 4 else "draft",
            title=f"Benchmark entry {n} on relationship-based practice",
            activity_date=today - datetime.timedelta(days=n % 700),
            cpd_type="reading_research",
            hours=1,
            description="A description of the activity and why it matters.",
            learning=f"What was learnt, in a few sentences ({n}).",
            impact="The impact on practice and on the people I work with.",
            peer_reflection="Discussed with a colleague." if n % 2 else "",
            shared_with_supervisors=n % 4 != 0 and n % 3 == 0,
            review_state="waiting" if n % 4 and n % 10 == 1 else "",
            review_requested_at=now if n % 4 and n % 10 == 1 else None,
        )
        for n in range(existing, count)
    )
    EntryMapping.objects.bulk_create(
        EntryMapping(entry=entry, item=items[(entry.pk + k) % len(items)], level=level)
        for entry in entries
        for k in range(3)
    )
    for entry in entries:
        attachment = Attachment(
            entry=entry, original_name="note.txt", content_type="text/plain", size=5
        )
        attachment.file.save("note", ContentFile(b"note."), save=False)
        attachment.save()
    Notification.objects.bulk_create(
        Notification(recipient=user, text=f"Notification {n}", link="/portfolio/")
        for n in range(existing, count)
    )
    # bulk_create sends no signals: keep the entries' search documents as
    # every save does (and as migration 0025 did for existing entries).
    entry_search_document_keep(entry_ids=[entry.pk for entry in entries])


def pages_for(user, supervision, appraisal, learning_page):
    """Page name -> (who asks, URL)."""
    from django.urls import reverse

    entry = user.entries.filter(state="complete").order_by("pk").first()
    return {
        # Asked for without a session, as issue #15 measured it: the bare
        # cost of Django serving 20 KB.
        "floor": ("anonymous", "/bench-floor/"),
        # What every signed-in page pays before its own content: the session,
        # the middleware, the header and navigation, the base layout (a
        # static page with nothing else on it).
        "bare page": ("user", reverse("accessibility")),
        "dashboard": ("user", reverse("portfolio:dashboard")),
        "entry list": ("user", reverse("portfolio:entry_list")),
        "entry page": ("user", reverse("portfolio:entry_detail", args=[entry.pk])),
        "career readiness": ("user", reverse("career:mine")),
        "notifications": ("user", reverse("notifications:list")),
        "appraisal": ("user", reverse("appraisal:detail", args=[appraisal.pk])),
        "search": ("user", reverse("search:search") + "?q=relationship+practice"),
        "learning page": ("user", learning_page.url),
        "supervisor home": ("supervisor", reverse("supervision:home")),
        "review queue": ("supervisor", reverse("supervision:queue")),
        "supervisee page": (
            "supervisor",
            reverse("supervision:supervisee", args=[supervision.pk]),
        ),
    }


def session_for(person) -> str:
    from django.test import Client

    from tests.auth import enrol_totp, sign_in

    enrol_totp(person)  # supervisors must use a second factor
    client = Client()
    sign_in(client, person)
    return client.cookies[SESSION_COOKIE].value


# --- In-process: queries and time ------------------------------------------------


def measure_queries(cookies, pages, repeats, show=()):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for who, value in cookies.items():
        clients[who] = Client()
        clients[who].cookies[SESSION_COOKIE] = value
    results = {}
    for name, (who, url) in pages.items():
        client = clients[who]
        client.get(url, secure=True)  # warm the template cache
        timings, queries = [], 0
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, secure=True)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, url, response.status_code)
            queries = len(captured)
        if name in show:
            print(f"--- {name}")
            for query in captured.captured_queries:
                print("   ", query["sql"][:300])
        results[name] = {
            "queries": queries,
            "ms": statistics.median(timings),
            "kb": len(response.content) / 1024,
        }
    return results


# --- Callgrind: instructions per request -----------------------------------------


def callgrind_library(workdir: Path) -> Path:
    library = workdir / "callgrind_client.so"
    subprocess.run(  # noqa: S603 - our own commands
        [  # noqa: S607 - the system compiler
            "cc",
            "-shared",
            "-fPIC",
            "-O2",
            "-o",
            str(library),
            str(ROOT / "bench" / "callgrind_client.c"),
        ],
        check=True,
    )
    return library


def measure_instructions(cookies, pages, repeats, database_name):
    """Run the pages in a child process under callgrind; return name -> Ir."""
    if not shutil.which("valgrind"):
        sys.exit("valgrind is missing: apt-get install -y valgrind")
    workdir = Path(tempfile.mkdtemp(prefix="bench-callgrind-"))
    library = callgrind_library(workdir)
    job = {
        "cookies": cookies,
        "pages": pages,
        "repeats": repeats,
        "library": str(library),
    }
    (workdir / "job.json").write_text(json.dumps(job))
    env = {
        **os.environ,
        "BENCH_DATABASE_NAME": database_name,
        "PYTHONHASHSEED": "0",
    }
    subprocess.run(  # noqa: S603 - our own commands
        [  # noqa: S607 - the system valgrind
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--collect-atstart=no",
            f"--callgrind-out-file={workdir}/callgrind.out.%p",
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            str(workdir / "job.json"),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    counts = {}
    for dump in workdir.glob("callgrind.out.*"):
        text = dump.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (.+)$", text, re.M)
        total = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        if trigger and total and trigger.group(1) in pages:
            counts[trigger.group(1)] = int(total.group(1)) / repeats
    shutil.rmtree(workdir, ignore_errors=True)
    return counts


def callgrind_child(job_path):
    """Under valgrind: warm every page, then count each page's requests."""
    import django

    django.setup()
    from django.test import Client

    job = json.loads(Path(job_path).read_text())
    library = ctypes.CDLL(job["library"])
    clients = {}
    for who, value in job["cookies"].items():
        clients[who] = Client()
        clients[who].cookies[SESSION_COOKIE] = value
    for who, url in job["pages"].values():
        clients[who].get(url, secure=True)
    library.bench_start()
    for name, (who, url) in job["pages"].items():
        client = clients[who]
        client.get(url, secure=True)  # once more, instrumented, not counted
        library.bench_zero()
        for _ in range(job["repeats"]):
            library.bench_toggle()
            client.get(url, secure=True)
            library.bench_toggle()
        library.bench_dump(name.encode())


# --- Gunicorn: requests per second as a share of the floor -----------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_name):
    port = free_port()
    env = {**os.environ, "BENCH_DATABASE_NAME": database_name}
    process = subprocess.Popen(  # noqa: S603 - our own commands
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "bench.bench_wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("gunicorn did not start")


def load(port, who_cookie, url, seconds, concurrency=4):
    """Requests per second over ``seconds`` from ``concurrency`` closed-loop
    clients: ApacheBench when installed (a C client, so the floor measures
    the server rather than the client), else Python threads. Any non-200
    answer stops the run."""
    if shutil.which("ab") and seconds >= 1:
        return _load_ab(port, who_cookie, url, seconds, concurrency)
    deadline = time.perf_counter() + seconds
    done, errors = [0], []
    headers = {
        "Cookie": f"{SESSION_COOKIE}={who_cookie}",
        "X-Forwarded-Proto": "https",
        "Host": "127.0.0.1",
    }

    def worker():
        while time.perf_counter() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(response.status)
                return
            done[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        sys.exit(f"{url} answered {errors[0]} under load")
    return done[0] / (time.perf_counter() - started)


def _load_ab(port, who_cookie, url, seconds, concurrency):
    result = subprocess.run(  # noqa: S603 - our own commands
        [  # noqa: S607 - the system ApacheBench
            "ab",
            "-q",
            "-t",
            str(seconds),
            "-n",
            "1000000",
            "-c",
            str(concurrency),
            *(["-H", f"Cookie: {SESSION_COOKIE}={who_cookie}"] if who_cookie else []),
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    bad = re.search(
        r"^(?:Non-2xx responses|Failed requests):\s+([1-9]\d*)", result.stdout, re.M
    )
    if bad:
        sys.exit(f"{url} failed under load:\n{result.stdout}")
    return float(
        re.search(r"^Requests per second:\s+([\d.]+)", result.stdout, re.M).group(1)
    )


def measure_throughput(cookies, pages, seconds, rounds, database_name):
    process, port = start_gunicorn(database_name)
    try:
        rates = {name: [] for name in pages}
        for who, url in pages.values():  # warm both workers
            for _ in range(4):
                load(port, cookies[who], url, 0.01, concurrency=1)
        for _ in range(rounds):
            for name, (who, url) in pages.items():
                rates[name].append(load(port, cookies[who], url, seconds))
    finally:
        process.terminate()
        process.wait()
    floor = statistics.median(rates["floor"])
    return {name: statistics.median(r) / floor * 100 for name, r in rates.items()}


# --- The run ---------------------------------------------------------------------


def run_per_backend(backends: str) -> None:
    """This benchmark again, once per search backend, each in its own
    process (the backend is chosen when the settings load)."""
    argv = [a for a in sys.argv[1:] if not a.startswith("--search-backends")]
    if "--search-backends" in sys.argv:
        at = sys.argv.index("--search-backends")
        argv = sys.argv[1:at] + sys.argv[at + 2 :]
    url = os.environ.get("ELASTICSEARCH_URL", "")
    for backend in backends.split(","):
        if backend == "elasticsearch" and not url:
            sys.exit("--search-backends elasticsearch needs ELASTICSEARCH_URL")
        env = {**os.environ, "ELASTICSEARCH_URL": url if backend != "database" else ""}
        subprocess.run(  # noqa: S603 - our own commands
            [sys.executable, str(Path(__file__).resolve()), *argv], env=env, check=True
        )


def main():
    args = parse_args()
    if args.child:
        callgrind_child(args.child)
        return
    if args.search_backends:
        run_per_backend(args.search_backends)
        return
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # Its own database, never the test suite's (test_<name>).
    connection.settings_dict["TEST"]["NAME"] = f"{old_name}_bench_pages"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_frameworks", stdout=open(os.devnull, "w"))
        run(args, connection.settings_dict["NAME"])
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args, database_name):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    user, supervisor, level, appraisal, page, supervision = seed_people()
    cookies = {
        "user": session_for(user),
        "supervisor": session_for(supervisor),
        "anonymous": "",
    }
    chosen = {name.strip() for name in args.pages.split(",") if name.strip()}
    backend = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    print(
        f"database: {connection.vendor}; search: {backend}; "
        f"{args.repeats} requests per page; started {datetime.datetime.now():%H:%M}"
    )
    table = []
    for size in [int(s) for s in args.sizes.split(",")]:
        seed_entries(user, size, level)
        if settings.ELASTICSEARCH_URL:
            call_command("search_rebuild", stdout=open(os.devnull, "w"))
        pages = pages_for(user, supervision, appraisal, page)
        if chosen:
            pages = {n: p for n, p in pages.items() if n in chosen or n == "floor"}
        results = measure_queries(
            cookies, pages, args.repeats, show=args.sql.split(",")
        )
        if args.callgrind:
            for name, count in measure_instructions(
                cookies, pages, max(2, args.repeats // 3), database_name
            ).items():
                results[name]["instructions"] = count
        if args.gunicorn:
            for name, share in measure_throughput(
                cookies, pages, args.gunicorn, args.rounds, database_name
            ).items():
                results[name]["share"] = share
        for name, result in results.items():
            table.append((size, name, result))
            print_row(size, name, result, backend)
        sys.stdout.flush()
    print_verdict(table)


def print_row(size, name, result, backend):
    if not hasattr(print_row, "header"):
        print_row.header = True
        print(
            f"{'entries':>7} {'page':<18} {'queries':>7} {'ms':>7} {'KB':>6} "
            f"{'M instr':>8} {'% floor':>8}"
        )
    label = f"{name} ({backend[:2]})" if name == "search" else name
    instructions = result.get("instructions")
    share = result.get("share")
    print(
        f"{size:>7} {label:<18} {result['queries']:>7} {result['ms']:>7.1f} "
        f"{result['kb']:>6.1f} "
        f"{instructions / 1e6 if instructions else float('nan'):>8.1f} "
        f"{share if share else float('nan'):>8.2f}"
    )


def print_verdict(table):
    by_page = {}
    for _size, name, result in table:
        by_page.setdefault(name, []).append(result)
    failures = []
    for name, results in by_page.items():
        if name == "floor":
            continue
        counts = {r["queries"] for r in results}
        if max(counts) > MAX_QUERIES or len(counts) > 1:
            failures.append(f"{name}: queries {sorted(counts)}")
        for r in results:
            if r.get("instructions", 0) > MAX_INSTRUCTIONS:
                failures.append(f"{name}: {r['instructions'] / 1e6:.0f} M instructions")
            if "share" in r and r["share"] < MIN_FLOOR_SHARE:
                failures.append(f"{name}: {r['share']:.2f} % of the floor")
    print(
        "targets met" if not failures else "targets missed:\n  " + "\n  ".join(failures)
    )


if __name__ == "__main__":
    main()
