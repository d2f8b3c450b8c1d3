"""Template filters for the plan pages."""

import uuid
from decimal import Decimal
from functools import cache

from django import template
from django.urls import get_script_prefix, reverse

from careerplanner.guide.sizes import span_words

register = template.Library()


@register.filter
def hours(value: Decimal | float | int | None) -> str:
    """1.5 → "1.5", 10.00 → "10", 1.25 → "1.25": no trailing zeros, no exponent."""
    if value is None or value == "":
        return ""
    return f"{round(float(value), 2):g}"


_PLACEHOLDER = uuid.UUID(int=0)


@cache
def _step_url_pattern(name: str, script_prefix: str) -> str:
    return reverse(f"plans:{name}", args=[_PLACEHOLDER])


@register.filter
def step_url(step, name: str) -> str:
    """{{ step|step_url:"step_status" }}: the same URL as {% url %}, reversed once per name
    rather than once per step; a 200-step plan page would otherwise spend much of its time
    reversing URLs."""
    return _step_url_pattern(name, get_script_prefix()).replace(str(_PLACEHOLDER), str(step.id))


@register.filter
def size_words(step) -> str:
    """How big a step is, in words: "200–500 hours", "4–6 years", "about 10 hours"."""
    if step.size_basis != step.SizeBasis.OWN and step.milestone_id and step.milestone.has_size:
        return step.milestone.effort_words
    if step.estimated_hours is not None:
        return f"about {hours(step.estimated_hours)} hours"
    if step.duration_days is not None:
        return f"about {span_words(step.duration_days)}"
    return ""


@register.filter
def window_note(step) -> str:
    """What a step tied to a yearly date aims for: "Applications due 10 December each
    year (open in September); this plan aims for the December 2027 deadline"."""
    window = step.milestone.window if step.milestone_id else None
    if window is None or step.target_date is None:
        return ""
    opens = f" (they open in {window.opens_words})" if window.opens_words else ""
    if window.anchor == window.Anchor.DUE:
        return (
            f"{window.name}: due {window.date_words} each year{opens}; this plan aims for the "
            f"{step.target_date:%B %Y} deadline."
        )
    begins = step.planned_start or step.target_date
    return (
        f"{window.name}: starts {window.date_words} each year{opens}; this plan starts it in "
        f"{begins:%B %Y}."
    )


def _day(value) -> str:
    return f"{value.day} {value:%b %Y}"


@register.filter
def step_when(step) -> str:
    """A step's dates in a few words, for its compact row on the plan page: "Done 3 Mar
    2027", "4 Jan 2027 to 10 Apr 2027", "By 10 Apr 2027 (your date)"."""
    if step.done_date:
        return f"Done {_day(step.done_date)}"
    if step.status == step.Status.HAD:
        return "Had before the plan"
    if step.status == step.Status.SKIPPED:
        return "Skipped"
    if not step.target_date:
        return "No target date yet"
    if step.planned_start and step.planned_start != step.target_date:
        when = f"{_day(step.planned_start)} to {_day(step.target_date)}"
    else:
        when = f"By {_day(step.target_date)}"
    if step.target_pinned:
        when += " (your date)"
    return f"Under way · {when}" if step.status == step.Status.DOING else when
