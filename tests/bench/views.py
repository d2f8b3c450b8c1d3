"""The benchmark's own pages, mounted only in its processes (tests/bench/urls.py), against
which the app's pages are measured in the same run.

- constant: a constant body behind the same middleware and login. Dividing a page's requests
  per second by this one's cancels out a noisy machine: what is left is the page's own cost.
- comparable: a page written the plainest way, as a mature Django app would: the site's
  layout, one query for the person's steps, one template looping over as many rows as the
  page it stands beside has items, each row padded with plain markup (`pad` tags) until the
  page is as long. It says what that many rows and that much HTML cost when nothing is done
  cleverly or badly."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from careerplanner.plans.models import PlanStep

BODY = (
    b"<!doctype html><html lang=en><title>constant</title>"
    b"<p>The same middleware and login as every page; no queries or templates of ours.</p>"
)
MAX = 5_000


@login_required
def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


def _count(request, name: str, default: int) -> int:
    try:
        return min(max(int(request.GET.get(name, default)), 0), MAX)
    except ValueError:
        return default


@login_required
def comparable(request):
    rows, pad = _count(request, "rows", 30), _count(request, "pad", 0)
    steps = list(
        PlanStep.objects.visible()
        .filter(plan__owner=request.user)
        .select_related("plan")
        .order_by("plan__created", "position")
    )
    shown = [steps[n % len(steps)] for n in range(rows)] if steps else []
    return render(request, "bench/comparable.html", {"steps": shown, "pad": range(pad)})
