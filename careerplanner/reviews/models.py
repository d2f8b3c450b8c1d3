"""Advisor reviews: a planner asks, an advisor takes the request, comments and gives a verdict."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careerplanner.plans.models import Plan, PlanStep

MESSAGE_MAX = 2_000
SUMMARY_MAX = 5_000
COMMENT_MAX = 2_000
WAITING_TOO_LONG = timedelta(days=7)


class ReviewRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ReviewRequest.Status.DONE)

    def waiting_longer_than(self, age: timedelta, now=None):
        return self.open().filter(created__lt=(now or timezone.now()) - age)


class ReviewRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested"
        IN_REVIEW = "in_review", "In review"
        DONE = "done"

    class Verdict(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        CHANGES_SUGGESTED = "changes_suggested", "Changes suggested"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="review_requests")
    message = models.TextField("message from the planner", max_length=MESSAGE_MAX, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_taken",
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    summary = models.TextField("summary for the planner", max_length=SUMMARY_MAX, blank=True)
    created = models.DateTimeField("asked", auto_now_add=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created"]
        verbose_name = "review request"
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=~Q(status="done"),
                name="one_open_review_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of “{self.plan.title}”"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE

    def take(self, advisor) -> bool:
        """Gives the request to `advisor` unless someone already has it. The conditional
        UPDATE is what makes two advisors clicking at once end with exactly one owner."""
        taken = ReviewRequest.objects.filter(
            pk=self.pk, status=self.Status.REQUESTED, advisor__isnull=True
        ).update(status=self.Status.IN_REVIEW, advisor=advisor, taken_at=timezone.now())
        self.refresh_from_db(fields=["status", "advisor", "taken_at"])
        return bool(taken)

    def finish(self, verdict: str, summary: str) -> bool:
        """Marks the review done; only the advisor who took it can, and only once."""
        done = ReviewRequest.objects.filter(
            pk=self.pk, status=self.Status.IN_REVIEW, advisor=self.advisor
        ).update(status=self.Status.DONE, verdict=verdict, summary=summary, done_at=timezone.now())
        self.refresh_from_db(fields=["status", "verdict", "summary", "done_at"])
        return bool(done)


class ReviewComment(models.Model):
    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="comments")
    step = models.ForeignKey(
        PlanStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_comments",
        help_text="The step it is about; empty for a comment on the whole plan.",
    )
    text = models.TextField(max_length=COMMENT_MAX)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        verbose_name = "comment"

    def __str__(self) -> str:
        return self.text[:60]
