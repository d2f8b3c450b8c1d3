"""The plan page, its fresh part for htmx after each change, and the timeline."""

import functools

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django_htmx.http import reswap, retarget

from careerplanner.guide.models import Fact
from careerplanner.plans import additions, charts, history, pace, page_cache, rows, scheduling
from careerplanner.plans.forms import AddStepForm
from careerplanner.plans.models import Plan
from careerplanner.plans.steps import in_date_order, next_step
from careerplanner.plans.templatetags.plans import hours
from careerplanner.plans.views.owned import (
    CHANGE,
    READ,
    as_uuid,
    get_plan_for_user,
    htmx_varies,
    owned,
)

# The milestones' long texts: the plan page shows none of them, so they stay in the database.
MILESTONE_PROSE = [
    f"milestone__{name}" for name in ("summary", "why", "done_when", "evidence", "size_estimate")
] + ["milestone__window__estimate"]


def _plan_context(request, plan: Plan, add_form=None, **extra) -> dict:
    today = scheduling.today_for(request.user)
    steps = (
        plan.steps.visible()
        .select_related("milestone__window")
        .defer(*MILESTONE_PROSE)
        .with_evidence_counts()
    )
    steps = in_date_order(steps, today)
    open_steps = [step for step in steps if step.is_open]
    for step in steps:
        step.overdue = step.is_overdue(today)
    added_sections = additions.for_plan(request, plan, steps)  # sets each step's `beside`
    rows.render_rows(steps)
    return {
        "plan": plan,
        "steps": steps,
        "open_steps": open_steps,
        "finished_steps": [step for step in steps if not step.is_open],
        "added_sections": added_sections,  # from the apps above
        "progress": plan.progress(steps),
        "today": today,
        "next_step": next_step(steps, today),
        "overdue_count": sum(1 for step in steps if step.overdue),
        "open_count": len(open_steps),
        "pinned_count": sum(1 for step in open_steps if step.target_pinned),
        "outlook": pace.outlook(plan, steps, today),
        "add_form": add_form or AddStepForm(steps=steps, placement=False),
        "add_form_html": "" if add_form else _empty_add_form_fields(),
        "checkins": list(plan.checkins.select_related("step")[:5]),
        **extra,
    }


@functools.cache
def _empty_add_form_fields() -> str:
    """The fields of the plan page's empty add-step form: the same HTML every time, so
    rendered once a process (their field templates cost as much as all the rows)."""
    return AddStepForm(steps=[], placement=False).as_div()


def render_plan(request, plan: Plan, status: int = 200, **extra):
    if request.htmx:
        return render(request, "plans/plan.html#live", _plan_context(request, plan, **extra))
    if "removed" not in extra:
        removed_id = as_uuid(request.GET.get("removed"))
        extra["removed"] = removed_id and plan.steps.removed().filter(id=removed_id).first()
    if status == 200 and not any(extra.values()):
        return _cached_page(request, plan)
    context = _plan_context(request, plan, key_facts=_key_facts(plan), **extra)
    return render(request, "plans/plan.html", context, status=status)


def _key_facts(plan: Plan):
    return Fact.objects.key_for(plan.role) if plan.role_id else None


def _cached_page(request, plan: Plan):
    """The page as it was last rendered, if nothing it shows has changed since."""
    key = page_cache.plan_key(plan, scheduling.today_for(request.user))
    body = page_cache.get(key, request)
    if body is None:
        context = _plan_context(request, plan, key_facts=_key_facts(plan))
        body = render_to_string("plans/plan.html#body", context, request)
        page_cache.keep(key, body)
    return render(request, "plans/plan.html", {"plan": plan, "body": body})


def plan_changed(request, plan: Plan, message: str, *, step=None, removed=None):
    """After a change: the fresh plan for htmx, or back to the plan page without it."""
    if request.htmx:
        response = render_plan(request, plan, announce=message, removed=removed)
        # Forms swap themselves on an error; a success replaces the whole live part.
        return reswap(retarget(response, "#plan-live"), "outerHTML")
    messages.success(request, message)
    url = plan.get_absolute_url()
    if removed is not None:
        url += f"?removed={removed.pk}"
    anchor = f"#step-{step.pk}" if step is not None and removed is None else ""
    return redirect(url + anchor)


@htmx_varies
@owned(get_plan_for_user, READ)
def plan(request, plan):
    return render_plan(request, plan)


@htmx_varies
@owned(get_plan_for_user, CHANGE)
def plan_reschedule(request, plan):
    today = scheduling.today_for(request.user)
    steps = list(plan.steps.visible())
    so_far = pace.actual_pace(steps, plan.start_date, today)
    move_pinned = request.POST.get("move_pinned") == "on"
    with transaction.atomic():
        count = scheduling.reschedule_rest(plan, today, so_far, move_pinned=move_pinned)
        history.record(plan, history.PlanSnapshot.Reason.RESCHEDULED, today)
    if so_far is None:
        how = f"at the {plan.hours_per_week} hours a week you planned"
    else:
        how = f"at your pace so far, about {hours(so_far)} hours a week"
    kept = "" if move_pinned else " Dates you set yourself stay as they are."
    message = f"New target dates for {count} step{'s' if count != 1 else ''}, {how}.{kept}"
    return plan_changed(request, plan, message)


# ----- the timeline ----------------------------------------------------------------------


@owned(get_plan_for_user, READ)
def plan_timeline(request, plan):
    today = scheduling.today_for(request.user)
    steps = list(plan.steps.visible())
    checkins = list(plan.checkins.all())
    context = {
        "plan": plan,
        "today": today,
        "overview": charts.overview(plan, steps, today),
        "upcoming": charts.next_months(plan, steps, today),
        "steps": in_date_order(steps, today),
        "weekly": charts.weekly_progress(plan, steps, checkins, today),
    }
    return render(request, "plans/timeline.html", context)
