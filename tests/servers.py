"""Real servers for the tests that need them: gunicorn as deployed, nginx in front of it, and a
"black hole" that accepts connections and never answers (a hung database or Redis)."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url() -> str:
    """The test database as a URL, for a server process to share the test's data."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def get(url: str, timeout: float = 10, **headers) -> tuple[int, bytes, float]:
    """Status, body and seconds taken; an HTTP error status is an answer, not an exception."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - started


def wait_for(url: str, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s\n{log.read_text()[-3000:]}")


class BlackHole:
    """Accepts TCP connections, reads whatever comes, and never writes a byte back."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(conn)  # held open, never answered

    def close(self) -> None:
        self.stopped.set()
        for conn in self.accepted:
            conn.close()
        self.listener.close()


class Server:
    """A child process with its output in a log file, stopped for sure at the end."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def gunicorn(tmp_path: Path, **env: str) -> tuple[Server, str]:
    """gunicorn with the project's gunicorn.conf.py on a free port, as the image runs it.
    Returns the server and its base URL once /healthz answers (with any status)."""
    port = free_port()
    var = tmp_path / "var"
    var.mkdir(exist_ok=True)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerplanner.settings",
        "DATABASE_URL": test_database_url(),
        "VAR_DIR": str(var),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    log = tmp_path / "gunicorn.log"
    server = Server(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "careerplanner.wsgi:application",
        ],
        environment,
        log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/healthz", 30, log)
    except Exception:
        server.stop()
        raise
    return server, url
