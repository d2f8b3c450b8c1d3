"""The planner's pages: start a plan, work through it, see it on a calendar.

Every view that takes an id looks the object up for request.user before anything else, and
only then checks the method, so that a stranger gets 404 for every method, never a 405
that would tell them the id exists."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from careerplanner.downloads import json_response
from careerplanner.guide import fitcheck as fit
from careerplanner.guide.models import Fact, Milestone, RouteTemplate
from careerplanner.plans import additions, charts, exports, pace, scheduling
from careerplanner.plans.forms import (
    BLANK,
    AddStepForm,
    EditStepForm,
    LogHoursForm,
    PlanSettingsForm,
    StartPlanForm,
)
from careerplanner.plans.models import CheckIn, Plan, PlanStep, in_date_order, next_step
from careerplanner.plans.templatetags.plans import hours

DEFAULT_HOURS_PER_WEEK = 10


# These answer a fragment to htmx and a page otherwise: caches must keep the two apart.
htmx_varies = vary_on_headers("HX-Request")


def _get_plan_for_user(request, plan_id) -> Plan:
    plans = Plan.objects.select_related("role", "route")
    return get_object_or_404(plans, id=plan_id, owner=request.user)


def _get_step_for_user(request, step_id, removed: bool = False) -> PlanStep:
    steps = PlanStep.objects.select_related("plan", "milestone").filter(plan__owner=request.user)
    steps = steps.removed() if removed else steps.visible()
    return get_object_or_404(steps, id=step_id)


def _get_checkin_for_user(request, checkin_id) -> CheckIn:
    checkins = CheckIn.objects.select_related("plan", "step")
    return get_object_or_404(checkins, id=checkin_id, plan__owner=request.user)


def _only(request, *methods):
    """The method check, made after the owner lookup (see the module docstring)."""
    if request.method not in methods:
        return HttpResponseNotAllowed(methods)
    return None


# ----- the plan page ---------------------------------------------------------------------


def _plan_context(request, plan: Plan, add_form=None, **extra) -> dict:
    today = scheduling.today_for(request.user)
    steps = in_date_order(plan.steps.visible().select_related("milestone__window"), today)
    open_steps = [step for step in steps if step.is_open]
    studying = [step for step in open_steps if not step.runs_alongside]
    for step in steps:
        step.overdue = step.is_overdue(today)
    for index, step in enumerate(studying):
        step.first_open = index == 0
        step.last_open = index == len(studying) - 1
    return {
        "plan": plan,
        "steps": steps,
        "added_sections": additions.for_plan(request, plan, steps),  # the review panel
        "progress": plan.progress(steps),
        "today": today,
        "next_step": next_step(steps, today),
        "overdue_count": sum(1 for step in steps if step.overdue),
        "open_count": len(open_steps),
        "pinned_count": sum(1 for step in open_steps if step.target_pinned),
        "outlook": pace.outlook(plan, steps, today),
        "add_form": add_form,
        "checkins": list(plan.checkins.select_related("step")[:5]),
        **extra,
    }


def _render_plan(request, plan: Plan, status: int = 200, **extra):
    template = "plans/plan.html#live" if request.htmx else "plans/plan.html"
    if not request.htmx and "removed" not in extra:
        removed_id = request.GET.get("removed")
        extra["removed"] = (
            plan.steps.removed().filter(id=removed_id).first() if _is_uuid(removed_id) else None
        )
    if not request.htmx and plan.role_id:
        extra["key_facts"] = Fact.objects.key_for(plan.role)
    return render(request, template, _plan_context(request, plan, **extra), status=status)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _changed(request, plan: Plan, message: str, *, step=None, removed=None):
    """After a change: the fresh plan for htmx, or back to the plan page without it."""
    if request.htmx:
        response = _render_plan(request, plan, announce=message, removed=removed)
        # Forms swap themselves on an error; a success replaces the whole live part.
        return reswap(retarget(response, "#plan-live"), "outerHTML")
    messages.success(request, message)
    url = plan.get_absolute_url()
    if removed is not None:
        url += f"?removed={removed.pk}"
    anchor = f"#step-{step.pk}" if step is not None and removed is None else ""
    return redirect(url + anchor)


@login_required
@htmx_varies
def plan(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD"):
        return not_allowed
    return _render_plan(request, plan)


@login_required
@htmx_varies
def step_status(request, step_id):
    step = _get_step_for_user(request, step_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    status = request.POST.get("status")
    if status not in PlanStep.Status.values:
        return HttpResponseBadRequest("Unknown status.")
    step.set_status(status, scheduling.today_for(request.user))
    words = {
        PlanStep.Status.TODO: "back to do",
        PlanStep.Status.DOING: "started",
        PlanStep.Status.DONE: "done",
        PlanStep.Status.HAD: "as already had before this plan",
        PlanStep.Status.SKIPPED: "skipped",
    }
    return _changed(request, step.plan, f"Marked “{step.title}” {words[status]}.", step=step)


@login_required
@htmx_varies
def step_move(request, step_id):
    step = _get_step_for_user(request, step_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Move up or down.")
    today = scheduling.today_for(request.user)
    message = scheduling.swap_places(step, direction, today)
    return _changed(request, step.plan, message, step=step)


@login_required
@htmx_varies
def step_remove(request, step_id):
    step = _get_step_for_user(request, step_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    step.remove()
    return _changed(request, step.plan, f"Removed “{step.title}”.", removed=step)


@login_required
@htmx_varies
def step_restore(request, step_id):
    step = _get_step_for_user(request, step_id, removed=True)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    step.restore()
    return _changed(request, step.plan, f"Put “{step.title}” back.", step=step)


@login_required
@htmx_varies
def step_add(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD", "POST"):
        return not_allowed
    steps = in_date_order(plan.steps.visible(), scheduling.today_for(request.user))
    form = AddStepForm(
        request.POST or None, steps=steps, initial={"stage": request.GET.get("stage")}
    )
    if request.method != "POST":
        context = {"plan": plan, "form": form}
        if request.htmx:
            return render(request, "plans/plan.html#add-form", context)
        return render(request, "plans/step_add.html", context)
    if not form.is_valid():
        if request.htmx:
            context = {"plan": plan, "form": form}
            return render(request, "plans/plan.html#add-form", context, status=422)
        return _render_plan(request, plan, status=422, add_form=form)
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    after = form.after_step()
    step = PlanStep.insert(plan, after, size_basis=PlanStep.SizeBasis.OWN, **fields)
    scheduling.date_new_step(step, after, scheduling.today_for(request.user))
    return _changed(request, plan, f"Added “{step.title}”.", step=step)


@login_required
@htmx_varies
def plan_reschedule(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    today = scheduling.today_for(request.user)
    steps = list(plan.steps.visible())
    so_far = pace.actual_pace(steps, plan.start_date, today)
    move_pinned = request.POST.get("move_pinned") == "on"
    count = scheduling.reschedule_rest(plan, today, so_far, move_pinned=move_pinned)
    if so_far is None:
        how = f"at the {plan.hours_per_week} hours a week you planned"
    else:
        how = f"at your pace so far, about {hours(so_far)} hours a week"
    kept = "" if move_pinned else " Dates you set yourself stay as they are."
    message = f"New target dates for {count} step{'s' if count != 1 else ''}, {how}.{kept}"
    return _changed(request, plan, message)


# ----- one step: edit and log hours ------------------------------------------------------


def _edit_form(step: PlanStep, data=None) -> EditStepForm:
    # Ids carry the step, so that two steps' forms open on the plan page never clash.
    return EditStepForm(data, instance=step, auto_id=f"edit-{step.pk}-%s")


def _hours_form(step: PlanStep, today, data=None) -> LogHoursForm:
    return LogHoursForm(data, today=today, auto_id=f"hours-{step.pk}-%s")


def _step_page(request, step: PlanStep, *, edit_form=None, hours_form=None, status=200):
    today = scheduling.today_for(request.user)
    context = {
        "plan": step.plan,
        "step": step,
        "edit_form": edit_form or _edit_form(step),
        "hours_form": hours_form or _hours_form(step, today),
        "checkins": list(step.checkins.all()),
        "today": today,
    }
    return render(request, "plans/step.html", context, status=status)


def _step_form(request, step: PlanStep, name: str, form, status: int = 200):
    """One of a step's forms (`edit_form`, `hours_form`): alone for htmx, else in its page."""
    if request.htmx:
        partial = f"plans/step.html#{name.replace('_', '-')}"
        return render(request, partial, {"step": step, name: form}, status=status)
    return _step_page(request, step, status=status, **{name: form})


@login_required
@htmx_varies
def step_edit(request, step_id):
    step = _get_step_for_user(request, step_id)
    if not_allowed := _only(request, "GET", "HEAD", "POST"):
        return not_allowed
    form = _edit_form(step, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return _changed(request, step.plan, f"Saved “{step.title}”.", step=step)
        return _step_form(request, step, "edit_form", form, status=422)
    return _step_form(request, step, "edit_form", form)


@login_required
@htmx_varies
def step_hours(request, step_id):
    step = _get_step_for_user(request, step_id)
    if not_allowed := _only(request, "GET", "HEAD", "POST"):
        return not_allowed
    today = scheduling.today_for(request.user)
    form = _hours_form(step, today, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            step.log_hours(data["date"], data["hours"], data["note"])
            message = f"Logged {hours(data['hours'])} hours on “{step.title}”."
            return _changed(request, step.plan, message, step=step)
        return _step_form(request, step, "hours_form", form, status=422)
    return _step_form(request, step, "hours_form", form)


@login_required
@htmx_varies
def checkin_delete(request, checkin_id):
    checkin = _get_checkin_for_user(request, checkin_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    checkin.delete_and_uncount()
    message = f"Deleted the {hours(checkin.hours)} hours logged on {checkin.date:%-d %B %Y}."
    if request.POST.get("back") == "step" and checkin.step_id and not request.htmx:
        messages.success(request, message)
        return redirect("plans:step_edit", checkin.step_id)
    return _changed(request, checkin.plan, message)


# ----- starting, settings and the dashboard ----------------------------------------------


def _fitcheck(request) -> dict:
    """The fit check's answers and recommended route, if the person took it this session."""
    remembered = fit.remembered(request.session)
    return remembered if isinstance(remembered, dict) else {}


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    routes = list(RouteTemplate.objects.current().select_related("role"))
    fitcheck = _fitcheck(request)
    slugs = {route.slug for route in routes}
    recommended = fitcheck.get("route") if fitcheck.get("route") in slugs else None
    routes.sort(key=lambda route: route.slug != recommended)  # the recommendation first
    asked = request.GET.get("route")
    chosen = asked if asked in slugs else recommended or (routes[0].slug if routes else BLANK)
    had = list(Milestone.objects.filter(slug__in=fitcheck.get("had") or []))
    doing = Milestone.objects.filter(slug__in=fitcheck.get("doing") or [])
    initial = {
        "route": chosen,
        "title": next((route.title for route in routes if route.slug == chosen), ""),
        "start_date": scheduling.today_for(request.user),
        "hours_per_week": fitcheck.get("hours_per_week") or DEFAULT_HOURS_PER_WEEK,
        "already_had": [milestone.slug for milestone in had],
    }
    form = StartPlanForm(request.POST or None, routes=routes, had=had, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = scheduling.start_plan(
            request.user,
            title=data["title"],
            start_date=data["start_date"],
            hours_per_week=data["hours_per_week"],
            route=form.chosen_route(),
            role=data["role"],
            fit_answers=fitcheck,
            already_had=[m.pk for m in had if m.slug in data.get("already_had", [])],
            under_way=[milestone.pk for milestone in doing],
        )
        messages.success(request, f"Your plan “{plan.title}” is ready.")
        return redirect(plan)
    context = {"form": form, "routes": routes, "recommended": recommended}
    return render(request, "plans/start.html", context, status=422 if form.is_bound else 200)


@login_required
def plan_edit(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD", "POST"):
        return not_allowed
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():  # the new settings and the new dates, or neither
                form.save()
                if request.POST.get("replan") and {"start_date", "hours_per_week"} & set(
                    form.changed_data
                ):
                    today = scheduling.today_for(request.user)
                    scheduling.reschedule_rest(plan, today)
            messages.success(request, "Your plan's settings are saved.")
            return redirect(plan)
        return render(request, "plans/plan_edit.html", {"plan": plan, "form": form}, status=422)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})


def _dashboard_context(request) -> dict:
    today = scheduling.today_for(request.user)
    plans = list(
        Plan.objects.owned_by(request.user).with_progress(today).select_related("role", "route")
    )
    for each in plans:
        each.percent = round(100 * each.steps_done / each.steps_total) if each.steps_total else 0
    return {
        "active": [each for each in plans if not each.is_archived],
        "archived": [each for each in plans if each.is_archived],
        "today": today,
    }


@login_required
@htmx_varies
@require_GET
def dashboard(request):
    template = "plans/dashboard.html#plans" if request.htmx else "plans/dashboard.html"
    return render(request, template, _dashboard_context(request))


def _dashboard_changed(request, message: str):
    if request.htmx:
        context = {**_dashboard_context(request), "announce": message}
        return render(request, "plans/dashboard.html#plans", context)
    messages.success(request, message)
    return redirect("plans:dashboard")


@login_required
@htmx_varies
def plan_archive(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    plan.archive()
    return _dashboard_changed(request, f"Archived “{plan.title}”.")


@login_required
@htmx_varies
def plan_restore(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    plan.restore()
    if request.POST.get("back") == "plan":
        messages.success(request, f"“{plan.title}” is active again.")
        return redirect(plan)
    return _dashboard_changed(request, f"Restored “{plan.title}”.")


@login_required
def plan_delete(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD", "POST"):
        return not_allowed
    if request.method == "POST":
        plan.delete()
        messages.success(request, f"Deleted “{plan.title}” and everything in it.")
        return redirect("plans:dashboard")
    return render(request, "plans/plan_delete.html", {"plan": plan})


# ----- pictures and taking it with you ---------------------------------------------------


@login_required
def plan_timeline(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD"):
        return not_allowed
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


@login_required
def plan_export_json(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD"):
        return not_allowed
    steps = plan.steps.visible().select_related("milestone__window")
    today = scheduling.today_for(request.user)
    data = exports.plan_data(plan, steps, plan.checkins.all(), today)
    return json_response(data, filename=exports.filename(plan, "json"))


@login_required
def plan_export_markdown(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "GET", "HEAD"):
        return not_allowed
    steps = list(plan.steps.visible().select_related("milestone__window"))
    return exports.markdown_response(plan, steps, scheduling.today_for(request.user))


@login_required
def plan_calendar_replace(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)
    if not_allowed := _only(request, "POST"):
        return not_allowed
    plan.replace_calendar_token()
    messages.success(
        request,
        "The calendar link is replaced; the old one no longer works. "
        "Subscribe again with the new one.",
    )
    return redirect(reverse("plans:plan", args=[plan.id]) + "#calendar")


@require_safe
def calendar_feed(request, token):
    """No login: calendar apps cannot log in. The long secret in the URL is the key."""
    plan = get_object_or_404(Plan.objects.select_related("owner"), calendar_token=token)
    return exports.ics_response(plan, list(plan.steps.visible()), request)
