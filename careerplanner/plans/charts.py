"""The geometry of the timeline and progress pictures; templates draw them as inline SVG.

No chart library: a few rectangles and lines in a fixed viewBox, coloured from the page's
CSS variables so that they follow dark mode."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from careerplanner.plans.dates import add_days_saturating, clamp_date
from careerplanner.plans.models import CheckIn, Plan, PlanStep

# Narrow on purpose: a phone draws it at about its own size, so 12 px text stays above 10 px
# at 375 px wide; a wider screen scales it up to the page's width.
WIDTH = 400
MARGIN = 8
ROW = 34  # a label line, then the bar under it
AXIS = 22
TITLE_CHARS = 56
NEXT_DAYS = 365
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
class Bar:
    x: float
    width: float
    step: PlanStep | None = None


@dataclass
class TimelineRow:
    label: str
    y: float
    planned: list[Bar]
    actual: Bar | None = None
    overdue: bool = False
    status: str = ""


@dataclass
class Timeline:
    rows: list[TimelineRow]
    ticks: list[Tick]
    height: float
    today_x: float | None
    first: date
    last: date
    width: int = WIDTH


def _month_ticks(first: date, last: date, scale) -> list[Tick]:
    months = (last.year - first.year) * 12 + last.month - first.month
    every = 1 if months <= 4 else 3 if months <= 12 else 12 if months <= 72 else 24
    ticks = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        day = date(year, month, 1)
        if day >= first and (month - 1) % every == 0:
            ticks.append(Tick(scale(day), f"{day:%b %Y}" if every < 12 else f"{day:%Y}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _scale(first: date, last: date):
    span = max((last - first).days, 1)

    def scale(day: date) -> float:
        day = min(max(day, first), last)
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span, 1)

    return scale


def _bar(scale, begin: date, end: date, step=None) -> Bar:
    return Bar(scale(begin), max(scale(end) - scale(begin), 2), step)


def _span(step: PlanStep) -> tuple[date, date]:
    """Planned start to target; a target set before the planned start is both."""
    target = clamp_date(step.target_date)
    return min(clamp_date(step.planned_start or target), target), target


def _actual(scale, step: PlanStep, today: date) -> Bar | None:
    if not step.started_date:
        return None
    end = step.done_date or (today if step.is_open else step.started_date)
    return _bar(scale, step.started_date, max(end, step.started_date))


def _frame(rows: list[TimelineRow], first: date, last: date, today: date, scale) -> Timeline:
    return Timeline(
        rows=rows,
        ticks=_month_ticks(first, last, scale),
        height=AXIS + len(rows) * ROW + 14,
        today_x=scale(today) if first <= today <= last else None,
        first=first,
        last=last,
    )


def _dated(steps: list[PlanStep]) -> list[PlanStep]:
    hidden = (PlanStep.Status.SKIPPED, PlanStep.Status.HAD)
    shown = [s for s in steps if s.target_date and s.status not in hidden]
    return sorted(shown, key=lambda s: (_span(s), s.position))


def overview(plan: Plan, steps: list[PlanStep], today: date) -> Timeline:
    """The whole plan in lanes: a row for each step that runs alongside (a job, a degree, a
    PhD), then a row per stage for the study that shares the weekly hours, each study step a
    segment of it. So a five-year PhD no longer squeezes weeks-long courses into slivers."""
    dated = _dated(steps)
    days = [clamp_date(plan.start_date), today] + [d for s in dated for d in _span(s)]
    first, last = min(days), add_days_saturating(max(days), 14)
    scale = _scale(first, last)
    rows = []
    for step in (s for s in dated if s.runs_alongside):
        rows.append(
            TimelineRow(
                label=_shorten(step.title),
                y=AXIS + len(rows) * ROW,
                planned=[_bar(scale, *_span(step), step)],
                actual=_actual(scale, step, today),
                overdue=step.is_overdue(today),
                status=step.status,
            )
        )
    for stage, label in PlanStep._meta.get_field("stage").choices:
        study = [s for s in dated if not s.runs_alongside and s.stage == stage]
        if study:
            rows.append(
                TimelineRow(
                    label=f"{label}: {len(study)} step{'s' if len(study) != 1 else ''} of study",
                    y=AXIS + len(rows) * ROW,
                    planned=[_bar(scale, *_span(step), step) for step in study],
                    overdue=any(step.is_overdue(today) for step in study),
                )
            )
    return _frame(rows, first, last, today, scale)


def next_months(plan: Plan, steps: list[PlanStep], today: date) -> Timeline:
    """Step by step, what falls in the year from today, what is overdue and what was done
    in the last two weeks."""
    first, last = today - timedelta(days=14), today + timedelta(days=NEXT_DAYS)
    shown = [
        step
        for step in _dated(steps)
        if (step.is_open or step.status == PlanStep.Status.DONE)
        and _span(step)[0] <= last
        and (
            _span(step)[1] >= first
            or step.is_overdue(today)
            or (step.done_date and step.done_date >= first)
        )
    ]
    scale = _scale(first, last)
    rows = [
        TimelineRow(
            label=_shorten(step.title),
            y=AXIS + index * ROW,
            planned=[_bar(scale, *_span(step), step)],
            actual=_actual(scale, step, today),
            overdue=step.is_overdue(today),
            status=step.status,
        )
        for index, step in enumerate(shown)
    ]
    return _frame(rows, first, last, today, scale)


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

    top, bottom, left, right = 12, CHART_HEIGHT - 24, 36, WIDTH - 36
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
