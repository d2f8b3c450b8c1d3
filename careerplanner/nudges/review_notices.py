"""Emails about reviews, through the nudge machinery: once each, sent straight away."""

from careerplanner.nudges.models import Nudge
from careerplanner.nudges.tasks import send_soon
from careerplanner.reviews.advisors import advisors
from careerplanner.reviews.models import ReviewRequest


def subject(review: ReviewRequest) -> str:
    return f"review:{review.pk}"


def tell_advisors(review: ReviewRequest) -> None:
    for advisor in advisors():
        Nudge.objects.queue(advisor, Nudge.Kind.REVIEW_REQUESTED, subject(review))
    send_soon()


def tell_planner(review: ReviewRequest) -> None:
    Nudge.objects.queue(review.plan.owner, Nudge.Kind.REVIEW_DONE, subject(review))
    send_soon()
