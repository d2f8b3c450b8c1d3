"""Starting a plan and changing its settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from careerplanner.guide import fitcheck as fit
from careerplanner.guide.models import Milestone, RouteTemplate
from careerplanner.plans import history, scheduling
from careerplanner.plans.forms import BLANK, BLANK_TITLE, PlanSettingsForm, StartPlanForm
from careerplanner.plans.switching import switch_route
from careerplanner.plans.views.owned import FORM, get_plan_for_user, owned

DEFAULT_HOURS_PER_WEEK = 10
Reason = history.PlanSnapshot.Reason


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
        "start_date": scheduling.today_for(request.user),
        "hours_per_week": fitcheck.get("hours_per_week") or DEFAULT_HOURS_PER_WEEK,
        "already_had": [milestone.slug for milestone in had],
    }
    form = StartPlanForm(request.POST or None, routes=routes, had=had, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():  # a plan and its first snapshot, or neither
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
            history.record(plan, Reason.STARTED, scheduling.today_for(request.user))
        messages.success(request, f"Your plan “{plan.title}” is ready.")
        return redirect(plan)
    context = {
        "form": form,
        "routes": routes,
        "recommended": recommended,
        "blank_title": BLANK_TITLE,
    }
    return render(request, "plans/start.html", context, status=422 if form.is_bound else 200)


@owned(get_plan_for_user, FORM)
def plan_edit(request, plan):
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if form.is_valid():
            today = scheduling.today_for(request.user)
            changed = set(form.changed_data)
            message = "Your plan's settings are saved."
            with transaction.atomic():  # the new settings, dates and snapshot, or none of them
                plan = form.save(commit=False)
                if {"start_date", "re_review_months"} & changed:
                    plan.schedule_re_review()
                plan.save()
                scheduling.replan_after_settings(
                    plan, changed, today, asked=bool(request.POST.get("replan"))
                )
                if "route" in changed and plan.route_id:
                    message = switch_route(plan, plan.route, today).words(plan.route)
                if (scheduling.DATED_FROM | {"route"}) & changed:
                    history.record(plan, Reason.SETTINGS, today)
            messages.success(request, message)
            return redirect(plan)
        return render(request, "plans/plan_edit.html", {"plan": plan, "form": form}, status=422)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})
