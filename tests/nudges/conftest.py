"""Plans with steps on given dates, for the nudge tests."""

from datetime import date

import pytest

from careerplanner.plans.models import Plan, PlanStep


@pytest.fixture
def make_plan():
    def make(owner, steps: list[tuple[str, date | None]], title="Into AI safety", **fields):
        plan = Plan.objects.create(
            owner=owner,
            title=title,
            start_date=fields.pop("start_date", date(2026, 1, 1)),
            hours_per_week=10,
            **fields,
        )
        PlanStep.objects.bulk_create(
            PlanStep(plan=plan, stage="foundations", title=name, position=n, target_date=day)
            for n, (name, day) in enumerate(steps)
        )
        return plan

    return make
