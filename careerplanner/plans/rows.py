"""The plan page's step rows, each rendered once for what it shows.

A row's HTML depends only on a few values of its step (`_inputs`), so it is kept in a cache
of this process under a digest of those values. A step that changes gets a new key: nothing
is ever invalidated, and an unchanged row costs a lookup instead of a render (on a 30-step
plan, the rows were a third of the page's time)."""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string

from careerplanner.plans.templatetags.plans import window_note

TEMPLATE = "plans/plan.html#step"


def _inputs(step) -> tuple:
    """Everything the row template reads of a step. A value the template reads but this
    leaves out would show a stale row: tests/plans/test_rows.py compares every row with a
    fresh render after each change a person can make."""
    return (
        step.pk,
        step.title,
        step.status,
        step.overdue,
        step.runs_alongside,
        step.done_date,
        step.planned_start,
        step.target_date,
        step.target_pinned,
        step.hours_logged,
        step.milestone_id,
        window_note(step) if step.is_open else "",
        step.evidence_count,
        step.evidence_confirmed,
        step.notes,
        tuple(step.beside),
    )


def _key(step) -> str:
    return "row:" + hashlib.blake2b(repr(_inputs(step)).encode(), digest_size=16).hexdigest()


def render_rows(steps) -> None:
    """Sets each step's `row`: the HTML of its row on the plan page."""
    cache = caches["rows"]
    keys = {step.pk: _key(step) for step in steps}
    found = cache.get_many(keys.values())
    fresh = {}
    for step in steps:
        key = keys[step.pk]
        if key not in found:
            found[key] = fresh[key] = render_to_string(TEMPLATE, {"step": step})
        step.row = found[key]
    if fresh:
        cache.set_many(fresh)
