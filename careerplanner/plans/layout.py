"""Placing a plan's steps on the calendar, as a careful advisor would lay them out.

Two kinds of step share the calendar:

- study steps (an effort in hours) take the person's weekly hours, one after another on a
  single study lane;
- calendar steps (a duration: a job, a degree, a PhD, a programme, a hiring process) take
  calendar time whatever the hours, while study goes on beside them. Those that fill the
  working week (a degree, a job, a PhD) follow one another on one occupation lane; the
  rest (an internship in the summer, a hiring process) each get a lane of their own. A
  calendar step that also has an effort lasts at least as long as that effort takes.

Prerequisites always finish first. A goal step (applying for the role) ends no earlier than
everything else in the plan, so applying overlaps the last months of the rest. A step tied
to a window (a date that comes round every year) starts on the next start date, or ends on
the next deadline, after its prerequisites. A step whose date the person set by hand stays
where it is.

Everything here is dates and plain numbers; nothing touches the database."""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from careerplanner.plans.dates import add_days_saturating


class Window(Protocol):
    anchor: str  # "due" or "starts"

    def on_or_after(self, day: date) -> date: ...


@dataclass
class Job:
    """One step to place. Lengths are in days at the pace being laid out."""

    key: object
    study_days: float = 0.0  # on the study lane
    calendar_days: float = 0.0  # on a lane of its own
    full_time: bool = False  # on the occupation lane, after the one before it
    needs: set = field(default_factory=set)  # keys of jobs that must end first
    ends_after: set = field(default_factory=set)  # keys of jobs it may overlap, not outlast
    window: Window | None = None
    pinned_end: date | None = None  # set by the person: kept as it is
    started: date | None = None  # a calendar step already under way

    @property
    def on_calendar(self) -> bool:
        return self.calendar_days > 0 or self.pinned_end is not None


@dataclass(frozen=True)
class Slot:
    planned_start: date
    target_date: date


def _at(origin: date, days: float) -> date:
    """origin + days, saturating at the ends of the plans' range of dates."""
    return add_days_saturating(origin, days)


def _days(origin: date, day: date) -> float:
    return float((day - origin).days)


def lay_out(jobs: Sequence[Job], origin: date) -> dict[object, Slot]:
    """Key → its slot. `jobs` come in priority order (plan order with prerequisites first);
    a need on a key that is not among the jobs counts as already met.

    Study is divisible work: a step under way pauses while a window-bound step (an
    application due by a deadline) takes the lane, then carries on, so filling a gap never
    costs a year's application round and a deadline never leaves the lane idle."""
    keys = {job.key for job in jobs}
    ends: dict[object, float] = {}
    starts: dict[object, float] = {}
    left = {job.key: job.study_days for job in jobs}
    waiting = list(jobs)
    free = 0.0  # when the study lane is next free
    occupied = 0.0  # when the occupation lane is next free

    def met(job: Job) -> bool:
        return all(key in ends for key in job.needs | job.ends_after if key in keys)

    def ready_at(job: Job) -> float:
        needs = max((ends[key] for key in job.needs if key in keys), default=0.0)
        # Overlapping the last stretch: start so as to end just as the others do.
        length = max(job.calendar_days, job.study_days)
        others = max((ends[key] for key in job.ends_after if key in keys), default=0.0)
        return max(needs, others - length)

    while waiting:
        for job in [job for job in waiting if job.on_calendar and met(job)]:
            ready = max(ready_at(job), occupied) if job.full_time else ready_at(job)
            starts[job.key], ends[job.key] = _calendar_slot(job, ready, origin)
            if job.full_time:
                occupied = max(occupied, ends[job.key])
            waiting.remove(job)
        study = [job for job in waiting if not job.on_calendar and met(job)]
        if not study:
            if waiting and not any(met(job) for job in waiting):
                # Only possible with a cycle, which the catalog refuses; lose no step.
                for job in waiting:
                    starts[job.key] = ends[job.key] = free
                waiting.clear()
            continue
        timed = sorted(
            (
                (_earliest(job, left[job.key], free, ready_at(job), origin), n, job)
                for n, job in enumerate(study)
            ),
            key=lambda entry: entry[:2],
        )
        bound = min((begin for begin, _, job in timed if job.window), default=math.inf)
        begin, _, job = timed[0]
        if job.window is None and bound <= begin:
            begin, _, job = min((e for e in timed if e[2].window), key=lambda e: e[:2])
        run = left[job.key] if job.window else min(left[job.key], bound - begin)
        starts.setdefault(job.key, begin)
        left[job.key] -= run
        free = begin + run
        if left[job.key] <= 1e-9:
            ends[job.key] = free
            waiting.remove(job)

    # A step starts on the day the one before it ends: whole days, rounded up.
    return {
        key: Slot(
            planned_start=_at(origin, math.ceil(starts[key] - 1e-9)),
            target_date=_at(origin, math.ceil(max(ends[key], starts[key]) - 1e-9)),
        )
        for key in ends
    }


def _earliest(job: Job, length: float, free: float, ready: float, origin: date) -> float:
    """When a study step could next take the lane: a window-bound one on its start date,
    or late enough to end exactly on its next deadline."""
    begin = max(free, ready)
    if job.window is None:
        return begin
    if job.window.anchor == "starts":
        return _days(origin, job.window.on_or_after(_at(origin, math.ceil(begin))))
    deadline = job.window.on_or_after(_at(origin, math.ceil(begin + length)))
    return max(begin, _days(origin, deadline) - length)


def _calendar_slot(job: Job, ready: float, origin: date) -> tuple[float, float]:
    length = max(job.calendar_days, job.study_days)
    if job.pinned_end is not None:
        end = _days(origin, job.pinned_end)
        return end - length, end
    if job.started is not None:
        # Already under way: it ends a full length after it began, and not before today.
        begin = _days(origin, job.started)
        return begin, max(begin + length, ready, 1.0)
    begin = ready
    if job.window is not None:
        if job.window.anchor == "starts":
            begin = _days(origin, job.window.on_or_after(_at(origin, math.ceil(begin))))
        else:
            end = _days(origin, job.window.on_or_after(_at(origin, math.ceil(begin + length))))
            begin = end - length
    return begin, begin + length
