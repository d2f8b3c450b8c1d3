"""A plan's state as a snapshot keeps it (its own data, compactly: no notes, no pages), and
what changed between two states, in words: "3 steps done, finish 4 months later"."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from careerplanner.plans.models import Plan, PlanStep

# Bumped when the shape of `State.to_data()` changes; from_data() reads every version.
STATE_VERSION = 1
# One step, as a list in this order: the id as hex, title, stage, status, planned start,
# target date and done date (ISO dates or null). Lists, not objects: a 200-step plan's
# snapshot stays around 25 kB.
STEP_FIELDS = ("id", "title", "stage", "status", "start", "target", "done")

DAYS_IN_A_MONTH = 30.44


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class StepState:
    id: str
    title: str
    stage: str
    status: str
    start: date | None
    target: date | None
    done: date | None

    @property
    def status_label(self) -> str:
        return PlanStep.Status(self.status).label

    @property
    def stage_label(self) -> str:
        return dict(PlanStep._meta.get_field("stage").flatchoices).get(self.stage, self.stage)

    @property
    def is_open(self) -> bool:
        return self.status in PlanStep.OPEN


@dataclass(frozen=True)
class State:
    """What a plan was at one moment: its settings, finish range and steps in date order."""

    title: str
    role: str | None
    route: str | None  # the route's slug
    route_title: str | None
    start: date
    hours_per_week: int
    likely: date | None
    slower: date | None
    steps: tuple[StepState, ...] = field(default=())

    @classmethod
    def of(cls, plan: Plan, steps: Sequence[PlanStep], likely, slower) -> "State":
        """`steps`: the plan's visible steps, in date order; likely and slower: its finish
        range (plans/pace.py `finish_range`)."""
        return cls(
            title=plan.title,
            role=plan.role.name if plan.role_id else None,
            route=plan.route.slug if plan.route_id else None,
            route_title=plan.route.title if plan.route_id else None,
            start=plan.start_date,
            hours_per_week=plan.hours_per_week,
            likely=likely,
            slower=slower,
            steps=tuple(
                StepState(
                    step.pk.hex,
                    step.title,
                    step.stage,
                    step.status,
                    step.planned_start,
                    step.target_date,
                    step.done_date,
                )
                for step in steps
            ),
        )

    def to_data(self) -> dict:
        return {
            "v": STATE_VERSION,
            "title": self.title,
            "role": self.role,
            "route": self.route,
            "route_title": self.route_title,
            "start": _iso(self.start),
            "hours": self.hours_per_week,
            "likely": _iso(self.likely),
            "slower": _iso(self.slower),
            "steps": [
                [s.id, s.title, s.stage, s.status, _iso(s.start), _iso(s.target), _iso(s.done)]
                for s in self.steps
            ],
        }

    @classmethod
    def from_data(cls, data: dict) -> "State":
        return cls(
            title=data["title"],
            role=data["role"],
            route=data["route"],
            route_title=data["route_title"],
            start=_day(data["start"]),
            hours_per_week=data["hours"],
            likely=_day(data["likely"]),
            slower=_day(data["slower"]),
            steps=tuple(
                StepState(id_, title, stage, status, _day(start), _day(target), _day(done))
                for id_, title, stage, status, start, target, done in data["steps"]
            ),
        )

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.status in PlanStep.FINISHED)

    @property
    def counted(self) -> int:
        return sum(1 for step in self.steps if step.status != PlanStep.Status.SKIPPED)


@dataclass(frozen=True)
class Change:
    """What changed from one state of a plan to a later one."""

    done: int = 0
    reopened: int = 0
    skipped: int = 0
    added: int = 0
    removed: int = 0
    redated: int = 0  # steps still open whose target date moved
    finish_days: int | None = None  # how far the likely finish moved; later is positive
    route_from: str | None = None  # set only when the route changed
    route_to: str | None = None
    hours_from: int | None = None  # set only when the hours a week changed
    hours_to: int | None = None

    def to_data(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value}

    @classmethod
    def from_data(cls, data: dict) -> "Change":
        return cls(**data)

    @property
    def is_nothing(self) -> bool:
        return not self.to_data()

    def words(self) -> list[str]:
        """Each change as a phrase, most telling first."""
        out = []
        for count, what in (
            (self.done, "done"),
            (self.reopened, "reopened"),
            (self.skipped, "skipped"),
            (self.added, "added"),
            (self.removed, "removed"),
            (self.redated, "given new dates"),
        ):
            if count:
                out.append(f"{count} step{'s' if count != 1 else ''} {what}")
        if self.finish_days:
            way = "later" if self.finish_days > 0 else "earlier"
            out.append(f"finish moved {span(abs(self.finish_days))} {way}")
        if self.route_from != self.route_to:
            out.append(
                f"switched to the “{self.route_to}” route" if self.route_to else "left its route"
            )
        if self.hours_from != self.hours_to:
            out.append(f"{self.hours_to} hours a week instead of {self.hours_from}")
        return out

    def sentence(self) -> str:
        words = self.words()
        if not words:
            return "No change to its steps, dates or settings."
        text = ", ".join(words)
        return text[:1].upper() + text[1:] + "."


def span(days: int) -> str:
    """A distance in time as a person would say it: "4 months", "2 weeks", "3 days"."""
    months = round(days / DAYS_IN_A_MONTH)
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    weeks = round(days / 7)
    if weeks >= 1:
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def compare(before: State, after: State) -> Change:
    old = {step.id: step for step in before.steps}
    new = {step.id: step for step in after.steps}
    done = reopened = skipped = redated = 0
    for step_id, step in new.items():
        was = old.get(step_id)
        if was is not None and step.is_open and was.target != step.target:
            redated += 1
        was_status = was.status if was else PlanStep.Status.TODO
        if step.status == was_status:
            continue
        if step.status == PlanStep.Status.DONE:
            done += 1
        elif step.status == PlanStep.Status.SKIPPED:
            skipped += 1
        elif step.is_open and was_status not in PlanStep.OPEN:
            reopened += 1
    finish = None
    if before.likely and after.likely:
        finish = (after.likely - before.likely).days
    route_changed = before.route != after.route
    hours_changed = before.hours_per_week != after.hours_per_week
    return Change(
        done=done,
        reopened=reopened,
        skipped=skipped,
        added=len(new.keys() - old.keys()),
        removed=len(old.keys() - new.keys()),
        redated=redated,
        finish_days=finish or None,
        route_from=before.route_title if route_changed else None,
        route_to=after.route_title if route_changed else None,
        hours_from=before.hours_per_week if hours_changed else None,
        hours_to=after.hours_per_week if hours_changed else None,
    )
