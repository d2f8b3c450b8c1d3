"""The page benchmark's baseline: a constant page behind the same middleware and login.

The benchmark (tests/bench/) divides the plan page's requests per second by this view's, so
that a noisy machine cancels out: what is left is the cost of our own queries and templates.
It is routed only when BENCHMARK_VIEWS is on, so a normal deployment never serves it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

BODY = (
    b"<!doctype html><html lang=en><title>constant</title>"
    b"<p>The same middleware and login as every page; no queries or templates of ours.</p>"
)


@login_required
def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")
