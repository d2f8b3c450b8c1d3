import json
import os
import subprocess
import sys

import pytest
import time_machine
from django.test import override_settings

from careerplanner.celery import app as celery_app


def test_healthz_answers_200_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "ok",
        "last_sweep": None,
    }


def test_healthz_says_when_the_sweep_last_ran(client, db):
    from careerplanner.nudges.sweep_runs import timed_sweep

    with time_machine.travel("2026-03-02 09:30:00+00:00", tick=False):
        timed_sweep()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["last_sweep"] == "2026-03-02T09:30:00+00:00"


@pytest.fixture
def unreachable_broker(monkeypatch):
    nowhere = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    # Celery prefers the environment variable over its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", nowhere)
    original = celery_app.conf.broker_url, celery_app.conf.broker_transport
    # Without a broker named, the settings choose our filesystem transport by class.
    celery_app.conf.broker_url, celery_app.conf.broker_transport = nowhere, None
    yield
    celery_app.conf.broker_url, celery_app.conf.broker_transport = original


def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, db, unreachable_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")


def test_healthz_answers_503_when_the_database_is_down(client, db, settings):
    from django.db import connection

    original = connection.settings_dict.copy()
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "9"
    else:
        connection.settings_dict["NAME"] = "/nonexistent/folder/db.sqlite3"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")


def test_healthz_names_a_cache_it_cannot_even_make(client, db, settings):
    broken = {**settings.CACHES, "default": {"BACKEND": "no.such.Backend"}}
    with override_settings(CACHES=broken):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error: InvalidCacheBackendError"
    assert response.json()["database"] == "ok"


def test_a_new_processes_first_check_finds_every_client_whole(db, settings):
    """The first check in a new worker: the clients' modules are imported before the probes'
    threads start. Imported in the threads, the broker's and the cache's Redis clients could
    meet half-imported (an ImportError or _DeadlockError, in about one new process in five)."""
    script = (
        "import json, django; django.setup(); from careerplanner import health; "
        "print(json.dumps(health.states()))"
    )
    for _ in range(8):
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "careerplanner.settings"},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        found = json.loads(run.stdout.splitlines()[-1])
        # The database is the test run's own, which a new process does not name: not asked.
        assert found["broker"] == "ok" and found["cache"] == "ok", found
