"""When each step of a plan should be done: from its size, the hours a person gives, the
calendar (windows) and their actual pace. Spans the catalog and the plan's steps; the
placing itself is layout.py's."""

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from django.db import transaction
from django.utils import timezone

from careerplanner.accounts.nudge_times import local_day
from careerplanner.guide.models import Milestone, RouteTemplate
from careerplanner.plans.dates import add_days_saturating
from careerplanner.plans.layout import Job, Slot, lay_out
from careerplanner.plans.models import Plan
from careerplanner.plans.steps import PlanStep, in_date_order

# An unfinished step that has already used its estimate still needs some time.
MINIMUM_REMAINING_HOURS = Decimal(1)

# A reschedule never assumes less than this, so one bad month cannot push a plan decades out.
SLOWEST_PACE_HOURS_PER_WEEK = Decimal("0.5")


class Size(Enum):
    """Which end of each step's size a layout uses."""

    LIKELY = "likely"  # the middle of the range, or the person's own figure
    SLOWER = "slower"  # the high end


def today_for(user) -> date:
    """Today where the person is, which is what "overdue" and "done today" mean to them
    (their timezone read as the reminders read it, accounts/nudge_times.py)."""
    return local_day(user.timezone, timezone.now())


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
    waiting_on = {step.pk: _needs(step, by_milestone, prerequisites) for step in steps}
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


def _needs(step: PlanStep, by_milestone: dict, prerequisites: dict[int, set[int]]) -> set:
    return {
        by_milestone[needed].pk
        for needed in prerequisites.get(step.milestone_id, ())
        if needed in by_milestone
    }


@dataclass(frozen=True)
class Pace:
    hours_per_week: Decimal
    size: Size = Size.LIKELY
    remaining: bool = False  # count only what is left of steps already worked on


def _job(step: PlanStep, pace: Pace, needs: set, keep_pinned: bool, goal_after=()) -> Job:
    slower = pace.size is Size.SLOWER
    hours = (step.estimated_hours_high if slower else None) or step.estimated_hours
    if hours is not None and pace.remaining:
        hours = max(hours - min(step.hours_logged, hours), MINIMUM_REMAINING_HOURS)
    calendar = (step.duration_days_high if slower else None) or step.duration_days
    under_way = step.status == PlanStep.Status.DOING and step.started_date is not None
    return Job(
        key=step.pk,
        study_days=float(hours or 0) / float(pace.hours_per_week) * 7,
        calendar_days=float(calendar or 0),
        full_time=step.full_time,
        needs=needs,
        ends_after=set(goal_after) if step.stage == Milestone.Stage.GETTING_THE_ROLE else set(),
        window=step.milestone.window if step.milestone_id else None,
        pinned_end=step.target_date if keep_pinned and step.target_pinned else None,
        started=step.started_date if under_way and calendar else None,
    )


def layout(
    steps: Sequence[PlanStep], origin: date, pace: Pace, keep_pinned: bool = True
) -> dict[object, Slot]:
    """Slots for the given open steps from `origin`. Their milestones (with windows) should
    be selected with them."""
    prerequisites = prerequisite_map()
    ordered = schedule_order(steps, prerequisites)
    by_milestone = {step.milestone_id: step for step in steps if step.milestone_id}
    # The role comes last: its steps end no earlier than the rest of the plan.
    groundwork = [s.pk for s in steps if s.stage != Milestone.Stage.GETTING_THE_ROLE]
    jobs = [
        _job(step, pace, _needs(step, by_milestone, prerequisites), keep_pinned, groundwork)
        for step in ordered
    ]
    return lay_out(jobs, origin)


def finish(slots: dict[object, Slot]) -> date | None:
    return max((slot.target_date for slot in slots.values()), default=None)


def _apply(slots: dict, steps: Iterable[PlanStep]) -> None:
    changed = []
    for step in steps:
        slot = slots.get(step.pk)
        if slot is not None:
            step.planned_start, step.target_date = slot.planned_start, slot.target_date
            changed.append(step)
    PlanStep.objects.bulk_update(changed, ["planned_start", "target_date"], batch_size=500)


def _open_steps(plan: Plan) -> list[PlanStep]:
    return list(plan.steps.visible().open().select_related("milestone__window"))


def _date(plan: Plan, steps: list[PlanStep], origin: date, pace: Pace, keep_pinned: bool):
    """Dates the steps at the likely sizes and keeps the slower finish on the plan."""
    slots = layout(steps, origin, pace, keep_pinned)
    _apply(slots, steps)
    slower = finish(layout(steps, origin, Pace(pace.hours_per_week, Size.SLOWER, pace.remaining)))
    likely = finish(slots)
    plan.slower_finish = max(filter(None, (slower, likely)), default=None)
    plan.save(update_fields=["slower_finish", "updated"])


def schedule_plan(plan: Plan) -> None:
    """Every open step dated from the plan's start at the hours a week the person gave."""
    pace = Pace(Decimal(plan.hours_per_week))
    _date(plan, _open_steps(plan), plan.start_date, pace, keep_pinned=True)


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
    already_had: Iterable[int] = (),
    under_way: Iterable[int] = (),
) -> Plan:
    """Creates a plan, copies the route's milestones into its steps and dates them. Those in
    `already_had` (milestone ids) are marked as such; those `under_way` (a PhD in progress)
    are taken to be about halfway through, which the person can correct by its date."""
    plan = Plan(
        owner=owner,
        title=title,
        role=route.role if route else role,
        route=route,
        start_date=start_date,
        hours_per_week=hours_per_week,
        fit_answers=fit_answers or {},
    )
    plan.schedule_re_review()
    plan.save()
    if route is not None:
        had, doing = set(already_had), set(under_way)
        steps = []
        for index, route_step in enumerate(route.steps.select_related("milestone")):
            step = PlanStep.from_milestone(plan, route_step.milestone, position=index)
            if route_step.milestone_id in had:
                step.status = PlanStep.Status.HAD
            elif route_step.milestone_id in doing:
                step.status = PlanStep.Status.DOING
                half = timedelta(days=(step.duration_days or 0) // 2)
                step.started_date = add_days_saturating(start_date, -half.days)
            steps.append(step)
        PlanStep.objects.bulk_create(steps)
        schedule_plan(plan)
    return plan


@transaction.atomic
def reschedule_rest(
    plan: Plan, today: date, hours_per_week: Decimal | None = None, move_pinned: bool = False
) -> int:
    """New dates for every open step from today (or from the start, if that is still to
    come) at `hours_per_week` (the plan's own figure by default). Dates the person set
    stay, unless `move_pinned`. Returns how many steps were dated."""
    steps = _open_steps(plan)
    pace = Pace(max(hours_per_week or Decimal(plan.hours_per_week), SLOWEST_PACE_HOURS_PER_WEEK))
    pace = Pace(pace.hours_per_week, remaining=True)
    _date(plan, steps, max(today, plan.start_date), pace, keep_pinned=not move_pinned)
    if move_pinned:
        PlanStep.objects.filter(pk__in=[step.pk for step in steps]).update(target_pinned=False)
    return sum(1 for step in steps if move_pinned or not step.target_pinned)


# What a plan's dates are made from: a change to either re-dates the open steps, if asked.
DATED_FROM = frozenset({"start_date", "hours_per_week"})


def replan_after_settings(plan: Plan, changed: Iterable[str], today: date, *, asked: bool) -> int:
    """After the plan's settings are saved: new dates for the open steps from today, when the
    person asked for them and the start date or the hours a week changed. Returns how many
    steps were dated."""
    if not asked or not DATED_FROM & set(changed):
        return 0
    return reschedule_rest(plan, today)


def date_new_step(step: PlanStep, after: PlanStep | None, today: date) -> None:
    """A step the person adds is dated at once: it starts when the step it follows ends
    (or today) and takes its own size at the plan's hours a week. Other steps keep their
    dates; "Reschedule the rest" fits everything together again. A date the person gave
    is kept as theirs."""
    if step.target_date is not None:
        step.target_pinned = True
        step.save(update_fields=["target_pinned"])
        return
    begin = max(today, step.plan.start_date, (after.target_date if after else None) or today)
    pace = Pace(Decimal(step.plan.hours_per_week))
    slot = lay_out([_job(step, pace, set(), keep_pinned=False)], begin)[step.pk]
    step.planned_start, step.target_date = slot.planned_start, slot.target_date
    step.save(update_fields=["planned_start", "target_date", "updated"])


@transaction.atomic
def swap_places(step: PlanStep, direction: str, today: date) -> str:
    """Does `step` before (up) or after (down) the open study step next to it by date: the
    two swap their order and share out the stretch of calendar they covered. Refused when
    one needs the other first. Returns what happened, in words."""
    plan_steps = list(step.plan.steps.visible().open().select_related("milestone"))
    studying = [s for s in in_date_order(plan_steps, today) if not s.runs_alongside]
    if step not in studying:
        return f"“{step.title}” runs on the calendar; change its target date instead."
    index = studying.index(step) + (-1 if direction == "up" else 1)
    if not 0 <= index < len(studying):
        return f"“{step.title}” is already {'first' if direction == 'up' else 'last'}."
    first, second = sorted([step, studying[index]], key=studying.index)
    prerequisites = prerequisite_map()
    if first.milestone_id in prerequisites.get(second.milestone_id, ()):
        return f"“{second.title}” needs “{first.title}” first, so they stay in this order."
    begin = first.planned_start or today
    pace = Pace(Decimal(step.plan.hours_per_week))
    for each in (second, first):  # the later one now goes first
        slot = lay_out([_job(each, pace, set(), keep_pinned=False)], begin)[each.pk]
        each.planned_start, each.target_date = slot.planned_start, slot.target_date
        begin = slot.target_date
    first.position, second.position = second.position, first.position
    first.updated = second.updated = timezone.now()  # a change, for the stalled nudge
    PlanStep.objects.bulk_update(
        [first, second], ["position", "planned_start", "target_date", "updated"]
    )
    return f"Moved “{step.title}” {'earlier' if direction == 'up' else 'later'}."


def planned_finish(steps: Sequence[PlanStep]) -> date | None:
    dates = [
        step.target_date
        for step in steps
        if step.target_date and step.status not in (PlanStep.Status.SKIPPED, PlanStep.Status.HAD)
    ]
    return max(dates, default=None)


def route_finishes(route: RouteTemplate, hours_per_week: int, start: date) -> tuple[date, date]:
    """(likely, slower) finish of a plan built from `route` from zero, without saving one."""
    plan = Plan(start_date=start, hours_per_week=hours_per_week)
    route_steps = route.steps.select_related("milestone__window").order_by("position")
    steps = [
        PlanStep.from_milestone(plan, route_step.milestone, position=index)
        for index, route_step in enumerate(route_steps)
    ]
    pace = Decimal(hours_per_week)
    likely = finish(layout(steps, start, Pace(pace)))
    slower = finish(layout(steps, start, Pace(pace, Size.SLOWER)))
    return likely, max(likely, slower)
