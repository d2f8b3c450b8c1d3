"""Nudge: one row per email that should go out.

The unique key (user, kind, subject, period) is what makes a reminder go out at most once:
a second sweep, a second beat or a retried task can only try to insert the same row again.
The sender claims rows with a lease, so two workers never send the same one and a worker
that dies mid-batch leaves rows that another picks up once the lease runs out."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

MAX_ATTEMPTS = 5


def lease() -> timedelta:
    """How long a claimed row is a worker's before another may take it over."""
    return timedelta(seconds=settings.NUDGE_LEASE_SECONDS)


class NudgeQuerySet(models.QuerySet):
    def queue(self, user, kind: str, subject: str, period: str = "") -> bool:
        """Queues one nudge for an event (a review asked for or done) to go out now.
        False when that nudge already exists: events, too, are announced once."""
        _, created = self.get_or_create(user=user, kind=kind, subject=subject, period=period)
        return created

    def claimable(self, now=None):
        """Queued and due, or claimed by a worker whose lease has run out."""
        now = now or timezone.now()
        return self.filter(
            Q(status=Nudge.Status.QUEUED, due_at__lte=now)
            | Q(status=Nudge.Status.SENDING, claimed_until__lt=now)
        )


class Nudge(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Step due soon"
        OVERDUE = "overdue", "Step overdue"
        STALLED = "stalled", "Plan stalled"
        DIGEST = "digest", "Weekly digest"
        REVIEW_DONE = "review_done", "Review done"
        REVIEW_REQUESTED = "review_requested", "New review request"
        RE_REVIEW = "re_review", "Time to look back"

    class Status(models.TextChoices):
        QUEUED = "queued"
        SENDING = "sending"
        SENT = "sent"
        SKIPPED = "skipped"  # nothing worth saying by the time it was sent
        FAILED = "failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(
        max_length=64, blank=True, help_text="What it is about: a step, plan or review id."
    )
    period = models.CharField(
        max_length=32, blank=True, help_text="Which occurrence: a date, a week, or blank."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    due_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NudgeQuerySet.as_manager()

    # Which of the person's preferences lets each kind through.
    PREFERENCE = {
        Kind.DUE_SOON: "wants_due_soon",
        Kind.OVERDUE: "wants_overdue",
        Kind.STALLED: "wants_stalled",
        Kind.DIGEST: "wants_digest",
        Kind.REVIEW_DONE: "wants_review_updates",
        Kind.REVIEW_REQUESTED: "wants_review_updates",
        Kind.RE_REVIEW: "wants_re_review",
    }

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "subject", "period"], name="nudge_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="nudge_status_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id} ({self.period or self.subject})"
