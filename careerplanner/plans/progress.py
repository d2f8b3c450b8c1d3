"""How far along a plan is: steps done (or had) out of those that count, overall and per
stage; skipped steps count neither way. Plan.progress() gives it for steps in memory;
PlanQuerySet.with_progress() says the same counts in SQL for the dashboard's many plans
(tests/plans/test_models.py holds the two together)."""

from dataclasses import dataclass, field

from careerplanner.guide.models import Milestone


def percent_done(done: int, counted: int) -> int:
    return round(100 * done / counted) if counted else 0


@dataclass
class StageProgress:
    stage: str
    label: str
    steps: list = field(default_factory=list)
    done: int = 0
    counted: int = 0

    def add(self, step) -> None:
        self.steps.append(step)
        if not step.is_skipped:
            self.counted += 1
        if step.is_finished:
            self.done += 1

    @property
    def percent(self) -> int:
        return percent_done(self.done, self.counted)


@dataclass
class Progress:
    overall: StageProgress
    stages: list[StageProgress]


def progress_of(steps) -> Progress:
    """Overall and per-stage progress of a plan's (visible) steps."""
    stages = {value: StageProgress(value, label) for value, label in Milestone.Stage.choices}
    overall = StageProgress("", "All steps")
    for step in steps:
        stages[step.stage].add(step)
        overall.add(step)
    return Progress(overall=overall, stages=list(stages.values()))
