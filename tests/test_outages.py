"""A database, broker or cache that accepts connections and never answers (issue 12,
findings 2 and 3): /healthz answers 503 within two seconds naming it, pages fail fast,
sign-in works without the cache, and a saved request never answers 500 for want of a broker.

The servers here are real: gunicorn with the project's config, and a TCP "black hole"."""

import http.cookiejar
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.cache import caches
from django.urls import reverse

from careerplanner.cache import FailOpenRedisCache
from careerplanner.celery import app as celery_app
from careerplanner.reviews.models import ReviewRequest
from tests.servers import BlackHole, get, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()


def hung(dependency: str, port: int) -> dict[str, str]:
    """The environment that points one dependency at the black hole."""
    return {
        "database": {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/hung"},
        "broker": {"CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0"},
        "cache": {"CACHE_URL": f"redis://127.0.0.1:{port}/0"},
    }[dependency]


@pytest.fixture
def server_with(tmp_path, black_hole, catalog):
    started = []

    def start(dependency: str) -> str:
        server, url = gunicorn(tmp_path, **hung(dependency, black_hole.port))
        started.append(server)
        return url

    yield start
    for server in started:
        server.stop()


@pytest.mark.parametrize("dependency", ["database", "broker", "cache"])
def test_healthz_answers_503_within_two_seconds_naming_what_hangs(server_with, dependency):
    url = server_with(dependency)
    status, body, seconds = get(url + "/healthz")
    found = json.loads(body)
    assert status == 503
    assert seconds < 2
    # "timeout: ..." when our deadline ends it, "error: TimeoutError" when its own does.
    assert found[dependency].startswith(("timeout", "error: TimeoutError"))
    others = {
        name: state for name, state in found.items() if name in ("database", "broker", "cache")
    }
    assert all(state == "ok" for name, state in others.items() if name != dependency), found


def test_a_page_fails_fast_when_the_database_hangs(server_with):
    url = server_with("database")
    status, _, seconds = get(url + "/guide/roles/")
    assert status == 500
    assert seconds < 5  # the connect timeout (3 s), not gunicorn's 35 s


def test_pages_work_when_the_cache_hangs(server_with):
    url = server_with("cache")
    status, _, seconds = get(url + "/guide/roles/")
    assert (status, seconds < 2) == (200, True)


class Browser:
    """Cookies, CSRF tokens and no redirects followed: enough of a browser to sign in and
    post a form to a real server."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def post_form(self, path: str, fields: dict, form_path: str = "") -> tuple[int, float]:
        """GETs the page with the form (for its CSRF token), then POSTs; status and seconds."""
        form = self.opener.open(self.url + (form_path or path), timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        started = time.monotonic()
        try:
            status = self.opener.open(self.url + path, data=data, timeout=60).status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.monotonic() - started

    def sign_in(self, email: str, password: str) -> tuple[int, float]:
        return self.post_form("/accounts/login/", {"login": email, "password": password})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def real_hasher(settings):
    # The server checks passwords with the real hasher, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_sign_in_works_when_the_cache_hangs(server_with, make_user, password, real_hasher):
    user = make_user("hung-cache@example.com")
    status, seconds = Browser(server_with("cache")).sign_in(user.email, password)
    assert status == 302  # signed in, on to the next page
    assert seconds < 10


def test_asking_for_a_review_when_the_broker_hangs_is_saved_and_answers(
    server_with, make_user, make_plan, password, real_hasher
):
    from datetime import date

    planner = make_user("hung-broker@example.com")
    plan = make_plan(planner, [("Learn Python", date(2026, 12, 1))])
    browser = Browser(server_with("broker"))
    assert browser.sign_in(planner.email, password)[0] == 302
    status, seconds = browser.post_form(
        reverse("reviews:ask", args=[plan.pk]), {"message": "Hi"}, form_path=plan.get_absolute_url()
    )
    assert status == 302  # back to the plan, not a 500
    assert seconds < 10  # two tries at the broker, each ended by its socket timeout
    assert ReviewRequest.objects.filter(plan=plan).exists()


# ----- in the test's own process: Redis refusing connections --------------------------------


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "careerplanner.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    yield caches["default"]
    FailOpenRedisCache._away_until = 0.0  # the next test's cache is a working one


def test_sign_in_works_with_redis_down_and_says_so_in_the_log(
    client, user, password, cache_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="careerplanner.cache"):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": password}
        )
    assert response.status_code == 302
    assert response.wsgi_request.user == user
    assert any(record.name == "careerplanner.cache" for record in caplog.records)


@pytest.fixture
def broker_down(monkeypatch):
    nowhere = "redis://127.0.0.1:9/0"
    monkeypatch.setenv("CELERY_BROKER_URL", nowhere)
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = nowhere
    _forget_broker_connections()
    yield
    celery_app.conf.broker_url = original
    _forget_broker_connections()


def _forget_broker_connections() -> None:
    # Celery keeps a pool of connections to the broker it first talked to; without this the
    # task would still go to the real one.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_asking_for_a_review_with_the_broker_down_is_saved_and_sent_later(
    client, make_user, make_plan, broker_down, smtp_server, caplog
):
    from datetime import date

    from careerplanner.nudges.content import compose, prepare
    from careerplanner.nudges.models import Nudge
    from careerplanner.nudges.sending import send_due
    from careerplanner.reviews.advisors import make_advisor

    make_advisor("advisor@example.com")
    planner = make_user("asker@example.com")
    plan = make_plan(planner, [("Learn Python", date(2026, 12, 1))])
    client.force_login(planner)
    with caplog.at_level(logging.WARNING, logger="careerplanner.nudges.tasks"):
        response = client.post(reverse("reviews:ask", args=[plan.pk]), {"message": "Hi"})
    assert response.status_code == 302
    assert ReviewRequest.objects.filter(plan=plan).exists()
    assert "the next tick sends the nudges" in caplog.text
    # The nudge rows were the outbox: the next tick's sender sends them.
    assert Nudge.objects.filter(kind=Nudge.Kind.REVIEW_REQUESTED, sent_at__isnull=True).exists()
    send_due(compose, prepare=prepare)
    assert [m["To"] for m in smtp_server.messages] == ["advisor@example.com"]
