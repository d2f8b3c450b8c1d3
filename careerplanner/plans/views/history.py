"""A plan's history: its snapshots with what changed at each, and the plan as it was at any
one of them with what has changed since. Each page makes a fixed number of queries."""

from django.shortcuts import render

from careerplanner.plans import history, scheduling
from careerplanner.plans.changes import compare
from careerplanner.plans.views.owned import READ, get_plan_for_user, get_snapshot_for_user, owned


@owned(get_plan_for_user, READ)
def plan_history(request, plan):
    snapshots = list(history.listing(plan))
    since_latest = None
    if snapshots:
        today = scheduling.today_for(request.user)
        now = history.current_state(plan, list(plan.steps.visible()), today)
        since_latest = compare(snapshots[0].state(), now)  # reads the latest one's state
    context = {"plan": plan, "snapshots": snapshots, "since_latest": since_latest}
    return render(request, "plans/history.html", context)


@owned(get_snapshot_for_user, READ)
def plan_snapshot(request, snapshot):
    plan = snapshot.plan
    today = scheduling.today_for(request.user)
    then = snapshot.state()
    now = history.current_state(plan, list(plan.steps.visible()), today)
    context = {"plan": plan, "snapshot": snapshot, "then": then, "since": compare(then, now)}
    return render(request, "plans/snapshot.html", context)
