"""Sharing a plan with a mentor: the owner's page to create, replace or turn off the secret
link, and the read-only page the link opens for anyone who has it, without an account."""

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from careerplanner.plans import history, pace, scheduling
from careerplanner.plans.evidence import Evidence
from careerplanner.plans.sharing import MentorLink
from careerplanner.plans.steps import in_date_order
from careerplanner.plans.views.owned import (
    CHANGE,
    FORM,
    READ,
    get_plan_for_user,
    looked_up,
    owned,
)


def _sharing_url(plan) -> str:
    return reverse("plans:plan_mentor_link", args=[plan.pk])


@owned(get_plan_for_user, FORM)
def plan_mentor_link(request, plan):
    link = MentorLink.objects.filter(plan=plan).first()
    if request.method == "POST":
        with_notes = request.POST.get("with_notes") == "on"
        if link is None:
            MentorLink.objects.create(plan=plan, with_notes=with_notes)
            messages.success(request, "The mentor link is ready: copy it below.")
        else:
            link.with_notes = with_notes
            link.save(update_fields=["with_notes"])
            shown = "shows" if with_notes else "no longer shows"
            messages.success(request, f"The mentor link {shown} your notes.")
        return redirect(_sharing_url(plan))
    address = request.build_absolute_uri(link.get_absolute_url()) if link else ""
    return render(
        request, "plans/mentor_link.html", {"plan": plan, "link": link, "address": address}
    )


@owned(get_plan_for_user, CHANGE)
def plan_mentor_link_replace(request, plan):
    link = get_object_or_404(MentorLink, plan=plan)
    link.replace_token()
    messages.success(request, "The mentor link is replaced; the old one no longer works.")
    return redirect(_sharing_url(plan))


@owned(get_plan_for_user, CHANGE)
def plan_mentor_link_off(request, plan):
    MentorLink.objects.filter(plan=plan).delete()
    messages.success(request, "The mentor link is off; it no longer works.")
    return redirect(_sharing_url(plan))


def _not_for_search_engines(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The address is the key: never send it on to the sites the evidence links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _get_link(request, token) -> MentorLink:
    links = MentorLink.objects.select_related("plan__role", "plan__route", "plan__owner")
    return get_object_or_404(links, token=token)


@never_cache
@looked_up(_get_link, READ)
def mentor_view(request, link):
    """No login: the long secret in the address is the key, and only the plan is shown."""
    plan = link.plan
    today = scheduling.today_for(plan.owner)
    steps = in_date_order(plan.steps.visible().select_related("milestone"), today)
    evidence = defaultdict(list)
    for piece in Evidence.objects.of_plan(plan):
        evidence[piece.step_id].append(piece)
    for step in steps:
        step.pieces = evidence.get(step.pk, [])
    likely, slower = pace.finish_range(plan, steps)
    context = {
        "link": link,
        "plan": plan,
        "steps": steps,
        "progress": plan.progress(steps),
        "likely": likely,
        "slower": slower,
        "snapshots": list(history.listing(plan)),
        "timezone": plan.owner.timezone,
    }
    return _not_for_search_engines(render(request, "plans/mentor.html", context))
