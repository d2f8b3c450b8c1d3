"""The sender: claim due nudges, send them over one SMTP connection, record what happened."""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careerplanner.nudges.models import MAX_ATTEMPTS, Nudge, lease

log = logging.getLogger(__name__)

# Sent rows are marked a few at a time: one commit per message cost more than sending it.
# A worker that dies between sending and marking sends at most these again, once its lease
# has run out.
MARK_SENT_EVERY = 10


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "SendReport") -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.retried += other.retried
        self.failed += other.failed
        self.errors += other.errors


def claim(batch_size: int, now=None) -> str:
    """Takes up to `batch_size` claimable rows for this worker and returns the claim token.

    On PostgreSQL, skip_locked lets two workers pick disjoint rows without waiting; the
    conditional UPDATE makes the claim hold on databases without row locks too."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        candidates = list(
            Nudge.objects.claimable(now)
            .order_by("due_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        Nudge.objects.filter(pk__in=candidates).claimable(now).update(
            status=Nudge.Status.SENDING,
            claimed_by=token,
            claimed_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return token


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes..."""
    return timedelta(minutes=4 ** (attempts - 1))


Composer = Callable[[Nudge], EmailMessage | None]
Preparer = Callable[[list[Nudge]], None]


def send_claimed(token: str, compose: Composer, prepare: Preparer | None = None) -> SendReport:
    """Sends every row claimed under `token`. `compose` returns None when there is nothing
    worth saying any more (the step was done, the person unsubscribed); `prepare`, if given,
    loads what the whole batch needs before the first message is composed."""
    report = SendReport()
    claimed = Nudge.objects.filter(claimed_by=token, status=Nudge.Status.SENDING)
    nudges = list(claimed.select_related("user").order_by("pk"))
    if not nudges:
        return report
    if prepare is not None:
        prepare(nudges)
    connection = get_connection()
    sent: list[int] = []
    try:
        for nudge in nudges:
            if _send_one(nudge, token, compose, connection, report):
                sent.append(nudge.pk)
            if len(sent) >= MARK_SENT_EVERY:
                _mark_sent(sent, token)
    finally:
        _mark_sent(sent, token)
        connection.close()
    return report


def _mark_sent(pks: list[int], token: str) -> None:
    Nudge.objects.filter(pk__in=pks, claimed_by=token, status=Nudge.Status.SENDING).update(
        status=Nudge.Status.SENT, sent_at=timezone.now(), claimed_by=""
    )
    pks.clear()


def _send_one(nudge: Nudge, token: str, compose: Composer, connection, report) -> bool:
    """Sends one claimed nudge; True when it went out (the caller marks it sent)."""
    mine = Nudge.objects.filter(pk=nudge.pk, claimed_by=token, status=Nudge.Status.SENDING)
    try:
        message = compose(nudge)
        if message is None:
            mine.update(status=Nudge.Status.SKIPPED, claimed_by="")
            report.skipped += 1
            return False
        connection.open()  # no-op while open; reopens after a failure closed it
        message.connection = connection
        message.send()
    except Exception as error:  # one bad message must not stop the batch
        description = f"{error.__class__.__name__}: {error}"[:2000]
        log.warning("nudge %s failed (attempt %s): %s", nudge.pk, nudge.attempts, description)
        report.errors.append(description)
        if nudge.attempts >= MAX_ATTEMPTS:
            mine.update(status=Nudge.Status.FAILED, last_error=description, claimed_by="")
            report.failed += 1
        else:
            mine.update(
                status=Nudge.Status.QUEUED,
                due_at=timezone.now() + backoff(nudge.attempts),
                last_error=description,
                claimed_by="",
            )
            report.retried += 1
        connection.close()  # the next message opens a fresh one
        return False
    report.sent += 1
    return True


def send_due(
    compose: Composer,
    batch_size: int | None = None,
    limit: int | None = None,
    prepare: Preparer | None = None,
):
    """Claims and sends batches until nothing is due (or `limit` rows were handled)."""
    batch_size = batch_size or settings.NUDGE_BATCH_SIZE
    report = SendReport()
    handled = 0
    while limit is None or handled < limit:
        token = claim(batch_size)
        batch = send_claimed(token, compose, prepare)
        done = batch.sent + batch.skipped + batch.retried + batch.failed
        report.add(batch)
        if done == 0:
            break
        handled += done
    return report
