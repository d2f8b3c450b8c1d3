"""The range of dates a plan lives in: what a person may type, and where computed dates stop.

A plan's dates are typed by people and computed from estimates that can be huge; without a
range, 9999-12-31 plus a week overflows and a page answers 500. Inside the range everything
a plan shows (a timeline's last week, a calendar event's end) can still be computed."""

import calendar
import math
from datetime import date

EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
RANGE_MESSAGE = (
    f"Enter a date between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}, as year-month-day."
)


def clamp_date(day: date) -> date:
    """The day itself inside the range, else the nearest end of it."""
    return min(max(day, EARLIEST), LATEST)


def add_days_saturating(day: date, days: float) -> date:
    """`day` plus `days` (rounded down), stopping at the ends of the range instead of
    overflowing: a plan projected past 2100 says 2100-12-31."""
    if not math.isfinite(days):
        return LATEST if days > 0 else EARLIEST
    ordinal = clamp_date(day).toordinal() + math.floor(days)
    return date.fromordinal(min(max(ordinal, EARLIEST.toordinal()), LATEST.toordinal()))


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day (31
    January plus one month is 28 or 29 February), inside the range."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > LATEST.year:
        return LATEST
    if year < EARLIEST.year:
        return EARLIEST
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
