"""A real Celery worker process, on the broker the settings name (Redis in CI), sends
nudges to a real SMTP server that the test runs; and survives being killed mid-batch."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.utils import timezone

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep import sweep
from careerplanner.nudges.tasks import send_due
from careerplanner.plans.models import Plan, PlanStep

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process, pointed at the test database and SMTP server."""

    def __init__(self, smtp_port: int, log: Path):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            "NUDGE_LEASE_SECONDS": "3",
            "NUDGE_BATCH_SIZE": "50",
        }
        self.log = log
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "careerplanner",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker(smtp_server, tmp_path):
    worker = Worker(smtp_server.port, tmp_path / "worker.log")
    yield worker
    worker.stop()


def people_with_steps_due(count: int) -> None:
    """`count` verified people, each with one step due in two days: one nudge each."""
    soon = timezone.localdate() + timedelta(days=2)
    users = User.objects.bulk_create(
        User(email=f"p{n}@example.com", name=f"Person {n}", nudge_hour=0, wants_digest=False)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    plans = Plan.objects.bulk_create(
        Plan(owner=u, title="Into AI safety", start_date=soon, hours_per_week=5) for u in users
    )
    PlanStep.objects.bulk_create(
        PlanStep(plan=p, stage="foundations", title="Learn PyTorch", position=0, target_date=soon)
        for p in plans
    )
    sweep(timezone.now())
    assert Nudge.objects.filter(kind=Nudge.Kind.DUE_SOON).count() == count


def wait_for(condition, seconds: float, worker: Worker, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(
                f"timed out waiting for {what}; worker log:\n{worker.log.read_text()[-3000:]}"
            )
        time.sleep(0.2)


def test_a_worker_sends_a_due_nudge_with_both_unsubscribe_headers(worker, smtp_server):
    people_with_steps_due(1)
    worker.start()
    send_due.delay()
    wait_for(lambda: smtp_server.messages, 60, worker, "the email")
    message = smtp_server.messages[0]
    assert message["To"] == "p0@example.com"
    assert "nudges/unsubscribe/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    wait_for(
        lambda: Nudge.objects.filter(status=Nudge.Status.SENT).exists(), 10, worker, "the mark"
    )


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_what_was_in_flight(
    worker, smtp_server
):
    total = 1000
    people_with_steps_due(total)
    worker.start()
    send_due.delay()
    wait_for(lambda: len(smtp_server.messages) >= 225, 120, worker, "the first 225 emails")
    worker.kill()
    in_flight = Nudge.objects.filter(status=Nudge.Status.SENDING).count()
    received_at_kill = len(smtp_server.messages)

    worker.start()

    def all_received() -> bool:
        # As beat would, keep asking; rows of the dead worker come back when its lease ends.
        if Nudge.objects.exclude(status=Nudge.Status.SENT).exists():
            send_due.delay()
            time.sleep(1)
            return False
        return True

    wait_for(all_received, 240, worker, "every nudge to be sent")
    received = Counter(message["To"] for message in smtp_server.messages)
    twice = sum(count - 1 for count in received.values())
    print(
        f"\nkill test: {total} due, {received_at_kill} received before the kill, "
        f"{in_flight} in flight at the kill, {len(received)} distinct received, "
        f"{twice} received twice"
    )
    assert len(received) == total
    assert twice <= in_flight
