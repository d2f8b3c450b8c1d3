"""A request and the task it queued log with the same request id. Real processes, as in
production: gunicorn and a Celery worker, both writing JSON lines (LOG_FORMAT=json)."""

import json
import re
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from careerplanner.reviews.advisors import make_advisor
from tests.conftest import purge_broker
from tests.nudges.test_worker import Worker, wait_for
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
ASK = "/reviews/plans/<uuid:plan_id>/ask/"


def json_lines(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


@pytest.fixture
def web(tmp_path):
    """gunicorn as deployed, on the test database, logging JSON."""
    server, url = gunicorn(tmp_path, LOG_FORMAT="json", LOG_LEVEL="INFO")
    yield url, server.log
    server.stop()


@pytest.fixture
def planner(make_user):
    return make_user(email="planner@example.com")


@pytest.fixture
def plan(planner, make_plan):
    return make_plan(planner, [("Learn Python", date(2026, 12, 1))])


@pytest.fixture
def advisor(db):
    return make_advisor("advisor@example.com")[0]


class Browser:
    """urllib with cookies: enough to post a form as a signed-in person."""

    def __init__(self, base: str, session: str):
        self.base = base
        self.cookies = {"sessionid": session}

    def open(self, path: str, form: dict | None = None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        request.add_header("Referer", self.base + path)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=10)
        except urllib.error.HTTPError as answer:  # a redirect, here
            response = answer
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return response


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_request_and_the_task_it_queued_log_the_same_request_id(
    client, planner, plan, advisor, smtp_server, web, tmp_path
):
    base, web_log = web
    purge_broker()  # tasks other tests left waiting would log under their own ids
    worker = Worker(smtp_server.port, tmp_path / "worker.log")
    # The same broker as the web: with the filesystem broker, the same folder.
    worker.env.update(LOG_FORMAT="json", VAR_DIR=str(tmp_path / "var"))
    worker.start()
    try:
        client.force_login(planner)
        browser = Browser(base, client.cookies["sessionid"].value)
        page = browser.open(f"/plans/{plan.id}/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answer = browser.open(
            f"/reviews/plans/{plan.id}/ask/", {"csrfmiddlewaretoken": token, "message": ""}
        )
        assert answer.status == 302
        request_id = answer.headers["X-Request-ID"]

        wait_for(lambda: smtp_server.messages, 60, worker, "the advisor's email")

        def sender_line():
            lines = json_lines(worker.log)
            return [line for line in lines if line["logger"] == "careerplanner.nudges.tasks"]

        wait_for(sender_line, 10, worker, "the sender's log line")
    finally:
        worker.stop()

    (asked,) = [line for line in json_lines(web_log) if line.get("route") == ASK]
    assert (asked["method"], asked["status"]) == ("POST", 302)
    assert asked["request_id"] == request_id
    # Other tasks may be waiting in the test broker; the one that sent the email is ours.
    (sent,) = [line for line in sender_line() if line["message"].startswith("nudges: 1 sent")]
    assert sent["request_id"] == request_id
