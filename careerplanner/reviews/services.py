"""The review workflow: a planner asks; an advisor takes the request, comments, finishes.
Each step checks who may do it and raises ReviewNotAllowed with a sentence for the person;
the admin only presents these. Asking and finishing send the signals of reviews/signals.py,
which is how the emails go out whoever calls them.

Who may do what:
- anyone staff who sees the queue may take a request nobody holds;
- while a request is in review, its holder (and a superuser) may change its verdict and
  summary, add comments and change them, and finish it;
- while a request is in review, its holder (and a superuser) may confirm the evidence on the
  plan's steps; an advisor without a review of the plan in hand confirms nothing;
- once it is done nothing changes any more, for anyone;
- only a superuser deletes, and advisors delete nothing."""

from django.db import transaction

from careerplanner.plans import history
from careerplanner.plans.models import Evidence, Plan, PlanStep
from careerplanner.plans.scheduling import today_for
from careerplanner.reviews.models import ReviewComment, ReviewRequest
from careerplanner.reviews.signals import review_finished, review_requested


class ReviewNotAllowed(Exception):
    """What the person tried is not theirs to do; the message says why, in plain words."""


@transaction.atomic
def ask(plan: Plan, message: str = "") -> ReviewRequest:
    """Puts the plan in the advisors' queue; the advisors hear of it (review_requested)."""
    review = ReviewRequest.objects.create(plan=plan, message=message)
    review_requested.send(sender=ReviewRequest, review=review)
    return review


def may_work(review: ReviewRequest, user) -> bool:
    """Whether `user` may change the review and its comments now."""
    if review.status != ReviewRequest.Status.IN_REVIEW:
        return False
    return user.is_superuser or review.advisor_id == user.pk


def may_delete(user) -> bool:
    return user.is_superuser


def check_may_work(review: ReviewRequest, user) -> None:
    """Raises ReviewNotAllowed saying why, unless `user` may change the review now."""
    if may_work(review, user):
        return
    if review.status == ReviewRequest.Status.DONE:
        raise ReviewNotAllowed("This review is done; nothing in it can change any more.")
    if review.status == ReviewRequest.Status.REQUESTED:
        raise ReviewNotAllowed("Take this request first; then you can comment and finish it.")
    holder = review.advisor or "another advisor"
    raise ReviewNotAllowed(f"{holder} is reviewing this plan; only they can change the review.")


def take(review: ReviewRequest, advisor) -> None:
    if review.take(advisor):
        return
    if review.status == ReviewRequest.Status.DONE:
        raise ReviewNotAllowed("This review is already done.")
    if review.advisor_id == advisor.pk:
        raise ReviewNotAllowed("You already hold this request.")
    raise ReviewNotAllowed(f"{review.advisor or 'Another advisor'} already took this request.")


def save_draft(review: ReviewRequest, user, *, verdict: str, summary: str) -> None:
    check_may_work(review, user)
    review.verdict, review.summary = verdict, summary
    review.save(update_fields=["verdict", "summary"])


def comment(review: ReviewRequest, user, text: str, step: PlanStep | None = None):
    check_may_work(review, user)
    if step is not None and step.plan_id != review.plan_id:
        raise ReviewNotAllowed("Comment on a step of the plan under review.")
    return ReviewComment.objects.create(request=review, advisor=user, text=text, step=step)


def change_comment(comment: ReviewComment, user, *, text: str, step: PlanStep | None) -> None:
    check_may_work(comment.request, user)
    if comment.advisor_id not in (None, user.pk) and not user.is_superuser:
        raise ReviewNotAllowed("Only the advisor who wrote a comment can change it.")
    if step is not None and step.plan_id != comment.request.plan_id:
        raise ReviewNotAllowed("Comment on a step of the plan under review.")
    comment.text, comment.step = text, step
    comment.save(update_fields=["text", "step"])


def delete_comment(comment: ReviewComment, user) -> None:
    if not may_delete(user):
        raise ReviewNotAllowed("Advisors do not delete comments; edit it while the review is open.")
    comment.delete()


def confirm_evidence(review: ReviewRequest, user, evidence: Evidence, note: str = "") -> None:
    check_may_work(review, user)
    if evidence.step.plan_id != review.plan_id or evidence.step.removed_at is not None:
        raise ReviewNotAllowed("Confirm evidence on a step of the plan under review.")
    if not evidence.confirm(user, note):
        raise ReviewNotAllowed(f"“{evidence.title}” is already confirmed.")


@transaction.atomic
def finish(review: ReviewRequest, user, *, verdict: str, summary: str) -> None:
    """Marks the review done; the planner hears of it (review_finished), whoever calls it."""
    check_may_work(review, user)
    if verdict not in ReviewRequest.Verdict.values:
        raise ReviewNotAllowed("Choose a verdict before marking the review done.")
    if not summary.strip():
        raise ReviewNotAllowed("Write a summary for the planner before marking it done.")
    if not review.finish(verdict, summary):  # someone finished it a moment ago
        raise ReviewNotAllowed("This review is already done.")
    plan = review.plan
    today = today_for(plan.owner)
    plan.reviewed(on=today)  # the next look-back counts from today
    history.record(plan, history.PlanSnapshot.Reason.REVIEWED, today)
    review_finished.send(sender=ReviewRequest, review=review)
