"""/metrics: the nudge figures move when a nudge is sent, requests are counted, and only the
allowed addresses or the token holder can read it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from careerplanner.nudges.sweep_runs import timed_sweep
from careerplanner.nudges.tasks import send_due
from tests.conftest import purge_broker
from tests.servers import get, gunicorn


def scrape(client, **headers) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def nudges(metrics, kind: str, status: str) -> float:
    return metrics[("careerplanner_nudges", (("kind", kind), ("status", status)))]


@pytest.fixture
def due_step(make_user, make_plan):
    """A verified person with a step due tomorrow, whose reminder hour has come."""
    person = make_user(nudge_hour=0, wants_digest=False)
    make_plan(person, [("Learn PyTorch", timezone.localdate() + timedelta(days=1))])
    return person


def test_the_nudge_figures_move_after_a_send(client, due_step, smtp_server):
    before = scrape(client)
    timed_sweep()
    queued = scrape(client)
    assert nudges(queued, "due_soon", "queued") == nudges(before, "due_soon", "queued") + 1
    assert queued[("careerplanner_nudges_due", ())] == 1
    assert queued[("careerplanner_nudge_sweep_duration_seconds", ())] >= 0

    send_due()

    after = scrape(client)
    assert len(smtp_server.messages) == 1
    assert nudges(after, "due_soon", "sent") == nudges(before, "due_soon", "sent") + 1
    assert nudges(after, "due_soon", "queued") == nudges(before, "due_soon", "queued")
    assert after[("careerplanner_nudges_due", ())] == 0


def test_requests_are_counted_by_view(client, db):
    def healthz_requests(metrics):
        key = ("django_http_requests_total_by_view_transport_method_total", ())
        return sum(
            value
            for (name, labels), value in metrics.items()
            if name == key[0] and ("view", "healthz") in labels
        )

    before = healthz_requests(scrape(client))
    client.get("/healthz")
    client.get("/healthz")
    assert healthz_requests(scrape(client)) == before + 2


def test_the_broker_queue_is_measured(client, db):
    waiting = ("careerplanner_celery_queue_messages", (("queue", "celery"),))
    before = scrape(client)[waiting]
    send_due.delay()  # no worker runs during this test: the message waits
    assert scrape(client)[waiting] == before + 1
    purge_broker()


def test_other_addresses_get_nothing(client, db):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 404


def test_the_token_opens_it_from_anywhere(client, db, settings):
    settings.METRICS_TOKEN = "a-long-scrape-token"
    away = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **away).status_code == 404
    scrape(client, HTTP_AUTHORIZATION="Bearer a-long-scrape-token", **away)


@pytest.mark.django_db(transaction=True)
def test_gunicorn_workers_add_up_their_requests(tmp_path):
    """As the image runs it: two gunicorn processes, PROMETHEUS_MULTIPROC_DIR set. Whichever
    process answers the scrape counts the requests both served, and the nudge figures too."""
    server, url = gunicorn(
        tmp_path, GUNICORN_WORKERS="2", PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus")
    )
    try:

        def served(metrics: str) -> float:
            return sum(
                sample.value
                for family in text_string_to_metric_families(metrics)
                for sample in family.samples
                if sample.name == "django_http_requests_total_by_view_transport_method_total"
                and sample.labels["view"] == "healthz"
            )

        before = served(get(url + "/metrics")[1].decode())
        for _ in range(20):
            status, body, _ = get(url + "/healthz")
            assert status == 200, body
        status, body, _ = get(url + "/metrics")
        assert status == 200
        assert served(body.decode()) == before + 20
        assert b'careerplanner_nudges{kind="digest",status="sent"}' in body
    finally:
        server.stop()
