"""nginx in front of gunicorn, as docker-compose.yml deploys them (issue 12, findings 1 and
7): slow clients cannot take the site down, big bodies are refused at the door, responses
are compressed and static files cached."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import ROOT, Server, free_port, get, gunicorn, wait_for

# The database is set up only for a run holding a test that asks for it.
pytestmark = pytest.mark.django_db

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 12  # more than all of gunicorn's threads (2 workers x 4 threads)


@pytest.fixture(scope="module")
def nginx_binary():
    if not Path(NGINX).exists():
        message = "no nginx: apt-get install nginx"
        if os.environ.get("REQUIRE_PROXY"):
            pytest.fail(message)
        pytest.skip(message)
    return NGINX


def render(listen_port: int, upstream: str) -> str:
    """What the nginx image's envsubst makes of the template: only our two names change."""
    text = TEMPLATE.read_text()
    text = text.replace("${LISTEN_PORT}", str(listen_port)).replace("${UPSTREAM}", upstream)
    assert "${" not in text.replace("# them in", "")  # nothing else was meant to be filled in
    return text


def nginx_args(prefix: Path) -> list[str]:
    # As root, nginx's workers would drop to `nobody`, who cannot enter pytest's folders.
    user = "user root; " if os.geteuid() == 0 else ""
    return [NGINX, "-p", f"{prefix}/", "-c", "nginx.conf", "-e", "stderr", "-g", user]


def prepare(prefix: Path, listen_port: int, upstream: str) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "nginx.conf").write_text(render(listen_port, upstream))


def test_the_committed_config_passes_nginx_t(nginx_binary, tmp_path):
    prepare(tmp_path, free_port(), "127.0.0.1:8000")
    args = nginx_args(tmp_path)
    args[-1] += "daemon off;"
    result = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.fixture(scope="module")
def stack(nginx_binary, django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn with the project's config, and nginx with the committed one in front."""
    tmp = tmp_path_factory.mktemp("stack")
    var = tmp / "var"
    env = {"VAR_DIR": str(var), "TRUSTED_PROXY_COUNT": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )
    with django_db_blocker.unblock():
        app, app_url = gunicorn(tmp, **env)
    port = free_port()
    prepare(tmp / "nginx", port, app_url.removeprefix("http://"))
    args = nginx_args(tmp / "nginx")
    args[-1] += "daemon off;"
    proxy = Server(args, dict(os.environ), tmp / "nginx.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/healthz", 20, tmp / "nginx.log")
        yield {"proxy": url, "app": app_url, "port": port}
    finally:
        proxy.stop()
        app.stop()


class SlowClient(threading.Thread):
    """Sends a request's headers a line every two seconds, as the attack did."""

    def __init__(self, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.stop = port, stop

    def run(self) -> None:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as conn:
                conn.sendall(b"GET /guide/roles/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                for n in range(30):
                    if self.stop.wait(2):
                        return
                    conn.sendall(f"X-Slow-{n}: still typing\r\n".encode())
        except OSError:
            return  # the server gave up on us: that is the point


def slowest_healthz(url: str, port: int, probes: int = 5) -> float:
    stop = threading.Event()
    clients = [SlowClient(port, stop) for _ in range(SLOW_CLIENTS)]
    for client in clients:
        client.start()
    time.sleep(1)  # every slow client has connected and is part way through its headers
    try:
        times = []
        for _ in range(probes):
            status, _, seconds = get(url + "/healthz", timeout=60)
            assert status == 200
            times.append(seconds)
            time.sleep(0.5)
        return max(times)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)


def test_slow_clients_through_the_proxy_leave_healthz_under_a_second(stack):
    assert slowest_healthz(stack["proxy"], stack["port"]) < 1


def test_a_body_over_the_limit_is_refused_by_the_proxy(stack):
    with socket.create_connection(("127.0.0.1", stack["port"]), timeout=10) as conn:
        conn.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\n"
            + f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode()
            + b"x" * 65536
        )
        answer = conn.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


def test_pages_are_compressed_and_static_files_cached(stack):
    import urllib.request

    request = urllib.request.Request(
        stack["proxy"] + "/static/css/site.css", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as first:
        assert first.headers["Content-Encoding"] == "gzip"
    with urllib.request.urlopen(request, timeout=10) as second:
        assert second.headers["X-Cache"] == "HIT"


def test_gunicorn_is_not_what_answers_on_the_proxy_port(stack):
    status, body, _ = get(stack["proxy"] + "/healthz")
    assert status == 200, body
    with socket.create_connection(("127.0.0.1", stack["port"]), timeout=5) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        head = conn.recv(4096)
    assert b"Server: nginx" in head


def test_the_app_logs_under_the_proxys_request_id(stack):
    request = urllib.request.Request(stack["proxy"] + "/healthz")
    with urllib.request.urlopen(request, timeout=10) as response:
        request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0  # nginx's $request_id
    with urllib.request.urlopen(stack["proxy"] + "/healthz", timeout=10) as response:
        assert response.headers["X-Request-ID"] != request_id  # one per request


def test_metrics_are_not_served_through_the_proxy(stack):
    assert get(stack["proxy"] + "/metrics")[0] == 404
    assert get(stack["app"] + "/metrics")[0] == 200  # the scraper's way in, from inside
