"""Moving a plan to another route: the steps the two routes share keep everything (status,
notes, hours, evidence), the new route's other milestones are added, what the person finished
or added themselves stays where it was, and open steps only the old route had are removed
(as a removed step is: kept aside, not deleted). Then the open steps are dated again."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans import scheduling
from careerplanner.plans.models import Plan, PlanStep


@dataclass(frozen=True)
class Switched:
    kept: int
    added: int
    removed: int

    def words(self, route: RouteTemplate) -> str:
        def steps(count: int) -> str:
            return f"{count} step{'s' if count != 1 else ''}"

        words = f"Switched to “{route.title}”: {steps(self.kept)} kept, {steps(self.added)} added"
        if self.removed:
            words += f", {steps(self.removed)} only the old route had removed"
        return words + "."


def _stays(step: PlanStep) -> bool:
    """Outside the new route, a step stays if the person added it or has finished it."""
    return step.milestone_id is None or step.status in PlanStep.FINISHED


@transaction.atomic
def switch_route(plan: Plan, route: RouteTemplate, today: date) -> Switched:
    steps = sorted(plan.steps.visible(), key=lambda step: step.position)
    by_milestone = {step.milestone_id: step for step in steps if step.milestone_id}
    milestones = [route_step.milestone for route_step in route.steps.select_related("milestone")]
    wanted = {milestone.pk for milestone in milestones}

    # The new route's order, each step that stays placed after the shared step it followed.
    order: list[PlanStep] = []
    added: list[PlanStep] = []
    for milestone in milestones:
        step = by_milestone.get(milestone.pk)
        if step is None:
            step = PlanStep.from_milestone(plan, milestone, position=0)
            added.append(step)
        order.append(step)
    anchor = None
    staying: dict = {}  # the shared step they follow (None: the start) -> the steps that stay
    for step in steps:
        if step.milestone_id in wanted:
            anchor = step
        elif _stays(step):
            staying.setdefault(anchor, []).append(step)
    placed = [*staying.get(None, [])]
    for step in order:
        placed += [step, *staying.get(step, [])]
    for position, step in enumerate(placed):
        step.position = position

    removed = [s for s in steps if s.milestone_id not in wanted and not _stays(s)]
    now = timezone.now()
    PlanStep.objects.filter(pk__in=[step.pk for step in removed]).update(
        removed_at=now, updated=now
    )
    PlanStep.objects.bulk_create(added)
    kept = [step for step in placed if step not in added]
    PlanStep.objects.bulk_update(kept, ["position"], batch_size=500)
    plan.route, plan.role = route, route.role
    plan.save(update_fields=["route", "role", "updated"])
    scheduling.reschedule_rest(plan, today)
    return Switched(kept=len(kept), added=len(added), removed=len(removed))
