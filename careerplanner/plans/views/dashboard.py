"""The dashboard: a person's plans, archived or not, and deleting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from careerplanner.plans import page_cache, scheduling
from careerplanner.plans.models import Plan
from careerplanner.plans.views.owned import CHANGE, FORM, get_plan_for_user, htmx_varies, owned


def _dashboard_context(request) -> dict:
    today = scheduling.today_for(request.user)
    plans = list(
        Plan.objects.owned_by(request.user).with_progress(today).select_related("role", "route")
    )
    return {
        "active": [each for each in plans if not each.is_archived],
        "archived": [each for each in plans if each.is_archived],
        "today": today,
    }


@login_required
@htmx_varies
@require_GET
def dashboard(request):
    if request.htmx:
        return render(request, "plans/dashboard.html#plans", _dashboard_context(request))
    # The cards as they were last rendered, if none of the plans has changed since.
    plans = Plan.objects.owned_by(request.user)
    key = page_cache.plans_key(request.user.pk, plans, scheduling.today_for(request.user))
    cards = page_cache.get(key, request)
    if cards is None:
        context = _dashboard_context(request)
        cards = render_to_string("plans/dashboard.html#plans", context, request)
        page_cache.keep(key, cards)
    return render(request, "plans/dashboard.html", {"cards": cards})


def _dashboard_changed(request, message: str):
    if request.htmx:
        context = {**_dashboard_context(request), "announce": message}
        return render(request, "plans/dashboard.html#plans", context)
    messages.success(request, message)
    return redirect("plans:dashboard")


@htmx_varies
@owned(get_plan_for_user, CHANGE)
def plan_archive(request, plan):
    plan.archive()
    return _dashboard_changed(request, f"Archived “{plan.title}”.")


@htmx_varies
@owned(get_plan_for_user, CHANGE)
def plan_restore(request, plan):
    plan.restore()
    if request.POST.get("back") == "plan":
        messages.success(request, f"“{plan.title}” is active again.")
        return redirect(plan)
    return _dashboard_changed(request, f"Restored “{plan.title}”.")


@owned(get_plan_for_user, FORM)
def plan_delete(request, plan):
    if request.method == "POST":
        plan.delete()
        messages.success(request, f"Deleted “{plan.title}” and everything in it.")
        return redirect("plans:dashboard")
    return render(request, "plans/plan_delete.html", {"plan": plan})
