"""One step at a time: change its status, move, remove and put back, add, edit, log hours."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render

from careerplanner.plans import scheduling
from careerplanner.plans.forms import AddStepForm, EditStepForm, LogHoursForm
from careerplanner.plans.steps import PlanStep, in_date_order
from careerplanner.plans.templatetags.plans import hours
from careerplanner.plans.views.owned import (
    CHANGE,
    FORM,
    as_uuid,
    get_checkin_for_user,
    get_plan_for_user,
    get_removed_step_for_user,
    get_step_for_user,
    htmx_varies,
    owned,
)
from careerplanner.plans.views.page import plan_changed, render_plan


@htmx_varies
@owned(get_step_for_user, CHANGE)
def step_status(request, step):
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
    return plan_changed(request, step.plan, f"Marked “{step.title}” {words[status]}.", step=step)


@htmx_varies
@owned(get_plan_for_user, CHANGE)
def steps_quick(request, plan):
    """The plan page's one form around its list: each open step's "Done" button names it."""
    step = plan.steps.visible().filter(pk=as_uuid(request.POST.get("done"))).first()
    if step is None or not step.is_open:
        return HttpResponseBadRequest("That step is not an open step of this plan.")
    step.set_status(PlanStep.Status.DONE, scheduling.today_for(request.user))
    return plan_changed(request, plan, f"Marked “{step.title}” done.", step=step)


@htmx_varies
@owned(get_step_for_user, CHANGE)
def step_move(request, step):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Move up or down.")
    today = scheduling.today_for(request.user)
    message = scheduling.swap_places(step, direction, today)
    return plan_changed(request, step.plan, message, step=step)


@htmx_varies
@owned(get_step_for_user, CHANGE)
def step_remove(request, step):
    step.remove()
    return plan_changed(request, step.plan, f"Removed “{step.title}”.", removed=step)


@htmx_varies
@owned(get_removed_step_for_user, CHANGE)
def step_restore(request, step):
    step.restore()
    return plan_changed(request, step.plan, f"Put “{step.title}” back.", step=step)


@htmx_varies
@owned(get_plan_for_user, FORM)
def step_add(request, plan):
    steps = in_date_order(plan.steps.visible(), scheduling.today_for(request.user))
    # The plan page's short form has no "Place it": its steps go after the last one.
    placement = request.method != "POST" or "add-after" in request.POST
    form = AddStepForm(
        request.POST or None,
        steps=steps,
        placement=placement,
        initial={"stage": request.GET.get("stage")},
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
        return render_plan(request, plan, status=422, add_form=form)
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    after = form.after_step()
    step = PlanStep.insert(plan, after, size_basis=PlanStep.SizeBasis.OWN, **fields)
    scheduling.date_new_step(step, after, scheduling.today_for(request.user))
    return plan_changed(request, plan, f"Added “{step.title}”.", step=step)


# ----- one step: edit and log hours ------------------------------------------------------


def _edit_form(step: PlanStep, data=None) -> EditStepForm:
    # Ids carry the step, so that two steps' forms open on the plan page never clash.
    return EditStepForm(data, instance=step, auto_id=f"edit-{step.pk}-%s")


def _hours_form(step: PlanStep, today, data=None) -> LogHoursForm:
    return LogHoursForm(data, today=today, auto_id=f"hours-{step.pk}-%s")


def _move_limits(step: PlanStep, today) -> dict[str, bool]:
    """Whether the step is the first or last open step that can move (the ends of the
    plan page's order), so that its page offers only the moves it has."""
    movable = [
        other.pk
        for other in in_date_order(step.plan.steps.visible(), today)
        if other.is_open and not other.runs_alongside
    ]
    return {
        "first_open": bool(movable) and movable[0] == step.pk,
        "last_open": bool(movable) and movable[-1] == step.pk,
    }


def _step_page(request, step: PlanStep, *, edit_form=None, hours_form=None, status=200):
    today = scheduling.today_for(request.user)
    context = {
        **_move_limits(step, today),
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


@htmx_varies
@owned(get_step_for_user, FORM)
def step_edit(request, step):
    form = _edit_form(step, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return plan_changed(request, step.plan, f"Saved “{step.title}”.", step=step)
        return _step_form(request, step, "edit_form", form, status=422)
    if request.htmx and "actions" in request.GET:  # the plan page's dialog for this step
        context = {"step": step, **_move_limits(step, scheduling.today_for(request.user))}
        return render(request, "plans/step.html#actions", context)
    return _step_form(request, step, "edit_form", form)


@htmx_varies
@owned(get_step_for_user, FORM)
def step_hours(request, step):
    today = scheduling.today_for(request.user)
    form = _hours_form(step, today, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            step.log_hours(data["date"], data["hours"], data["note"])
            message = f"Logged {hours(data['hours'])} hours on “{step.title}”."
            return plan_changed(request, step.plan, message, step=step)
        return _step_form(request, step, "hours_form", form, status=422)
    return _step_form(request, step, "hours_form", form)


@htmx_varies
@owned(get_checkin_for_user, CHANGE)
def checkin_delete(request, checkin):
    checkin.delete_and_uncount()
    message = f"Deleted the {hours(checkin.hours)} hours logged on {checkin.date:%-d %B %Y}."
    if request.POST.get("back") == "step" and checkin.step_id and not request.htmx:
        messages.success(request, message)
        return redirect("plans:step_edit", checkin.step_id)
    return plan_changed(request, checkin.plan, message)
