"""One step at a time: change its status, move, remove and put back, add, edit, log hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render

from careerplanner.plans import scheduling
from careerplanner.plans.forms import (
    AddStepForm,
    EditStepForm,
    LogHoursForm,
)
from careerplanner.plans.models import PlanStep, in_date_order
from careerplanner.plans.templatetags.plans import hours
from careerplanner.plans.views.owned import (
    _get_checkin_for_user,
    _get_plan_for_user,
    _get_step_for_user,
    _only,
    htmx_varies,
)
from careerplanner.plans.views.page import _changed, _render_plan


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
