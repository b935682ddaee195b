"""Benchmark: recovery from Redis, Elasticsearch, a worker and PostgreSQL
failing in turn under a steady load (issue 20).

    set -a; . ENVFILE; set +a
    .venv/bin/python bench/recovery.py [--fault-seconds 30] [--users 4]

Everything runs on loopback: gunicorn (the portal, production-like: no debug,
`portal.settings.dev` with DJANGO_DEBUG=false), one Celery worker consuming
every queue and beat (both under scripts/supervise, as `make worker`/`make
beat`), a private redis-server (broker and cache), a database of its own on
the PostgreSQL at DATABASE_URL and index names of its own on the node at
ELASTICSEARCH_URL. Shared servers must not be stopped, so PostgreSQL and
Elasticsearch are reached through TCP proxies that this script closes (every
open connection cut, new ones refused, exactly what the portal sees of a
stopped server); Redis is a private server, killed and started again; the
worker is SIGKILLed with its pool, its supervisor held, and let go after the
fault.

Load: ``--users`` threads sign in once each, then loop: save a new draft,
edit it, search for its words, and now and then request a PDF export.

Per phase it prints requests, errors (responses >= 500 or no response),
p50/p99; after each fault, how long after the service returned until (a)
no job row recorded before its return is still waiting (index updates,
exports, dispatches) and (b) Elasticsearch holds every change acknowledged
before its return. Targets: outside the PostgreSQL outage 0 errors and p99
< 2 s; each backlog empty within 60 s of the service returning.
"""

import argparse
import contextlib
import datetime
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SOCKET_BUFFER = 65536
#: The load's accounts exist only in the bench's own throwaway database.
PASSWORD = "bench-recovery-2026"  # noqa: S105


# --- A TCP proxy in its own process: SIGUSR1 cuts it, SIGUSR2 restores it -----


def run_proxy(listen_port: int, target: str) -> None:
    host, port = target.rsplit(":", 1)
    state = {"up": True, "server": None, "connections": set()}
    lock = threading.Lock()

    def pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(SOCKET_BUFFER):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def serve(server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection((host, int(port)), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with lock:
                state["connections"].update((client, upstream))
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()

    def listen():
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(512)
        state["server"] = server
        threading.Thread(target=serve, args=(server,), daemon=True).start()

    def down(*_):
        with lock:
            if state["server"] is not None:
                state["server"].close()
                state["server"] = None
            for connection in state["connections"]:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                    connection.close()
            state["connections"].clear()

    def up(*_):
        with lock:
            if state["server"] is None:
                listen()

    signal.signal(signal.SIGUSR1, down)
    signal.signal(signal.SIGUSR2, up)
    listen()
    while True:
        signal.pause()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


# --- The load ------------------------------------------------------------------


@dataclass
class Sample:
    started: float
    seconds: float
    status: int  # 0: no response
    operation: str


@dataclass
class Ledger:
    """What the portal acknowledged: each entry's titles, oldest first, with
    the moment each was acknowledged."""

    samples: list[Sample] = field(default_factory=list)
    titles: dict[int, list[tuple[float, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def acknowledge(self, entry_id: int, title: str) -> None:
        with self.lock:
            self.titles.setdefault(entry_id, []).append((time.monotonic(), title))


def draft(title: str) -> dict:
    return {
        "title": title,
        "activity_date": (
            datetime.date.today() - datetime.timedelta(days=3)
        ).isoformat(),
        "cpd_type": "reading_research",
        "hours": "2",
        "description": "Reading about analytical assessment under load.",
        "learning": "Hypotheses should be tested with the family.",
        "impact": "I list competing explanations in my assessments now.",
        "reflective_model": "",
    }


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ENTRY_ID = re.compile(r"/portfolio/entries/(\d+)/")


class Person(threading.Thread):
    def __init__(self, base: str, email: str, password: str, ledger: Ledger, stop):
        super().__init__(daemon=True)
        import requests

        self.session = requests.Session()
        self.base, self.email, self.password = base, email, password
        self.ledger, self.stop = ledger, stop
        self.signed_in = threading.Event()

    def call(self, operation: str, method: str, path: str, **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(
                method, self.base + path, timeout=15, allow_redirects=False, **kwargs
            )
            status = response.status_code
        except Exception:  # noqa: BLE001 - no response is an error to count
            response, status = None, 0
        self.ledger.record(
            Sample(started, time.monotonic() - started, status, operation)
        )
        return response

    def token(self, path: str) -> str | None:
        response = self.call("form", "GET", path)
        found = response is not None and CSRF.search(response.text)
        return found.group(1) if found else None

    def sign_in(self) -> None:
        while not self.stop.is_set():
            token = self.token("/accounts/login/")
            response = self.call(
                "login",
                "POST",
                "/accounts/login/",
                data={
                    "login": self.email,
                    "password": self.password,
                    "csrfmiddlewaretoken": token or "",
                },
                headers={"Referer": self.base + "/accounts/login/"},
            )
            if (
                response is not None
                and response.status_code == 302
                and ("/accounts/login/" not in response.headers.get("Location", ""))
            ):
                self.signed_in.set()
                return
            time.sleep(1)

    def post_form(self, operation: str, path: str, data: dict):
        token = self.token(path)
        if token is None:
            return None
        return self.call(
            operation,
            "POST",
            path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": self.base + path},
        )

    def run(self) -> None:
        self.sign_in()
        turn = 0
        while not self.stop.is_set():
            turn += 1
            word = f"zq{secrets.token_hex(4)}"
            title = f"Load entry {word}"
            response = self.post_form("save", "/portfolio/entries/new/", draft(title))
            found = (
                response is not None
                and response.status_code == 302
                and (ENTRY_ID.search(response.headers.get("Location", "")))
            )
            if not found:
                time.sleep(0.5)
                continue
            entry_id = int(found.group(1))
            self.ledger.acknowledge(entry_id, title)
            edited = f"Edited entry {word}"
            response = self.post_form(
                "edit", f"/portfolio/entries/{entry_id}/edit/", draft(edited)
            )
            if response is not None and response.status_code == 302:
                self.ledger.acknowledge(entry_id, edited)
            self.call("search", "GET", "/search/", params={"q": word})
            if turn % 15 == 0:
                today = datetime.date.today()
                self.post_form(
                    "export",
                    "/portfolio/exports/",
                    {
                        "kind": "pdf",
                        "period_start": (
                            today - datetime.timedelta(days=30)
                        ).isoformat(),
                        "period_end": today.isoformat(),
                    },
                )


# --- The services --------------------------------------------------------------


class Stack:
    def __init__(self, args, workdir: Path):
        self.args, self.workdir = args, workdir
        self.processes: dict[str, subprocess.Popen] = {}
        database = urlparse(os.environ["DATABASE_URL"])
        search = urlparse(os.environ["ELASTICSEARCH_URL"])
        self.database = database
        self.database_name = f"bench_recovery_{secrets.token_hex(3)}"
        self.real_search = os.environ["ELASTICSEARCH_URL"]
        self.prefix = f"bench-recovery-{secrets.token_hex(3)}-"
        self.redis_port, self.pg_port, self.es_port, self.web_port = (
            free_port(),
            free_port(),
            free_port(),
            free_port(),
        )
        self.targets = {
            "pg-proxy": (self.pg_port, f"{database.hostname}:{database.port or 5432}"),
            "es-proxy": (self.es_port, f"{search.hostname}:{search.port or 9200}"),
        }
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": (
                f"postgres://{database.username}:{database.password}@127.0.0.1:"
                f"{self.pg_port}/{self.database_name}"
            ),
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:{self.redis_port}/0",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "ELASTICSEARCH_URL": f"http://127.0.0.1:{self.es_port}",
            "SEARCH_INDEX_PREFIX": self.prefix,
            "SEARCH_BREAKER_OPEN_SECONDS": "5",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        self.env.pop("PORTFOLIO_TEST_WORKER", None)

    def spawn(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "a")
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )
        self.processes[name] = process
        return process

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            [
                "/usr/bin/redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
        )
        wait_for_port(self.redis_port)

    def kill(self, name: str) -> None:
        process = self.processes.get(name)
        if process and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own commands
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def admin_connection(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=self.database.hostname,
            port=self.database.port or 5432,
            user=self.database.username,
            password=self.database.password,
            dbname=database,
            autocommit=True,
        )

    def up(self) -> list[str]:
        with self.admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{self.database_name}"')
        for name, (port, target) in self.targets.items():
            self.spawn(name, [sys.executable, __file__, "proxy", str(port), target])
            wait_for_port(port)
        self.start_redis()
        self.manage("migrate", "--no-input")
        emails = [f"load{n}@example.org" for n in range(self.args.users)]
        self.manage(
            "shell",
            "-c",
            (
                "from tests.factories.portfolio import UserFactory\n"
                "from tests.factories.portfolio import OrganisationFactory\n"
                "organisation = OrganisationFactory()\n"
                f"for email in {emails!r}:\n"
                "    user = UserFactory(email=email, organisation=organisation)\n"
                f"    user.set_password({PASSWORD!r}); user.save()\n"
            ),
        )
        self.spawn(
            "gunicorn",
            [
                str(BIN / "gunicorn"),
                "portal.wsgi",
                "-b",
                f"127.0.0.1:{self.web_port}",
                "-w",
                "3",
                "--timeout",
                "30",
            ],
        )
        self.start_worker()
        self.spawn(
            "beat",
            [
                str(ROOT / "scripts" / "supervise"),
                "--",
                str(BIN / "celery"),
                "-A",
                "portal",
                "beat",
                "--loglevel=INFO",
                "-s",
                str(self.workdir / "beat-schedule"),
            ],
        )
        wait_for_port(self.web_port)
        return emails

    def start_worker(self) -> None:
        self.spawn(
            "worker",
            [
                str(ROOT / "scripts" / "supervise"),
                "--",
                str(BIN / "celery"),
                "-A",
                "portal",
                "worker",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
        )

    # Faults: each returns the function that ends it.
    def stop_redis(self):
        self.kill("redis")
        return self.start_redis

    def stop_proxy(self, name: str):
        self.processes[name].send_signal(signal.SIGUSR1)
        return lambda: self.processes[name].send_signal(signal.SIGUSR2)

    def stop_worker(self):
        supervisor = self.processes["worker"]
        supervisor.send_signal(signal.SIGSTOP)  # no restart while it is down
        for child in (
            Path(f"/proc/{supervisor.pid}/task/{supervisor.pid}/children")
            .read_text()
            .split()
        ):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(child), signal.SIGKILL)
        return lambda: supervisor.send_signal(signal.SIGCONT)

    def down(self) -> None:
        for name in ("gunicorn", "beat", "worker"):
            process = self.processes.get(name)
            if process and process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=20)
            self.kill(name)
        for name in ("pg-proxy", "es-proxy", "redis"):
            self.kill(name)
        with contextlib.suppress(Exception), self.admin_connection() as connection:
            connection.execute(
                f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)'
            )
        with contextlib.suppress(Exception):
            from elasticsearch import Elasticsearch

            client = Elasticsearch(self.real_search)
            client.indices.delete(index=f"{self.prefix}*", expand_wildcards="all")


# --- Measuring recovery ----------------------------------------------------------


def backlog(stack: Stack, before: datetime.datetime) -> int:
    """Job rows recorded before ``before`` and still waiting."""
    with stack.admin_connection(stack.database_name) as connection:
        return sum(
            connection.execute(
                # The table names are our own constants, not input.
                f"SELECT count(*) FROM {table} WHERE status = %s "  # noqa: S608
                "AND created_at <= %s",
                (status, before),
            ).fetchone()[0]
            for table, status in (
                ("search_indexoperation", "pending"),
                ("portfolio_export", "pending"),
                ("portfolio_dispatch", "pending"),
            )
        )


def search_missing(stack: Stack, ledger: Ledger, before: float) -> int:
    """Entries whose change acknowledged before ``before`` Elasticsearch does
    not yet show (a later acknowledged title counts as shown)."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(stack.real_search, request_timeout=10)
    with ledger.lock:
        wanted = {
            entry_id: [
                title
                for at, title in titles
                if at >= max((at for at, _ in titles if at <= before), default=0)
            ]
            for entry_id, titles in ledger.titles.items()
            if any(at <= before for at, _ in titles)
        }
    if not wanted:
        return 0
    index = f"{stack.prefix}entries"
    client.indices.refresh(index=index)
    documents = client.mget(index=index, ids=[f"entry-{pk}" for pk in wanted])["docs"]
    shown = {
        int(doc["_id"].split("-")[1]): doc["_source"].get("title")
        for doc in documents
        if doc.get("found")
    }
    return sum(1 for pk, titles in wanted.items() if shown.get(pk) not in titles)


def recovery_seconds(stack, ledger, returned_mono, returned_at, limit) -> float | None:
    while time.monotonic() - returned_mono < limit:
        try:
            if backlog(stack, returned_at) == 0 and not search_missing(
                stack, ledger, returned_mono
            ):
                return time.monotonic() - returned_mono
        except Exception as error:  # noqa: BLE001 - keep polling
            print(f"  (check failed: {error})", file=sys.stderr)
        time.sleep(1)
    return None


def summary(samples: list[Sample]) -> tuple[int, int, float, float]:
    if not samples:
        return 0, 0, 0.0, 0.0
    seconds = sorted(sample.seconds for sample in samples)
    errors = sum(1 for sample in samples if sample.status == 0 or sample.status >= 500)
    p99 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))]
    return len(samples), errors, statistics.median(seconds), p99


def main() -> int:
    parser = argparse.ArgumentParser(description="Recovery under load (issue 20).")
    parser.add_argument("--fault-seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=20)
    parser.add_argument("--recovery-limit", type=float, default=120)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--faults", default="redis,elasticsearch,worker,postgresql")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-recovery-"))
    print(f"Logs in {workdir}", file=sys.stderr)
    stack = Stack(args, workdir)
    stop = threading.Event()
    ledger = Ledger()
    phases: list[tuple[str, float, float]] = []
    recoveries: dict[str, float | None] = {}
    try:
        emails = stack.up()
        people = [
            Person(f"http://127.0.0.1:{stack.web_port}", email, PASSWORD, ledger, stop)
            for email in emails
        ]
        for person in people:
            person.start()
        for person in people:
            person.signed_in.wait(timeout=60)
        start = time.monotonic()
        time.sleep(args.baseline_seconds)
        phases.append(("baseline", start, time.monotonic()))
        faults = {
            "redis": stack.stop_redis,
            "elasticsearch": lambda: stack.stop_proxy("es-proxy"),
            "worker": stack.stop_worker,
            "postgresql": lambda: stack.stop_proxy("pg-proxy"),
        }
        for name in args.faults.split(","):
            print(f"Stopping {name} for {args.fault_seconds:.0f} s", file=sys.stderr)
            start = time.monotonic()
            restore = faults[name]()
            time.sleep(args.fault_seconds)
            restore()
            returned_mono = time.monotonic()
            returned_at = datetime.datetime.now(datetime.UTC)
            phases.append((f"{name} down", start, returned_mono))
            recoveries[name] = recovery_seconds(
                stack, ledger, returned_mono, returned_at, args.recovery_limit
            )
            # Some ordinary load after each recovery before the next fault.
            time.sleep(
                max(0.0, args.baseline_seconds - (time.monotonic() - returned_mono))
            )
            phases.append((f"after {name}", returned_mono, time.monotonic()))
    finally:
        stop.set()
        time.sleep(2)
        stack.down()

    print(
        f"\nRecovery benchmark: {args.users} users, "
        f"faults of {args.fault_seconds:.0f} s\n"
    )
    print(
        f"{'phase':22} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7}  "
        "backlog empty and search complete after return"
    )
    for name, begin, end in phases:
        # By when the response came: a request in flight as a service
        # stops counts towards that outage.
        samples = [s for s in ledger.samples if begin <= s.started + s.seconds < end]
        count, errors, p50, p99 = summary(samples)
        recovered = ""
        if name.endswith(" down"):
            seconds = recoveries.get(name.removesuffix(" down"))
            recovered = (
                "not within the limit" if seconds is None else f"{seconds:.1f} s"
            )
        print(
            f"{name:22} {count:8} {errors:6} {p50 * 1000:7.0f} "
            f"{p99 * 1000:7.0f}  {recovered}"
        )
    statuses = {}
    for sample in ledger.samples:
        statuses[sample.status] = statuses.get(sample.status, 0) + 1
    print(
        f"\nStatuses: {dict(sorted(statuses.items()))}; "
        f"acknowledged entries: {len(ledger.titles)}"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "proxy":
        run_proxy(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(main())
