"""What the apps above plans add to the plan page, without plans importing them: each
registers a function (when it starts) that returns an Addition for the plan being shown.
Reviews adds the advisor review panel and each comment beside its step."""

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from django.http import HttpRequest

from careerplanner.plans.models import Plan, PlanStep


@dataclass
class Addition:
    section: str = ""  # HTML shown after the progress summary
    beside_steps: dict[UUID, str] = field(default_factory=dict)  # step id -> HTML beside it


ADDERS: list[Callable[[HttpRequest, Plan], Addition]] = []


def add(adder: Callable[[HttpRequest, Plan], Addition]) -> None:
    ADDERS.append(adder)


def for_plan(request: HttpRequest, plan: Plan, steps: list[PlanStep]) -> list[str]:
    """The sections to show; each step gets `beside`, the HTML to show next to it."""
    additions = [adder(request, plan) for adder in ADDERS]
    for step in steps:
        step.beside = [a.beside_steps[step.pk] for a in additions if step.pk in a.beside_steps]
    return [addition.section for addition in additions if addition.section]
