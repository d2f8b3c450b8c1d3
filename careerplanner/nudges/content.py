"""What each nudge says: the email for one Nudge row, written from the database as it is
when the email goes out, or None when there is no longer anything worth saying."""

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Sum
from django.urls import reverse

from careerplanner.guide.models import FitTest
from careerplanner.nudges.emails import build_message
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.unsubscribe import Unsubscribe
from careerplanner.plans import history
from careerplanner.plans.models import Plan, PlanStep
from careerplanner.plans.pace import Standing, standing
from careerplanner.plans.scheduling import today_for
from careerplanner.reviews.models import ReviewRequest


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _subject_id(nudge: Nudge) -> uuid.UUID | None:
    try:
        return uuid.UUID(nudge.subject.split(":", 1)[1])
    except (IndexError, ValueError):
        return None


def _reminded_steps(ids, owners) -> dict:
    """The open steps of active plans among `ids`, by id, if they belong to `owners`."""
    steps = (
        PlanStep.objects.visible()
        .open()
        .select_related("plan")
        .filter(pk__in=ids, plan__owner__in=owners, plan__archived_at__isnull=True)
    )
    return {step.pk: step for step in steps}


def _step_context(nudge: Nudge) -> dict | None:
    step_id = _subject_id(nudge)
    if hasattr(nudge, "prefetched_steps"):
        step = nudge.prefetched_steps.get(step_id)
    else:
        step = _reminded_steps([step_id], [nudge.user_id]).get(step_id)
    if step is not None and step.plan.owner_id != nudge.user_id:
        step = None
    # The target date moved since the sweep: the nudge for the new date will come instead.
    if step is None or str(step.target_date) != nudge.period:
        return None
    today = today_for(nudge.user)
    return {
        "step": step,
        "plan": step.plan,
        "plan_url": absolute(f"{step.plan.get_absolute_url()}#step-{step.pk}"),
        "days_left": (step.target_date - today).days,
        "days_late": (today - step.target_date).days,
    }


def _standing(plan: Plan, today: date) -> Standing:
    steps = list(plan.steps.visible().select_related("milestone__window"))
    return standing(plan, steps, today)


def _stalled_context(nudge: Nudge) -> dict | None:
    """Only worth sending when the quiet weeks matter: nothing done yet, or a pace that now
    misses even the slower finish. Someone still inside their range is left in peace."""
    plan = Plan.objects.active().filter(pk=_subject_id(nudge), owner=nudge.user).first()
    if plan is None:
        return None
    where = _standing(plan, today_for(nudge.user))
    if where.next_step is None or (where.pace is not None and not where.behind):
        return None
    return {"plan": plan, "plan_url": absolute(plan.get_absolute_url()), "standing": where}


def _digest_context(nudge: Nudge) -> dict | None:
    today = today_for(nudge.user)
    week_ago = today - timedelta(days=7)
    plans = []
    for plan in Plan.objects.active().filter(owner=nudge.user).order_by("created"):
        steps = plan.steps.visible()
        summary = {
            "plan": plan,
            "plan_url": absolute(plan.get_absolute_url()),
            "done": list(steps.filter(done_date__gte=week_ago, done_date__lt=today)),
            "hours": plan.checkins.filter(date__gte=week_ago, date__lt=today).aggregate(
                total=Sum("hours")
            )["total"]
            or 0,
            "overdue": list(steps.overdue(today).order_by("target_date")),
            "standing": _standing(plan, today),
        }
        # Something the person can act on or would want to hear; a plan that is on track
        # and had a quiet week says nothing.
        if summary["done"] or summary["hours"] or summary["overdue"] or summary["standing"].behind:
            plans.append(summary)
    if not plans:
        return None
    return {"plans": plans, "week_start": week_ago, "week_end": today - timedelta(days=1)}


def _review_done_context(nudge: Nudge) -> dict | None:
    review = (
        ReviewRequest.objects.select_related("plan")
        .filter(pk=_subject_id(nudge), plan__owner=nudge.user, status=ReviewRequest.Status.DONE)
        .first()
    )
    if review is None:
        return None
    return {
        "review": review,
        "plan": review.plan,
        "plan_url": absolute(review.plan.get_absolute_url()),
        "step_comments": review.comments.filter(step__isnull=False).count(),
    }


def _review_requested_context(nudge: Nudge) -> dict | None:
    review = (
        ReviewRequest.objects.select_related("plan__owner", "plan__role", "plan__route")
        .filter(pk=_subject_id(nudge), status=ReviewRequest.Status.REQUESTED)
        .first()
    )
    if review is None:  # already taken by someone: no need to tell more advisors
        return None
    plan = review.plan
    steps = list(plan.steps.visible())
    path = reverse("admin:reviews_reviewrequest_change", args=[review.pk])
    return {
        "review": review,
        "plan": plan,
        "since": history.since_last_review(plan, steps, today_for(plan.owner), review.created),
        "review_url": absolute(path),
        "queue_url": absolute(reverse("admin:reviews_reviewrequest_changelist")),
    }


def _re_review_context(nudge: Nudge) -> dict | None:
    """The invitation to look back: what changed since the last review (or the start), the
    guide's tests of fit for the plan's role to ask oneself again, and a way to ask for a
    review. Nothing if the look-back date moved since the sweep, or a review is asked for."""
    plans = Plan.objects.active().select_related("role", "route")
    plan = plans.filter(pk=_subject_id(nudge), owner=nudge.user).first()
    if plan is None or str(plan.re_review_due) != nudge.period:
        return None
    if plan.review_requests.open().exists():
        return None
    steps = list(plan.steps.visible())
    fit_tests = FitTest.objects.current().filter(roles=plan.role) if plan.role_id else []
    plan_url = absolute(plan.get_absolute_url())
    return {
        "plan": plan,
        "since": history.since_last_review(plan, steps, today_for(nudge.user)),
        "fit_tests": list(fit_tests),
        "plan_url": plan_url,
        "ask_url": f"{plan_url}#review-panel",
        "history_url": absolute(reverse("plans:plan_history", args=[plan.pk])),
        "settings_url": absolute(reverse("plans:plan_edit", args=[plan.pk])),
    }


CONTEXTS: dict[str, Callable[[Nudge], dict | None]] = {
    Nudge.Kind.DUE_SOON: _step_context,
    Nudge.Kind.OVERDUE: _step_context,
    Nudge.Kind.STALLED: _stalled_context,
    Nudge.Kind.DIGEST: _digest_context,
    Nudge.Kind.REVIEW_DONE: _review_done_context,
    Nudge.Kind.REVIEW_REQUESTED: _review_requested_context,
    Nudge.Kind.RE_REVIEW: _re_review_context,
}


STEP_KINDS = (Nudge.Kind.DUE_SOON, Nudge.Kind.OVERDUE)


def _verified(user_ids) -> set[tuple[int, str]]:
    addresses = EmailAddress.objects.filter(user_id__in=user_ids, verified=True)
    return {(user_id, email.lower()) for user_id, email in addresses.values_list("user", "email")}


def prepare(nudges: list[Nudge]) -> None:
    """Loads, for a whole batch, what `compose` would otherwise query nudge by nudge: who has
    a verified address, and the steps the step reminders are about."""
    verified = _verified({nudge.user_id for nudge in nudges})
    step_ids = [_subject_id(nudge) for nudge in nudges if nudge.kind in STEP_KINDS]
    steps = _reminded_steps(step_ids, {nudge.user_id for nudge in nudges}) if step_ids else {}
    for nudge in nudges:
        nudge.prefetched_verified = (nudge.user_id, nudge.user.email.lower()) in verified
        nudge.prefetched_steps = steps


def compose(nudge: Nudge) -> EmailMessage | None:
    user = nudge.user
    if not user.is_active or not getattr(user, Nudge.PREFERENCE[nudge.kind]):
        return None
    if not hasattr(nudge, "prefetched_verified"):
        prepare([nudge])
    if not nudge.prefetched_verified:
        return None
    context = CONTEXTS[nudge.kind](nudge)
    if context is None:
        return None
    unsubscribe = Unsubscribe(user.pk, nudge.kind)
    context.update(
        user=user,
        nudge=nudge,
        unsubscribe_url=unsubscribe.url(),
        preferences_url=absolute(reverse("accounts:profile")),
    )
    return build_message(f"nudges/{nudge.kind}", context, user.email, unsubscribe.headers())
