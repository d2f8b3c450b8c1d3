"""Celery tasks: thin wrappers that call the sweep and the sender."""

from celery import shared_task

from careerplanner.nudges import sending, sweep
from careerplanner.nudges.content import compose, prepare


@shared_task(ignore_result=True)
def tick() -> None:
    """Beat's only job: find what is due, then send it."""
    sweep.sweep()
    send_due.delay()


@shared_task(ignore_result=True)
def send_due() -> dict:
    report = sending.send_due(compose, prepare=prepare)
    return {"sent": report.sent, "skipped": report.skipped, "retried": report.retried}
