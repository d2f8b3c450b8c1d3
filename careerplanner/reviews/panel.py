"""What the plan page shows of reviews (added through plans/additions.py): the latest
request with the form to ask, and each comment of a finished review beside its step."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from careerplanner.plans.additions import Addition
from careerplanner.plans.models import Plan
from careerplanner.reviews.forms import AskForReviewForm
from careerplanner.reviews.models import ReviewComment, ReviewRequest


@dataclass
class LatestReview:
    request: ReviewRequest
    general: list[ReviewComment] = field(default_factory=list)
    by_step: dict = field(default_factory=dict)


def latest_review(plan: Plan) -> LatestReview | None:
    """Two queries whatever the plan's size: the request, then its comments once done."""
    request = plan.review_requests.select_related("advisor").order_by("-created").first()
    if request is None:
        return None
    latest = LatestReview(request)
    if request.status == ReviewRequest.Status.DONE:
        by_step = defaultdict(list)
        for comment in request.comments.select_related("step").order_by("created"):
            if comment.step_id is None:
                latest.general.append(comment)
            else:
                by_step[comment.step_id].append(comment)
        latest.by_step = dict(by_step)
    return latest


def panel_context(plan: Plan, ask_form: AskForReviewForm | None = None) -> dict:
    return {
        "plan": plan,
        "review": latest_review(plan),
        "ask_form": ask_form or AskForReviewForm(plan=plan),
    }


def plan_page_addition(request, plan: Plan) -> Addition:
    context = panel_context(plan)
    by_step = context["review"].by_step if context["review"] else {}
    return Addition(
        section=render_to_string("reviews/panel.html", context, request),
        beside_steps={
            step_id: render_to_string("reviews/step_comments.html", {"comments": comments})
            for step_id, comments in by_step.items()
        },
    )
