"""The benchmark's own PostgreSQL database and Redis database, the environment every process
it starts gets, and small helpers to start and wait for those processes."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]

# Never the tests' or the developer's data: a database and a Redis database of its own.
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careerplanner_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


def environment(var_dir: Path) -> dict[str, str]:
    """What every process of the benchmark sees: production-like settings on its own data."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",  # the app plus the benchmark's pages
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CACHE_URL": REDIS_URL,
        "VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "true",
        "EMAIL_HOST": "",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def _maintenance_url() -> tuple[str, str]:
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"BENCH_DATABASE_URL={DATABASE_URL!r} names no database.")
    return urlunsplit(parts._replace(path="/postgres")), name


def create_database() -> None:
    """Drops the benchmark's database if a crashed run left it, and creates it empty."""
    url, name = _maintenance_url()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database() -> None:
    url, name = _maintenance_url()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def flush_redis() -> None:
    """Empties only the benchmark's own Redis database: no task of an earlier run is left."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wait_until(condition: Callable[[], bool], seconds: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"timed out after {seconds:.0f} s waiting for {what}\n{tail}")
        time.sleep(0.05)


class Process:
    """A child process with its output in a log file, stopped for sure when the run ends."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        self.popen = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
        )

    def check_alive(self) -> None:
        if self.popen.poll() is not None:
            tail = self.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{self.popen.args[:4]} exited with {self.popen.returncode}\n{tail}")

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)

    def __enter__(self) -> "Process":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[tuple[int, Process]]:
    """gunicorn as deployed (it reads gunicorn.conf.py from ROOT) on a free local port, once
    it answers /healthz; yields the port and the process."""
    port = free_port()
    server = Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "careerplanner.wsgi:application",
            f"--bind=127.0.0.1:{port}",
        ],
        env,
        log,
    )
    with server:

        def healthy() -> bool:
            server.check_alive()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    return r.status == 200
            except OSError:
                return False

        wait_until(healthy, 60, "gunicorn to answer /healthz", log)
        yield port, server
