"""/healthz: whether the database, the broker and the cache answer, for load balancers and
compose. It answers within two seconds even when one of them hangs, and names which. It also
says when the nudge sweep last ran."""

import threading
import time
from collections.abc import Callable

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from careerplanner.celery import app as celery_app
from careerplanner.nudges.sweep_runs import last_sweep

# Each check is made in the request thread, which imports its client's modules, and only its
# probe, the network part, runs in a thread of its own: made in threads at once on a new
# worker, the broker and cache checks imported redis together and one could find it
# half-imported. A probe that has not answered by the deadline is reported as hung; the
# deadline is below the two seconds a load balancer is promised, with room for the response.
DEADLINE_SECONDS = 1.5


def _database() -> Callable[[], None]:
    # A connection of its own, so a hung database cannot wedge the request thread's one,
    # and its connect_timeout (settings.py) ends the thread soon after the deadline.
    connection = connections.create_connection("default")
    connection.inc_thread_sharing()  # made here, used by the probe's thread

    def probe() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            connection.close()
            connection.dec_thread_sharing()

    return probe


def _broker() -> Callable[[], None]:
    conn = celery_app.connection_for_write()
    is_redis = conn.transport.driver_type == "redis"

    def probe() -> None:
        with conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=DEADLINE_SECONDS)
            if is_redis:
                conn.default_channel.client.ping()  # connecting alone proves nothing answers

    return probe


def _cache() -> Callable[[], None]:
    cache = caches.create_connection("default")
    if hasattr(cache, "client"):  # django-redis, which would hide the error: ask Redis itself
        return cache.client.get_client().ping
    return lambda: cache.set("healthz", "ok", 5)


CHECKS = {"database": _database, "broker": _broker, "cache": _cache}


def _made(make) -> Callable[[], None]:
    """The check's probe; if the check cannot even be made, a probe that fails with why."""
    try:
        return make()
    except Exception as error:  # a check that cannot be made is not answering either

        def fail(error: Exception = error) -> None:
            raise error

        return fail


class _Check(threading.Thread):
    def __init__(self, probe: Callable[[], None]):
        super().__init__(daemon=True)
        self.probe = probe
        self.state = None

    def run(self) -> None:
        try:
            self.probe()
            self.state = "ok"
        except Exception as error:  # any failure means "not answering"
            self.state = f"error: {error.__class__.__name__}"


def states() -> dict[str, str]:
    running = {name: _Check(_made(make)) for name, make in CHECKS.items()}
    for check in running.values():
        check.start()
    deadline = time.monotonic() + DEADLINE_SECONDS
    for check in running.values():
        check.join(max(deadline - time.monotonic(), 0))
    return {
        name: check.state or f"timeout: no answer within {DEADLINE_SECONDS} s"
        for name, check in running.items()
    }


@never_cache
@require_GET
def healthz(request):
    found = states()
    healthy = all(state == "ok" for state in found.values())
    body = {"status": "ok" if healthy else "error", **found}
    # When the nudge sweep last ran (from the cache, so only when the cache answered):
    # reported, not judged, since a stopped beat is not the web's fault; alert on the metric.
    sweep = last_sweep() if found["cache"] == "ok" else None
    body["last_sweep"] = sweep and sweep["at"]
    return JsonResponse(body, status=200 if healthy else 503)
