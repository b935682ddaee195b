"""A real ``celery -A portal worker`` in its own process, for fault tests: it
can lose a pool process or be killed outright, and be started again."""

import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
CELERY = ROOT / ".venv" / "bin" / "celery"


def database_url() -> str:
    """The test database (not the configured one): the worker must see the
    rows this test commits."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
        f"/{db['NAME']}"
    )


class Worker:
    def __init__(self, *, broker_url: str, outbox: Path, log: Path):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PORTFOLIO_TEST_WORKER": "1",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_RESULT_BACKEND": broker_url,
            "DJANGO_EMAIL_BACKEND": (
                "tests.portfolio.notifications.outbox.AppendingBackend"
            ),
            "PORTFOLIO_TEST_OUTBOX": str(outbox),
        }
        self.log = log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        name = f"fault-{secrets.token_hex(3)}@%h"
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "portal",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=2",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    name,
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so killing "the whole worker" takes
                # its pool processes with it, as a crashed host would.
                start_new_session=True,
            )
        self.starts += 1
        self.wait_for_pool()

    def pool_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            return []
        return [int(child) for child in children]

    def wait_for_pool(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.pool_pids()) >= 2:
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited; see {self.log}")
            time.sleep(0.1)
        raise RuntimeError(f"The worker's pool did not start; see {self.log}")

    def kill_pool_process(self) -> bool:
        pids = self.pool_pids()
        if not pids:
            return False
        os.kill(pids[0], signal.SIGKILL)
        return True

    def kill(self) -> None:
        """SIGKILL the main process and its pool: nothing is acknowledged."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A throwaway redis-server of our own (never the shared one), to stop and
    start again."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("The private redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
