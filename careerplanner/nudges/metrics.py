"""The nudge queue as Prometheus metrics, read at scrape time from the database, the broker
and the last sweep's record. Sending happens in worker processes (other containers, in
production) while /metrics is answered by the web: counting from the shared state, rather
than in each process's memory, makes every scrape see the same, exact figures."""

from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from careerplanner.celery import app as celery_app
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep_runs import last_sweep


class NudgeCollector(Collector):
    NAMES = (
        "careerplanner_nudges",
        "careerplanner_nudges_due",
        "careerplanner_celery_queue_messages",
        "careerplanner_nudge_sweep_duration_seconds",
        "careerplanner_nudge_sweep_last_run_timestamp_seconds",
    )

    def describe(self):
        # Without it, registering the collector would run collect(): queries at import time.
        for name in self.NAMES:
            yield GaugeMetricFamily(name, "")

    def collect(self):
        nudges = GaugeMetricFamily(
            "careerplanner_nudges",
            "Nudges by kind and status: queued, sending, sent, skipped or failed.",
            labels=["kind", "status"],
        )
        counts = Nudge.objects.order_by().values_list("kind", "status").annotate(Count("pk"))
        found = {(kind, status): n for kind, status, n in counts}
        for kind in Nudge.Kind.values:
            for status in Nudge.Status.values:
                nudges.add_metric([kind, status], found.get((kind, status), 0))
        yield nudges

        due = GaugeMetricFamily(
            "careerplanner_nudges_due", "Nudges that could be sent now: the sender's backlog."
        )
        due.add_metric([], Nudge.objects.claimable(timezone.now()).count())
        yield due

        waiting = _messages_waiting()
        if waiting is not None:
            queue = GaugeMetricFamily(
                "careerplanner_celery_queue_messages",
                "Celery tasks waiting in the broker's default queue.",
                labels=["queue"],
            )
            queue.add_metric([celery_app.conf.task_default_queue], waiting)
            yield queue

        sweep = last_sweep()
        if sweep:
            yield GaugeMetricFamily(
                "careerplanner_nudge_sweep_duration_seconds",
                "How long the last nudge sweep took.",
                value=sweep["seconds"],
            )
            yield GaugeMetricFamily(
                "careerplanner_nudge_sweep_last_run_timestamp_seconds",
                "When the last nudge sweep started (Unix time).",
                value=datetime.fromisoformat(sweep["at"]).timestamp(),
            )


def _messages_waiting() -> int | None:
    """Messages in the default queue, or None when the broker does not answer in time."""
    try:
        with celery_app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=1)
            name = celery_app.conf.task_default_queue
            # Declaring is harmless (workers declare it too) and answers for an empty queue,
            # which Redis does not keep.
            return connection.default_channel.queue_declare(name).message_count
    except Exception:
        return None
