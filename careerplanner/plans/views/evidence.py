"""A step's evidence page: what good evidence looks like, what the person has attached, and
the form to add more; each piece can be removed. Only the owner reaches any of it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from careerplanner.plans import scheduling
from careerplanner.plans.forms import EvidenceForm
from careerplanner.plans.models import PlanStep
from careerplanner.plans.views.owned import (
    CHANGE,
    FORM,
    get_evidence_for_user,
    get_step_for_user,
    htmx_varies,
    owned,
)


def _page(request, step: PlanStep, form: EvidenceForm, status: int = 200, announce: str = ""):
    context = {
        "plan": step.plan,
        "step": step,
        "pieces": list(step.evidence.all()),
        "form": form,
        "announce": announce,
    }
    template = "plans/evidence.html#evidence" if request.htmx else "plans/evidence.html"
    return render(request, template, context, status=status)


def _changed(request, step: PlanStep, message: str):
    """After a change: the fresh list and an empty form for htmx, or back to the page."""
    if request.htmx:
        form = EvidenceForm(today=scheduling.today_for(request.user))
        return _page(request, step, form, announce=message)
    messages.success(request, message)
    return redirect(reverse("plans:step_evidence", args=[step.pk]))


@htmx_varies
@owned(get_step_for_user, FORM)
def step_evidence(request, step):
    form = EvidenceForm(request.POST or None, today=scheduling.today_for(request.user))
    if request.method != "POST":
        return _page(request, step, form)
    if not form.is_valid():
        return _page(request, step, form, status=422)
    piece = form.save(commit=False)
    piece.step = step
    piece.save()
    return _changed(request, step, f"Added “{piece.title}” to “{step.title}”.")


@htmx_varies
@owned(get_evidence_for_user, CHANGE)
def evidence_remove(request, piece):
    piece.delete()
    return _changed(request, piece.step, f"Removed “{piece.title}”.")
