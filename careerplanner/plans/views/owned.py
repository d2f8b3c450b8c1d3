"""Who may reach a plan, step or check-in: its owner. Every view that takes an id looks the
object up for request.user before anything else, and only then checks the method, so that a
stranger gets 404 for every method, never a 405 that would tell them the id exists."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.views.decorators.vary import vary_on_headers

from careerplanner.plans.models import CheckIn, Plan, PlanStep

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
