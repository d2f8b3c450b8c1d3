"""Errors reach Sentry through its SDK when SENTRY_DSN is set, and nothing is sent when it is
not. A local HTTP server stands in for Sentry; the app runs in a process of its own with a
database it cannot open, so a page fails as it would in production."""

import gzip
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUEST_A_PAGE = """
import django, sentry_sdk
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get("/guide/roles/", HTTP_HOST="localhost")
sentry_sdk.flush(timeout=5)
print(response.status_code, sentry_sdk.get_client().is_active())
"""


class FakeSentry(BaseHTTPRequestHandler):
    received: list[bytes]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def sentry():
    handler = type("Handler", (FakeSentry,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], handler.received
    server.shutdown()


def request_a_failing_page(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    result = subprocess.run(
        [sys.executable, "-c", REQUEST_A_PAGE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "careerplanner.settings",
            "DATABASE_URL": "sqlite:////nonexistent/folder/careerplanner.sqlite3",
            "LOG_LEVEL": "CRITICAL",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_an_error_is_reported_to_sentry_when_a_dsn_is_set(sentry):
    port, received = sentry
    status, active = request_a_failing_page(SENTRY_DSN=f"http://public@127.0.0.1:{port}/1")
    assert (status, active) == ("500", "True")
    events = [body for body in received if b'"type":"event"' in body]
    assert events, received
    assert b"OperationalError" in events[0]
    assert b"/guide/roles/" in events[0]


def test_nothing_is_sent_without_a_dsn(sentry):
    port, received = sentry
    status, active = request_a_failing_page()
    assert (status, active) == ("500", "False")
    assert received == []
