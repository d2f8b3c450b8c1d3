"""When the nudge sweep last ran and how long it took, for /healthz and the metrics. Kept in
the cache, which the web and worker processes share."""

import logging
import time
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from careerplanner.nudges import sweep

log = logging.getLogger(__name__)
KEY = "nudges:last-sweep"


def timed_sweep(now: datetime | None = None) -> dict[str, int]:
    """Runs the sweep and records when it ran, how long it took and what it queued."""
    started, clock = timezone.now(), time.monotonic()
    created = sweep.sweep(now)
    seconds = round(time.monotonic() - clock, 3)
    log.info("sweep: %s new nudges in %.2f s", sum(created.values()), seconds)
    record = {"at": started.isoformat(), "seconds": seconds, "queued": sum(created.values())}
    try:
        cache.set(KEY, record, timeout=None)
    except Exception as error:  # a cache outage must not stop the reminders
        log.warning("could not record the sweep: %s", error)
    return created


def last_sweep() -> dict | None:
    """{"at": ISO time, "seconds": duration, "queued": new nudges}, or None if none ran."""
    try:
        return cache.get(KEY)
    except Exception:
        return None
