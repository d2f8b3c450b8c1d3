"""Celery tasks: thin wrappers that call the sweep and the sender."""

import logging

from celery import shared_task
from django.db import transaction

from careerplanner.nudges import sending
from careerplanner.nudges.content import compose, prepare
from careerplanner.nudges.sweep_runs import timed_sweep

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def tick() -> None:
    """Beat's only job: find what is due, then send it."""
    timed_sweep()
    send_due.delay()


@shared_task(ignore_result=True)
def send_due() -> dict:
    report = sending.send_due(compose, prepare=prepare)
    log.info(
        "nudges: %s sent, %s skipped, %s to retry, %s failed",
        report.sent,
        report.skipped,
        report.retried,
        report.failed,
    )
    return {"sent": report.sent, "skipped": report.skipped, "retried": report.retried}


def send_soon() -> None:
    """Asks a worker to send what is due, once the current transaction has committed.

    The nudge rows are the outbox: they are saved whether or not the broker takes the task,
    and the next tick sends them anyway. So a broker that is down or hung is logged here,
    never turned into a 500 for a person whose change was saved."""
    transaction.on_commit(_publish_send_due)


def _publish_send_due() -> None:
    try:
        send_due.delay()
    except Exception:  # kombu raises several kinds; each means the same thing here
        log.warning("Could not queue send_due; the next tick sends the nudges.", exc_info=True)
