"""What the plan page shows of reviews: the latest request, and its comments by step."""

from collections import defaultdict
from dataclasses import dataclass, field

from django import template

from careerplanner.reviews.forms import AskForReviewForm
from careerplanner.reviews.models import ReviewComment, ReviewRequest

register = template.Library()


@dataclass
class LatestReview:
    request: ReviewRequest
    general: list[ReviewComment] = field(default_factory=list)
    by_step: dict = field(default_factory=dict)


@register.simple_tag
def latest_review(plan) -> LatestReview | None:
    """Two queries whatever the plan's size: the request, then its comments once done."""
    request = plan.review_requests.select_related("advisor").order_by("-created").first()
    if request is None:
        return None
    latest = LatestReview(request)
    if request.status == ReviewRequest.Status.DONE:
        by_step = defaultdict(list)
        for comment in request.comments.order_by("created"):
            if comment.step_id is None:
                latest.general.append(comment)
            else:
                by_step[comment.step_id].append(comment)
        latest.by_step = dict(by_step)
    return latest


@register.filter
def comments_on(latest: LatestReview | None, step) -> list[ReviewComment]:
    return latest.by_step.get(step.pk, []) if latest else []


@register.simple_tag
def ask_form(plan):
    return AskForReviewForm(plan=plan)
