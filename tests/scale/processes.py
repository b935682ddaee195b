"""Real portal processes for the many-processes test: gunicorn instances,
Celery workers and beats, all on one private Redis, the test database and the
test run's storage, logging JSON lines to files the test reads."""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import requests

from tests.portfolio.notifications.worker import database_url, free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"


def process_env(*, redis_url: str, extra: dict | None = None) -> dict:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTFOLIO_TEST_WORKER": "1",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": f"{redis_url}/0",
        "CELERY_RESULT_BACKEND": f"{redis_url}/0",
        "REDIS_URL": f"{redis_url}/1",
        "PORTFOLIO_TEST_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "PORTFOLIO_LOG_FORMAT": "json",
        "DJANGO_LOG_LEVEL": "INFO",
        # Emails (export ready…) stay in each process's memory, not files.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **(extra or {}),
    }
    if getattr(settings, "TEST_S3_PREFIX", None):
        env["PORTFOLIO_TEST_S3_PREFIX"] = settings.TEST_S3_PREFIX
    # Search would index into this run's indices from several processes;
    # the Elasticsearch cluster has a test of its own.
    env.pop("ELASTICSEARCH_URL", None)
    env.pop("DATABASE_REPLICA_URL", None)
    return env


class Process:
    def __init__(self, name: str, argv: list[str], env: dict, log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Process":
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM (a graceful stop), then SIGKILL what is left."""
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def json_lines(self) -> list[dict]:
        lines = []
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    pass
        return lines


def gunicorn(name: str, env: dict, tmp: Path) -> tuple[Process, str]:
    port = free_port()
    argv = [
        str(BIN / "gunicorn"),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=2",
        "--timeout=60",
        "--graceful-timeout=10",
    ]
    return Process(name, argv, env, tmp / f"{name}.log").start(), (
        f"http://127.0.0.1:{port}"
    )


def worker(name: str, env: dict, tmp: Path) -> Process:
    argv = [
        str(BIN / "celery"), "-A", "portal", "worker", "--pool=prefork",
        "--concurrency=1", "--loglevel=INFO", "--without-gossip",
        "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h",
    ]  # fmt: skip
    return Process(name, argv, env, tmp / f"{name}.log").start()


def beat(name: str, env: dict, tmp: Path) -> Process:
    argv = [
        str(BIN / "celery"), "-A", "portal", "beat", "--loglevel=INFO",
        "-s", str(tmp / f"{name}-schedule"), "--pidfile=",
    ]  # fmt: skip
    return Process(name, argv, env, tmp / f"{name}.log").start()


def wait_for(condition, what: str, *, timeout: float = 90, during=()) -> None:
    """Poll until ``condition()``; fail early if a process it needs died."""
    deadline = time.monotonic() + timeout
    while not condition():
        for process in during:
            if not process.alive():
                tail = process.log.read_text(errors="replace")[-3000:]
                raise AssertionError(f"{process.name} exited:\n{tail}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/health/live/", timeout=2).status_code == 200
    except requests.RequestException:
        return False
