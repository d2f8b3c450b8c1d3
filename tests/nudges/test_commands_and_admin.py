"""sendnudges --dry-run, the beat tick, and the admin's list and retry action."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.tasks import tick

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel("2026-11-30 10:00Z", tick=False):
        yield


@pytest.fixture
def late_step(make_user, make_plan):
    user = make_user(email="ada@example.com", wants_digest=False)
    return make_plan(user, [("Replicate a paper", timezone.localdate() - timedelta(days=2))])


def test_dry_run_says_who_would_get_what_and_why_and_changes_nothing(late_step):
    out = io.StringIO()
    call_command("sendnudges", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "ada@example.com: Step overdue" in text
    assert "a step's target date (2026-11-28) has passed" in text
    assert "Dry run: 1 new and 0 queued would be sent; nothing was changed." in text
    assert not Nudge.objects.exists()
    # Nobody was claimed either: the real sweep still finds them due.
    assert User.objects.get().nudges_due_at == late_step.owner.nudges_due_at
    call_command("sendnudges", "--dry-run", stdout=out)
    assert out.getvalue().count("ada@example.com: Step overdue") == 2


def test_sendnudges_sweeps_and_sends(late_step, mailoutbox):
    out = io.StringIO()
    call_command("sendnudges", stdout=out)
    assert "Sent 1" in out.getvalue()
    assert [m.subject for m in mailoutbox] == ["Overdue: Replicate a paper"]
    call_command("sendnudges", stdout=io.StringIO())
    assert len(mailoutbox) == 1  # once only


def test_the_beat_tick_sweeps_the_database(late_step):
    from careerplanner.celery import app

    app.conf.task_always_eager = True
    try:
        tick.apply()
    finally:
        app.conf.task_always_eager = False
    assert Nudge.objects.get().status == Nudge.Status.SENT


def test_admin_lists_nudges_with_their_error_and_retries_failed_ones(late_step, admin_client):
    call_command("sendnudges", stdout=io.StringIO())
    Nudge.objects.update(status=Nudge.Status.FAILED, last_error="SMTPServerDisconnected: gone")
    page = admin_client.get("/admin/nudges/nudge/?status__exact=failed").content.decode()
    assert "SMTPServerDisconnected: gone" in page and "ada@example.com" in page
    nudge = Nudge.objects.get()
    response = admin_client.post(
        "/admin/nudges/nudge/", {"action": "retry", "_selected_action": [nudge.pk]}
    )
    assert response.status_code == 302
    nudge.refresh_from_db()
    assert (nudge.status, nudge.attempts) == (Nudge.Status.QUEUED, 0)
