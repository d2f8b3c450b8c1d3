"""How fast a person is really going, and what that means for their finish.

Pace counts only work done within the plan: hours on study steps, each credited up to its
estimate. Steps the person already had before starting, and calendar steps (a job, a PhD),
never count towards it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from careerplanner.plans import scheduling
from careerplanner.plans.models import Plan
from careerplanner.plans.steps import PlanStep, next_step

# Pace is measured only once there is something to measure: two weeks since the start.
MINIMUM_DAYS_FOR_PACE = 14


def actual_pace(steps: Sequence[PlanStep], start: date, today: date) -> Decimal | None:
    """Hours a week of planned study the person has got through, or None if too soon.

    A done study step earns its estimate, an open one the hours logged on it up to its
    estimate: logging many hours on a step that is not finishing reads as slow, ticking
    steps off reads as fast."""
    days = (today - start).days
    credited = Decimal(0)
    for step in steps:
        if step.runs_alongside or step.estimated_hours is None:
            continue
        if step.status == PlanStep.Status.DONE:
            credited += step.estimated_hours
        elif step.is_open:
            credited += min(step.hours_logged, step.estimated_hours)
    if days < MINIMUM_DAYS_FOR_PACE or credited <= 0:
        return None
    return (credited * 7 / days).quantize(Decimal("0.1"))


def why_no_pace(steps: Sequence[PlanStep], start: date, today: date) -> str:
    """In words, why actual_pace() has nothing to say yet."""
    if today < start:
        return "The plan has not started yet."
    if (today - start).days < MINIMUM_DAYS_FOR_PACE:
        return f"Too early to tell: pace shows after {MINIMUM_DAYS_FOR_PACE} days of the plan."
    return "Nothing to go on yet: finish a step or log hours on one."


def projected_finish(steps: Sequence[PlanStep], pace: Decimal | None, today: date) -> date | None:
    """When the open steps would be finished from today at `pace`, laid out as the plan is
    (calendar steps alongside, windows kept), with what is left of each."""
    open_steps = [step for step in steps if step.is_open]
    if pace is None or not open_steps:
        return None
    pace = max(pace, scheduling.SLOWEST_PACE_HOURS_PER_WEEK)
    slots = scheduling.layout(open_steps, today, scheduling.Pace(pace, remaining=True))
    return scheduling.finish(slots)


@dataclass(frozen=True)
class Outlook:
    """What a plan's dates rest on: its likely and slower finish, the hours a week they
    assume, how many of its figures are our estimates, and the pace so far."""

    likely: date | None
    slower: date | None
    hours_per_week: int
    estimates: int
    sized: int
    pace: Decimal | None
    projected: date | None
    no_pace_reason: str

    @property
    def behind(self) -> bool:
        """The pace so far would finish after even the slower finish."""
        return bool(self.projected and self.slower and self.projected > self.slower)


def finish_range(plan: Plan, steps: Sequence[PlanStep]) -> tuple[date | None, date | None]:
    """(likely, slower) finish of the plan's visible `steps` as they are dated now."""
    counted = [step for step in steps if step.status != PlanStep.Status.SKIPPED]
    likely = scheduling.planned_finish(counted)
    return likely, max(filter(None, (plan.slower_finish, likely)), default=None)


def outlook(plan: Plan, steps: Sequence[PlanStep], today: date) -> Outlook:
    counted = [step for step in steps if step.status != PlanStep.Status.SKIPPED]
    likely, slower = finish_range(plan, steps)
    pace = actual_pace(steps, plan.start_date, today)
    return Outlook(
        likely=likely,
        slower=slower,
        hours_per_week=plan.hours_per_week,
        estimates=sum(1 for step in counted if step.is_estimate),
        sized=sum(1 for step in counted if step.size_basis),
        pace=pace,
        projected=projected_finish(steps, pace, today),
        no_pace_reason="" if pace else why_no_pace(steps, plan.start_date, today),
    )


@dataclass(frozen=True)
class Standing:
    """Where a person stands against their plan's range, for the nudges: whether their pace
    so far would miss even the slower finish, the one step to do next, and what one more
    hour a week would change."""

    behind: bool
    next_step: PlanStep | None
    slower: date | None
    projected: date | None
    pace: Decimal | None
    with_an_hour_more: date | None


def standing(plan: Plan, steps: Sequence[PlanStep], today: date) -> Standing:
    view = outlook(plan, steps, today)
    more = projected_finish(steps, view.pace + 1, today) if view.pace is not None else None
    return Standing(
        behind=view.behind,
        next_step=next_step(steps, today),
        slower=view.slower,
        projected=view.projected,
        pace=view.pace,
        with_an_hour_more=more if more and view.projected and more < view.projected else None,
    )
