"""Who may reach a plan, step, check-in, piece of evidence or snapshot: its owner. One
lookup per model scopes it to request.user and 404s; `owned` puts it before everything else
in a view."""

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.views.decorators.vary import vary_on_headers

from careerplanner.plans.models import CheckIn, Evidence, Plan, PlanSnapshot, PlanStep

# These answer a fragment to htmx and a page otherwise: caches must keep the two apart.
htmx_varies = vary_on_headers("HX-Request")

READ = ("GET", "HEAD")
CHANGE = ("POST",)
FORM = ("GET", "HEAD", "POST")  # a form shown, then posted


def as_uuid(value) -> uuid.UUID | None:
    """An id from a form or query string, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def get_plan_for_user(request, plan_id) -> Plan:
    plans = Plan.objects.select_related("role", "route")
    return get_object_or_404(plans, id=plan_id, owner=request.user)


def get_step_for_user(request, step_id) -> PlanStep:
    steps = PlanStep.objects.select_related("plan", "milestone").filter(plan__owner=request.user)
    return get_object_or_404(steps.visible(), id=step_id)


def get_removed_step_for_user(request, step_id) -> PlanStep:
    steps = PlanStep.objects.select_related("plan", "milestone").filter(plan__owner=request.user)
    return get_object_or_404(steps.removed(), id=step_id)


def get_checkin_for_user(request, checkin_id) -> CheckIn:
    checkins = CheckIn.objects.select_related("plan", "step")
    return get_object_or_404(checkins, id=checkin_id, plan__owner=request.user)


def get_evidence_for_user(request, evidence_id) -> Evidence:
    pieces = Evidence.objects.select_related("step__plan").filter(step__removed_at__isnull=True)
    return get_object_or_404(pieces, id=evidence_id, step__plan__owner=request.user)


def get_snapshot_for_user(request, snapshot_id) -> PlanSnapshot:
    snapshots = PlanSnapshot.objects.select_related("plan__role", "plan__route")
    return get_object_or_404(snapshots, id=snapshot_id, plan__owner=request.user)


def looked_up(lookup: Callable, methods: tuple[str, ...]):
    """The view takes the object `lookup` finds instead of the id or secret in the URL. The
    lookup comes before the method check, so a stranger gets 404 whatever the method (a 405
    would tell them the object exists); only one who may see it hears that a method is not
    allowed."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, **url_kwargs):
            (object_id,) = url_kwargs.values()
            found = lookup(request, object_id)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, found)

        return wrapper

    return decorate


def owned(lookup: Callable, methods: tuple[str, ...]):
    """`looked_up` for the signed-in person's own object; anyone not signed in is sent to
    sign in first."""

    def decorate(view):
        return login_required(looked_up(lookup, methods)(view))

    return decorate
