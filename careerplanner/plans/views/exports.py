"""Taking a plan away: JSON, a Markdown checklist, and the calendar feed with its secret."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from careerplanner.downloads import json_response
from careerplanner.plans import exports, scheduling
from careerplanner.plans.models import Evidence, MentorLink, Plan
from careerplanner.plans.views.owned import CHANGE, READ, get_plan_for_user, owned


@owned(get_plan_for_user, READ)
def plan_export_json(request, plan):
    steps = plan.steps.visible().select_related("milestone__window")
    today = scheduling.today_for(request.user)
    data = exports.plan_data(
        plan,
        steps,
        plan.checkins.all(),
        today,
        evidence=Evidence.objects.of_plan(plan),
        snapshots=plan.snapshots.all(),
        mentor_link=MentorLink.objects.filter(plan=plan).first(),
    )
    return json_response(data, filename=exports.filename(plan, "json"))


@owned(get_plan_for_user, READ)
def plan_export_markdown(request, plan):
    steps = list(plan.steps.visible().select_related("milestone__window"))
    today = scheduling.today_for(request.user)
    return exports.markdown_response(plan, steps, today, Evidence.objects.of_plan(plan))


@owned(get_plan_for_user, READ)
def plan_calendar(request, plan):
    """The plan's calendar address: a page of its own, so the plan page stays light."""
    return render(request, "plans/calendar.html", {"plan": plan})


@owned(get_plan_for_user, CHANGE)
def plan_calendar_replace(request, plan):
    plan.replace_calendar_token()
    messages.success(
        request,
        "The calendar link is replaced; the old one no longer works. "
        "Subscribe again with the new one.",
    )
    return redirect("plans:plan_calendar", plan.id)


@require_safe
def calendar_feed(request, token):
    """No login: calendar apps cannot log in. The long secret in the URL is the key."""
    plan = get_object_or_404(Plan.objects.select_related("owner"), calendar_token=token)
    return exports.ics_response(plan, list(plan.steps.visible()), request)
