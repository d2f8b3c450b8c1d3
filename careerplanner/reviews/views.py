"""The planner's side of a review: asking for one from the plan page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.vary import vary_on_headers

from careerplanner.plans.models import Plan
from careerplanner.reviews import services
from careerplanner.reviews.forms import AskForReviewForm
from careerplanner.reviews.panel import panel_context


def _get_plan_for_user(request, plan_id) -> Plan:
    return get_object_or_404(Plan.objects.active(), id=plan_id, owner=request.user)


@login_required
@vary_on_headers("HX-Request")  # the panel to htmx, the page otherwise
def ask(request, plan_id):
    plan = _get_plan_for_user(request, plan_id)  # before the method check: strangers get 404
    if request.method != "POST":
        return redirect(plan)
    form = AskForReviewForm(request.POST, plan=plan)
    if form.is_valid():
        services.ask(plan, form.cleaned_data["message"])
        if not request.htmx:
            messages.success(request, "Your plan is in the advisors' queue.")
            return redirect(plan)
        form = AskForReviewForm(plan=plan)
    context = panel_context(plan, form)
    status = 422 if form.errors else 200
    if request.htmx:
        return render(request, "reviews/panel.html", context, status=status)
    return render(request, "reviews/ask.html", context, status=status)
