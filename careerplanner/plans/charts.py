"""The geometry of the timeline and progress pictures; templates draw them as inline SVG.

No chart library: a few rectangles and lines in a fixed viewBox, coloured from the page's
CSS variables so that they follow dark mode."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from careerplanner.plans.dates import add_days_saturating, clamp_date
from careerplanner.plans.models import CheckIn, Plan, PlanStep

WIDTH = 800
LABEL_WIDTH = 260  # room for step titles on the left of the timeline
ROW = 24
AXIS = 28
TITLE_CHARS = 38
WEEKS_SHOWN = 52
CHART_HEIGHT = 180


def _shorten(text: str, limit: int = TITLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelineRow:
    step: PlanStep
    y: float
    label: str
    planned: tuple[float, float] | None  # x and width
    actual: tuple[float, float] | None
    overdue: bool


@dataclass
class Timeline:
    rows: list[TimelineRow]
    ticks: list[Tick]
    height: float
    today_x: float | None
    first: date | None
    last: date | None
    undated: list[PlanStep] = field(default_factory=list)
    width: int = WIDTH
    label_width: int = LABEL_WIDTH


def _month_ticks(first: date, last: date, scale) -> list[Tick]:
    months = (last.year - first.year) * 12 + last.month - first.month
    every = 1 if months <= 12 else 3 if months <= 36 else 12
    ticks = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        day = date(year, month, 1)
        if day >= first and (month - 1) % every == 0:
            label = f"{day:%b %Y}" if every < 12 else f"{day:%Y}"
            ticks.append(Tick(scale(day), label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def timeline(plan: Plan, steps: list[PlanStep], today: date) -> Timeline:
    """Planned bars (start to target date) and actual bars (started to done, or to today)."""
    shown = [step for step in steps if step.status != PlanStep.Status.SKIPPED]
    dated = [step for step in shown if step.target_date]
    undated = [step for step in shown if not step.target_date]
    dated.sort(key=lambda s: (s.planned_start or s.target_date, s.target_date, s.position))
    days = [plan.start_date, today]
    for step in dated:
        days += [d for d in (step.planned_start, step.target_date) if d]
        days += [d for d in (step.started_date, step.done_date) if d]
    # Dates stored before the range was enforced are drawn at its ends.
    days = [clamp_date(day) for day in days]
    first, last = min(days), add_days_saturating(max(days), 7)
    span = max((last - first).days, 1)

    def scale(day: date) -> float:
        return round(LABEL_WIDTH + (WIDTH - LABEL_WIDTH - 30) * (day - first).days / span, 1)

    rows = []
    for index, step in enumerate(dated):
        begin = min(step.planned_start or step.target_date, step.target_date)
        planned = (scale(begin), max(scale(step.target_date) - scale(begin), 2))
        actual = None
        if step.started_date:
            end = step.done_date or (today if step.is_open else step.started_date)
            end = max(end, step.started_date)
            actual = (scale(step.started_date), max(scale(end) - scale(step.started_date), 2))
        rows.append(
            TimelineRow(
                step=step,
                y=AXIS + index * ROW,
                label=_shorten(step.title),
                planned=planned,
                actual=actual,
                overdue=step.is_overdue(today),
            )
        )
    return Timeline(
        rows=rows,
        ticks=_month_ticks(first, last, scale),
        height=AXIS + len(rows) * ROW + 8,
        today_x=scale(today),
        first=first,
        last=last,
        undated=undated,
    )


@dataclass
class Week:
    monday: date
    hours: float
    done: int  # steps finished that week
    total_done: int  # steps finished by the end of that week
    x: float = 0
    bar_height: float = 0
    bar_y: float = 0
    line_y: float = 0


@dataclass
class WeeklyProgress:
    weeks: list[Week]
    bar_width: float
    max_hours: float
    max_done: int
    line_points: str
    height: int = CHART_HEIGHT
    width: int = WIDTH
    truncated: bool = False
    total_hours: float = 0
    hour_ticks: list = field(default_factory=list)


def weekly_progress(
    plan: Plan, steps: list[PlanStep], checkins: list[CheckIn], today: date
) -> WeeklyProgress:
    """Hours logged per week as bars, and steps done so far as a line, from the start."""
    hours: dict[date, float] = defaultdict(float)
    for checkin in checkins:
        hours[_monday(checkin.date)] += float(checkin.hours)
    done: dict[date, int] = defaultdict(int)
    for step in steps:
        if step.status == PlanStep.Status.DONE and step.done_date:
            done[_monday(step.done_date)] += 1
    first = _monday(clamp_date(min([plan.start_date, today, *hours, *done])))
    last = _monday(today)
    mondays = []
    monday = first
    while monday <= last:
        mondays.append(monday)
        monday += timedelta(days=7)
    total = 0
    weeks = []
    for monday in mondays:
        total += done.get(monday, 0)
        weeks.append(Week(monday, round(hours.get(monday, 0), 2), done.get(monday, 0), total))
    truncated = len(weeks) > WEEKS_SHOWN
    weeks = weeks[-WEEKS_SHOWN:]

    top, bottom, left, right = 12, CHART_HEIGHT - 24, 40, WIDTH - 40
    max_hours = max([week.hours for week in weeks] + [1])
    max_done = max([week.total_done for week in weeks] + [1])
    slot = (right - left) / len(weeks)
    points = []
    for index, week in enumerate(weeks):
        week.x = round(left + index * slot + slot * 0.15, 1)
        week.bar_height = round((bottom - top) * week.hours / max_hours, 1)
        week.bar_y = round(bottom - week.bar_height, 1)
        week.line_y = round(bottom - (bottom - top) * week.total_done / max_done, 1)
        points.append(f"{round(week.x + slot * 0.35, 1)},{week.line_y}")
    return WeeklyProgress(
        weeks=weeks,
        bar_width=round(max(slot * 0.7, 1), 1),
        max_hours=round(max_hours, 2),
        max_done=max_done,
        line_points=" ".join(points),
        truncated=truncated,
        total_hours=round(sum(hours.values()), 2),
        hour_ticks=[
            {"y": round(bottom - (bottom - top) * f, 1), "label": f"{max_hours * f:g}"}
            for f in (0, 0.5, 1)
        ],
    )
