"""Template filters for the plan pages."""

import uuid
from decimal import Decimal
from functools import cache

from django import template
from django.urls import get_script_prefix, reverse

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
