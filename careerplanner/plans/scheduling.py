"""When each step of a plan should be done: from the route, the hours a person gives, and
their actual pace. Spans the catalog (effort, prerequisites) and the plan's steps."""

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from careerplanner.guide.models import Milestone, RouteTemplate
from careerplanner.plans.dates import add_days_saturating
from careerplanner.plans.models import Plan, PlanStep

# The guide gives no size for many milestones ("learn calculus", "talk to people about your
# fit"). A working week of effort is a middling guess for a course or a small project: big
# enough not to make a plan look shorter than it is, small enough not to swamp it.
DEFAULT_EFFORT_HOURS = Decimal(40)

# An unfinished step that has already used its estimate still needs some time.
MINIMUM_REMAINING_HOURS = Decimal(1)

DAYS_PER_MONTH = 365.25 / 12

# Pace is measured only once there is something to measure: a week since the start.
MINIMUM_DAYS_FOR_PACE = 7

# A reschedule never assumes less than this, so one bad month cannot push a plan decades out.
SLOWEST_PACE_HOURS_PER_WEEK = Decimal("0.5")


def today_for(user) -> date:
    """Today where the person is, which is what "overdue" and "done today" mean to them."""
    return timezone.localdate(timezone=ZoneInfo(user.timezone or "UTC"))


def step_days(step: PlanStep, hours_per_week: Decimal, remaining: bool = False) -> float:
    """How many calendar days a step takes at the given hours a week.

    Long things with a duration (a PhD, research-assistant years) run on the calendar, not on
    spare hours, so the hours a week do not stretch or shrink them."""
    if step.duration_months is not None:
        return float(step.duration_months) * DAYS_PER_MONTH
    hours = step.estimated_hours if step.estimated_hours is not None else DEFAULT_EFFORT_HOURS
    if remaining:
        hours = max(hours - min(step.hours_logged, hours), MINIMUM_REMAINING_HOURS)
    return float(hours) / float(hours_per_week) * 7


def prerequisite_map() -> dict[int, set[int]]:
    """Milestone id → every milestone that must come before it, directly or through others."""
    direct: dict[int, set[int]] = {}
    for milestone_id, prerequisite_id in Milestone.prerequisites.through.objects.values_list(
        "from_milestone_id", "to_milestone_id"
    ):
        direct.setdefault(milestone_id, set()).add(prerequisite_id)

    closed: dict[int, set[int]] = {}

    def close(milestone_id: int, seen: frozenset = frozenset()) -> set[int]:
        if milestone_id in closed:
            return closed[milestone_id]
        found: set[int] = set()
        for prerequisite_id in direct.get(milestone_id, ()):
            if prerequisite_id in seen:  # a cycle; loadguide refuses them, but never loop
                continue
            found |= {prerequisite_id} | close(prerequisite_id, seen | {milestone_id})
        closed[milestone_id] = found
        return found

    for milestone_id in direct:
        close(milestone_id)
    return closed


def schedule_order(steps: Sequence[PlanStep], prerequisites: dict[int, set[int]]) -> list[PlanStep]:
    """The steps in plan order, except that a step never comes before its prerequisites.

    A stable topological sort: of the steps whose prerequisites in this list are all placed,
    the one earliest in the plan goes next."""
    by_milestone = {step.milestone_id: step for step in steps if step.milestone_id}
    waiting_on = {
        step.pk: {
            by_milestone[needed].pk
            for needed in prerequisites.get(step.milestone_id, ())
            if needed in by_milestone
        }
        for step in steps
    }
    unlocks: dict = {}
    for step_pk, needs in waiting_on.items():
        for need in needs:
            unlocks.setdefault(need, []).append(step_pk)
    key = {step.pk: (step.position, index) for index, step in enumerate(steps)}
    by_pk = {step.pk: step for step in steps}
    ready = [key[pk] + (pk,) for pk, needs in waiting_on.items() if not needs]
    heapq.heapify(ready)
    ordered: list[PlanStep] = []
    while ready:
        *_, pk = heapq.heappop(ready)
        ordered.append(by_pk[pk])
        for later in unlocks.get(pk, ()):
            waiting_on[later].discard(pk)
            if not waiting_on[later]:
                heapq.heappush(ready, key[later] + (later,))
    if len(ordered) < len(steps):  # a cycle cannot happen, but lose no step if it did
        placed = {step.pk for step in ordered}
        ordered += [step for step in steps if step.pk not in placed]
    return ordered


@dataclass(frozen=True)
class Slot:
    planned_start: date
    target_date: date


def lay_out(
    ordered: Iterable[PlanStep], start: date, hours_per_week: Decimal, remaining: bool = False
) -> dict:
    """Step pk → its slot, one step after another from `start`.

    A step ends on the day its work is finished (rounded up), so it never ends before the
    steps placed before it."""
    slots = {}
    elapsed = 0.0
    for step in ordered:
        begin = elapsed
        elapsed += step_days(step, hours_per_week, remaining=remaining)
        slots[step.pk] = Slot(
            planned_start=add_days_saturating(start, math.floor(begin)),
            target_date=add_days_saturating(start, max(math.ceil(elapsed), 1)),
        )
    return slots


def _apply(slots: dict, steps: Sequence[PlanStep]) -> None:
    changed = []
    for step in steps:
        slot = slots.get(step.pk)
        if slot is not None:
            step.planned_start, step.target_date = slot.planned_start, slot.target_date
            changed.append(step)
    PlanStep.objects.bulk_update(changed, ["planned_start", "target_date"], batch_size=500)


def schedule_plan(plan: Plan) -> None:
    """Every open step dated from the plan's start at the hours a week the person gave."""
    steps = list(plan.steps.visible().open())
    ordered = schedule_order(steps, prerequisite_map())
    _apply(lay_out(ordered, plan.start_date, Decimal(plan.hours_per_week)), steps)


@transaction.atomic
def start_plan(
    owner,
    *,
    title: str,
    start_date: date,
    hours_per_week: int,
    route: RouteTemplate | None = None,
    role=None,
    fit_answers: dict | None = None,
) -> Plan:
    """Creates a plan, copies the route's milestones into its steps and dates them."""
    plan = Plan.objects.create(
        owner=owner,
        title=title,
        role=route.role if route else role,
        route=route,
        start_date=start_date,
        hours_per_week=hours_per_week,
        fit_answers=fit_answers or {},
    )
    if route is not None:
        route_steps = route.steps.select_related("milestone").order_by("position")
        PlanStep.objects.bulk_create(
            PlanStep.from_milestone(plan, route_step.milestone, position=index)
            for index, route_step in enumerate(route_steps)
        )
        schedule_plan(plan)
    return plan


def _is_effort(step: PlanStep) -> bool:
    return step.duration_months is None


def actual_pace(steps: Sequence[PlanStep], start: date, today: date) -> Decimal | None:
    """Hours a week of planned work the person has actually got through, or None if too soon.

    Work is counted in the plan's own estimates: a done step earns its estimate, an open one
    the hours logged on it up to its estimate. So logging many hours on a step that is not
    finishing reads as slow, and ticking steps off quickly reads as fast. Time spent on
    long calendar-bound steps (a PhD) is taken out of the time elapsed."""
    days = (today - start).days
    credited = Decimal(0)
    for step in steps:
        if _is_effort(step):
            estimate = step.estimated_hours or DEFAULT_EFFORT_HOURS
            if step.status == PlanStep.Status.DONE:
                credited += estimate
            elif step.is_open:
                credited += min(step.hours_logged, estimate)
        elif step.status == PlanStep.Status.DONE:
            days -= round(float(step.duration_months) * DAYS_PER_MONTH)
    if days < MINIMUM_DAYS_FOR_PACE or credited <= 0:
        return None
    return (credited * 7 / days).quantize(Decimal("0.1"))


def projected_finish(steps: Sequence[PlanStep], pace: Decimal | None, today: date) -> date | None:
    """When the open steps would be finished from today at the actual pace.

    Steps run one after another, so the order does not change the finish."""
    if pace is None:
        return None
    pace = max(pace, SLOWEST_PACE_HOURS_PER_WEEK)
    open_steps = [step for step in steps if step.is_open]
    if not open_steps:
        return None
    days = sum(step_days(step, pace, remaining=True) for step in open_steps)
    return add_days_saturating(today, max(math.ceil(days), 1))


def planned_finish(steps: Sequence[PlanStep]) -> date | None:
    dates = [
        step.target_date
        for step in steps
        if step.target_date and step.status != PlanStep.Status.SKIPPED
    ]
    return max(dates, default=None)


@transaction.atomic
def reschedule_rest(plan: Plan, today: date, use_actual_pace: bool = True) -> int:
    """New dates for every open step, one after another from today (or from the start, if
    that is still to come), at the person's actual pace when there is one to go on.
    Done and skipped steps keep their dates. Returns how many steps were dated."""
    steps = list(plan.steps.visible())
    pace = actual_pace(steps, plan.start_date, today) if use_actual_pace else None
    hours_per_week = Decimal(plan.hours_per_week) if pace is None else pace
    hours_per_week = max(hours_per_week, SLOWEST_PACE_HOURS_PER_WEEK)
    open_steps = [step for step in steps if step.is_open]
    ordered = schedule_order(open_steps, prerequisite_map())
    begin = max(today, plan.start_date)
    _apply(lay_out(ordered, begin, hours_per_week, remaining=True), open_steps)
    return len(open_steps)
