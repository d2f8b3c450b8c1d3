"""Emails about reviews, through the nudge machinery: once each, sent straight away.

reviews announces its events with signals (reviews/signals.py), sent by its services
whoever calls them; each receiver here calls one function."""

from django.dispatch import receiver

from careerplanner.nudges.models import Nudge
from careerplanner.nudges.tasks import send_soon
from careerplanner.reviews.advisors import advisors
from careerplanner.reviews.models import ReviewRequest
from careerplanner.reviews.signals import review_finished, review_requested


def subject(review: ReviewRequest) -> str:
    return f"review:{review.pk}"


def tell_advisors(review: ReviewRequest) -> None:
    for advisor in advisors():
        Nudge.objects.queue(advisor, Nudge.Kind.REVIEW_REQUESTED, subject(review))
    send_soon()


def tell_planner(review: ReviewRequest) -> None:
    Nudge.objects.queue(review.plan.owner, Nudge.Kind.REVIEW_DONE, subject(review))
    send_soon()


@receiver(review_requested, dispatch_uid="nudges.tell_advisors")
def _on_review_requested(sender, review: ReviewRequest, **kwargs) -> None:
    tell_advisors(review)


@receiver(review_finished, dispatch_uid="nudges.tell_planner")
def _on_review_finished(sender, review: ReviewRequest, **kwargs) -> None:
    tell_planner(review)
