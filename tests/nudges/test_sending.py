"""The sender: claims are exclusive, leases recover crashes, failures retry then stop."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.utils import timezone

from careerplanner.nudges import sending
from careerplanner.nudges.content import compose, prepare
from careerplanner.nudges.models import MAX_ATTEMPTS, Nudge
from careerplanner.nudges.sweep import sweep

TODAY = date(2026, 11, 30)


@pytest.fixture
def due_nudges(make_user, make_plan):
    """Sweeps `count` due-soon reminders, one per person, all due now."""

    def make(count: int) -> list[Nudge]:
        for n in range(count):
            user = make_user(email=f"p{n}@example.com", name=f"Person {n}", wants_digest=False)
            make_plan(user, [(f"Replicate paper {n}", TODAY + timedelta(days=2))])
        sweep(timezone.now())
        return list(Nudge.objects.filter(kind=Nudge.Kind.DUE_SOON))

    return make


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel("2026-11-30 10:00Z", tick=False):
        yield


def test_claim_takes_only_due_queued_rows(due_nudges):
    first, second, third = due_nudges(3)
    Nudge.objects.filter(pk=second.pk).update(due_at=timezone.now() + timedelta(hours=1))
    Nudge.objects.filter(pk=third.pk).update(status=Nudge.Status.SENT)
    token = sending.claim(10)
    assert list(Nudge.objects.filter(claimed_by=token).values_list("pk", flat=True)) == [first.pk]
    assert Nudge.objects.get(pk=first.pk).status == Nudge.Status.SENDING


def test_two_claims_never_share_a_row(due_nudges):
    due_nudges(5)
    mine = set(Nudge.objects.filter(claimed_by=sending.claim(3)).values_list("pk", flat=True))
    theirs = set(Nudge.objects.filter(claimed_by=sending.claim(3)).values_list("pk", flat=True))
    assert len(mine) == 3 and len(theirs) == 2
    assert not mine & theirs


@pytest.mark.django_db(transaction=True)
def test_two_threads_claiming_at_once_get_disjoint_rows(due_nudges):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks with SKIP LOCKED: runs on PostgreSQL (as CI does)")
    due_nudges(40)
    barrier = threading.Barrier(2)
    claimed: list[set] = []

    def worker():
        try:
            barrier.wait()
            token = sending.claim(25)
            claimed.append(set(Nudge.objects.filter(claimed_by=token).values_list("pk", flat=True)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = claimed
    assert not first & second
    assert len(first | second) == 40


def test_a_claim_whose_lease_ran_out_is_taken_over(due_nudges):
    (nudge,) = due_nudges(1)
    crashed = sending.claim(10)  # a worker claims, then dies before sending
    assert sending.claim(10) and not Nudge.objects.exclude(claimed_by=crashed).filter(
        status=Nudge.Status.SENDING
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        token = sending.claim(10)
    assert Nudge.objects.get(pk=nudge.pk).claimed_by == token != crashed


def test_sending_marks_sent_over_one_connection_with_unsubscribe_headers(due_nudges, smtp_server):
    due_nudges(3)
    report = sending.send_due(compose)
    assert report.sent == 3
    assert smtp_server.connections == 1
    assert set(Nudge.objects.values_list("status", flat=True)) == {Nudge.Status.SENT}
    message = smtp_server.messages[0]
    assert message["Subject"].startswith("Due in 2 days: Replicate paper")
    unsubscribe = "".join(message["List-Unsubscribe"].split())  # long headers are folded
    assert unsubscribe.startswith("<http://localhost:8000/nudges/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = (part.get_payload(decode=True).decode() for part in message.get_payload())
    assert "Hi Person" in text and "Into AI safety" in text
    assert "/plans/" in html and "#step-" in html and "Stop these emails" in html


def test_a_reminder_that_no_longer_matters_is_skipped(due_nudges, mailoutbox):
    (nudge,) = due_nudges(1)
    nudge.user.plans.get().steps.update(status="done")
    report = sending.send_due(compose)
    assert (report.sent, report.skipped) == (0, 1)
    assert mailoutbox == []
    assert Nudge.objects.get().status == Nudge.Status.SKIPPED


def test_a_failed_send_is_retried_with_backoff_then_marked_failed(due_nudges, settings):
    (nudge,) = due_nudges(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with time_machine.travel(timezone.now() + timedelta(hours=attempt**3), tick=False):
            report = sending.send_due(compose)
            nudge.refresh_from_db()
            assert nudge.attempts == attempt
            assert "ConnectionRefusedError" in nudge.last_error
            if attempt < MAX_ATTEMPTS:
                assert report.retried == 1
                assert nudge.status == Nudge.Status.QUEUED
                assert nudge.due_at == timezone.now() + sending.backoff(attempt)
    assert nudge.status == Nudge.Status.FAILED
    assert report.failed == 1


def test_a_prepared_batch_is_composed_without_a_query_per_nudge(
    due_nudges, django_assert_num_queries
):
    due_nudges(5)
    nudges = list(Nudge.objects.select_related("user"))
    # the verified addresses of the batch's people, then the steps the reminders are about
    with django_assert_num_queries(2):
        prepare(nudges)
        messages = [compose(nudge) for nudge in nudges]
    assert sorted(m.to[0] for m in messages) == [f"p{n}@example.com" for n in range(5)]


def test_a_prepared_batch_still_skips_the_unverified(due_nudges):
    from allauth.account.models import EmailAddress

    first, second = due_nudges(2)
    EmailAddress.objects.filter(user=first.user).update(verified=False)
    nudges = list(Nudge.objects.select_related("user").order_by("pk"))
    prepare(nudges)
    assert [compose(nudge) is None for nudge in nudges] == [True, False]
