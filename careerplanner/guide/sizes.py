"""How big a milestone is: effort in hours of one's own work, or a calendar duration.

Seeds write a size as words ("200–500 hours", "4–6 years"); this module reads them, turns
them into days for the scheduler and back into words for people."""

import re
from dataclasses import dataclass
from enum import StrEnum

DAYS_PER_YEAR = 365.25


class Unit(StrEnum):
    HOURS = "hours"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


CALENDAR_UNITS = (Unit.WEEKS, Unit.MONTHS, Unit.YEARS)
DAYS_PER_UNIT = {Unit.WEEKS: 7, Unit.MONTHS: DAYS_PER_YEAR / 12, Unit.YEARS: DAYS_PER_YEAR}

_AMOUNT = re.compile(r"^(?:about\s+)?(\d+)(?:\s*(?:–|-|to)\s*(\d+))?\s+([a-z]+)$")


@dataclass(frozen=True)
class Amount:
    low: int
    high: int
    unit: Unit

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    def days(self, value: float) -> float:
        return value * DAYS_PER_UNIT[self.unit]

    def __str__(self) -> str:
        return words(self.low, self.high, self.unit)


def parse(text: str) -> Amount:
    """ "200–500 hours" or "about 6 months" → Amount; ValueError says what is wrong."""
    match = _AMOUNT.match(str(text).strip().lower())
    if not match:
        raise ValueError(f"{text!r} is not an amount such as “40 hours” or “4–6 years”")
    low, high, unit = match.groups()
    unit = unit if unit.endswith("s") else unit + "s"
    if unit not in Unit.__members__.values():
        raise ValueError(f"{text!r}: {unit!r} is not a unit (hours, weeks, months or years)")
    low, high = int(low), int(high or low)
    if low > high:
        raise ValueError(f"{text!r}: the low end {low} is above the high end {high}")
    if high == 0:
        raise ValueError(f"{text!r}: an amount must be more than nothing")
    return Amount(low, high, Unit(unit))


def words(low: int, high: int, unit: str) -> str:
    """20, 20, hours → "about 20 hours"; 4, 6, years → "4–6 years"."""
    if low == high:
        return f"about {low} {unit[:-1] if low == 1 else unit}"
    return f"{low}–{high} {unit}"


def span_words(days: float) -> str:
    """A length of calendar time in the unit a person would use: "3 weeks", "about 5 years"."""
    if days < 14:
        return f"{max(round(days), 1)} day{'s' if round(days) != 1 else ''}"
    if days < 91:
        return f"{round(days / 7)} weeks"
    if days < 2 * DAYS_PER_YEAR:
        return f"{round(days / DAYS_PER_UNIT[Unit.MONTHS])} months"
    years = round(days / DAYS_PER_YEAR * 2) / 2
    return f"{years:g} years"
