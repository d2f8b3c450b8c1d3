"""Sending: one real Celery worker (`--pool=solo`) on the Redis broker sends due nudges to a
local SMTP server; from enqueueing the task until the server has received the last one.

Baseline: the same messages, composed beforehand, sent over one SMTP connection by this
process with no database involved."""

import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careerplanner.nudges.content import compose, prepare
from careerplanner.nudges.models import Nudge
from tests.bench.report import Figure
from tests.bench.services import Process, free_port, wait_until
from tests.bench.smtp import SMTPServer


def choose_due(count: int) -> list[int]:
    """`count` step reminders the sweep wrote are due now; everything else it wrote is
    history (sent), as in a table that has been in use for a while."""
    first_due_soon = Case(
        When(kind=Nudge.Kind.DUE_SOON, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    ids = list(
        Nudge.objects.filter(kind__in=[Nudge.Kind.DUE_SOON, Nudge.Kind.OVERDUE])
        .order_by(first_due_soon, "pk")
        .values_list("pk", flat=True)[:count]
    )
    if len(ids) < count:
        raise RuntimeError(f"the sweep wrote only {len(ids)} step reminders, {count} needed")
    now = timezone.now()
    Nudge.objects.exclude(pk__in=ids).update(status=Nudge.Status.SENT, sent_at=now)
    Nudge.objects.filter(pk__in=ids).update(
        status=Nudge.Status.QUEUED,
        due_at=now - timedelta(minutes=1),
        attempts=0,
        claimed_by="",
        claimed_until=None,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE nudges_nudge")
    return ids


@dataclass
class Composing:
    ms: float  # per message
    queries: float  # per message


def compose_all(nudges: list[Nudge]) -> tuple[list, Composing]:
    """Composes as the worker does, batch by batch with the batch's data loaded at once; and
    measures it, which shows how much of the worker's time per message is composing."""
    size = settings.NUDGE_BATCH_SIZE
    messages = []
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for first in range(0, len(nudges), size):
            batch = nudges[first : first + size]
            prepare(batch)
            messages += [compose(nudge) for nudge in batch]
        seconds = time.perf_counter() - started
    if any(message is None for message in messages):
        raise RuntimeError("a chosen nudge has nothing to say; the seed data is wrong")
    return messages, Composing(1000 * seconds / len(nudges), len(queries) / len(nudges))


def baseline(server: SMTPServer, messages: list) -> float:
    """Messages per second for the prebuilt messages over one connection."""
    server.reset()
    backend = EmailBackend(host="127.0.0.1", port=server.port, use_tls=False, timeout=20)
    started = time.monotonic()
    backend.open()
    sent = backend.send_messages(messages)
    backend.close()
    wait_until(lambda: server.received >= len(messages), 60, "the baseline's messages")
    seconds = server.last.value - started
    if sent != len(messages) or server.received != len(messages):
        raise RuntimeError(f"baseline: sent {sent}, received {server.received}")
    return len(messages) / seconds


def worker(env: dict[str, str], server: SMTPServer, var_dir: Path, ids: list[int]) -> float:
    from careerplanner.nudges.tasks import send_due

    server.reset()
    env = {
        **env,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(server.port),
        "EMAIL_USE_TLS": "false",
        "LOG_LEVEL": "INFO",  # the worker says it is ready at INFO
    }
    log = var_dir / "worker.log"
    args = [sys.executable, "-m", "celery", "-A", "careerplanner", "worker", "--pool=solo"]
    args += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    with Process(args, env, log) as process:

        def ready() -> bool:
            process.check_alive()
            return " ready." in log.read_text(errors="replace")

        wait_until(ready, 60, "the Celery worker to be ready", log)
        started = time.monotonic()
        send_due.delay()
        wait_until(
            lambda: process.check_alive() or server.received >= len(ids),
            max(120, len(ids) / 10),
            f"{len(ids)} messages from the worker",
            log,
        )
        seconds = server.last.value - started
        sent = Nudge.objects.filter(pk__in=ids, status=Nudge.Status.SENT)
        wait_until(lambda: sent.count() == len(ids), 60, "every nudge to be marked sent", log)
        time.sleep(0.5)  # anything sent twice would have arrived by now
    if server.received != len(ids):
        raise RuntimeError(f"the worker sent {server.received} messages for {len(ids)} nudges")
    return len(ids) / seconds


def run(env: dict[str, str], var_dir: Path, count: int) -> list[Figure]:
    ids = choose_due(count)
    nudges = list(Nudge.objects.filter(pk__in=ids).select_related("user").order_by("pk"))
    messages, composing = compose_all(nudges)
    with SMTPServer(free_port()) as server:
        base = baseline(server, messages)
        rate = worker(env, server, var_dir, ids)
    print(f"sending: worker {rate:.0f} msg/s, baseline {base:.0f} msg/s ({count} messages)")
    worker_ms, smtp_ms = 1000 / rate, 1000 / base
    return [
        Figure(
            key="sending_rate",
            job="Sending",
            name=f"{count:,} due nudges, one Celery worker (solo pool) → SMTP",
            value=rate,
            unit="msg/s",
            baseline=base,
            baseline_name="the same messages prebuilt, one SMTP connection, no database",
            target="≥ 50 % of baseline",
            met=rate >= 0.5 * base,
            as_share=True,
            detail=f"{count / rate:.1f} s from enqueue to the last message received; "
            f"{worker_ms:.1f} ms a message, of which composing {composing.ms:.1f} ms "
            f"({composing.queries:.2f} queries)",
            limit=f"per message the worker spent {worker_ms:.1f} ms against {smtp_ms:.1f} ms "
            f"for the SMTP exchange alone. Composing, measured in this process as the worker "
            f"does it, took {composing.ms:.1f} ms and {composing.queries:.2f} queries a "
            f"message; claiming, marking rows sent and the rest of the worker's own work "
            f"took the other "
            f"{max(worker_ms - smtp_ms - composing.ms, 0):.1f} ms.",
        )
    ]
