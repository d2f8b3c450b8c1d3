"""Template filters for the plan pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value: Decimal | float | int | None) -> str:
    """1.5 → "1.5", 10.00 → "10", 1.25 → "1.25": no trailing zeros, no exponent."""
    if value is None or value == "":
        return ""
    return f"{round(float(value), 2):g}"
