"""What the stalled nudge and the weekly digest say, against the plan's range: someone
still inside it hears encouragement or nothing; someone falling behind even the slower
finish hears the one next step and what one more hour a week would change."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from careerplanner.nudges.content import compose
from careerplanner.nudges.models import Nudge
from careerplanner.plans import scheduling
from careerplanner.plans.models import CheckIn, Plan, PlanStep

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)  # a Monday
START = TODAY - timedelta(weeks=20)


def _plan(user, steps: int, done: int) -> Plan:
    """Ten-hour steps at 10 hours a week from 20 weeks ago, with `done` of them finished."""
    plan = Plan.objects.create(
        owner=user, title="Into AI safety", start_date=START, hours_per_week=10
    )
    PlanStep.objects.bulk_create(
        PlanStep(
            plan=plan,
            stage="skills",
            title=f"Step {n}",
            position=n,
            estimated_hours=Decimal(10),
            estimated_hours_high=Decimal(15),
            size_basis="own",
        )
        for n in range(steps)
    )
    scheduling.schedule_plan(plan)
    for step in plan.steps.order_by("position")[:done]:
        step.set_status(PlanStep.Status.DONE, TODAY - timedelta(days=20))
    plan.refresh_from_db()
    return plan


def _email(user, kind: str, subject: str, period: str):
    nudge = Nudge.objects.create(
        user=user, kind=kind, subject=subject, period=period, due_at="2026-11-30T09:00Z"
    )
    message = compose(nudge)
    return None if message is None else message.body


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel("2026-11-30 09:00Z", tick=False):
        yield


def test_a_stalled_plan_behind_its_slower_finish_gets_the_next_step_and_the_hour_effect(
    make_user,
):
    user = make_user()
    plan = _plan(user, steps=30, done=2)  # 20 hours in 20 weeks: 1 hour a week, not 10

    body = _email(user, Nudge.Kind.STALLED, f"plan:{plan.pk}", "2026-11-30")

    assert body is not None
    assert "at the pace so far (1 hours a week)" in body
    assert f"slower finish of {plan.slower_finish:%B %Y}" in body
    assert "The one step to do next: Step 2" in body
    assert "One more hour a week would bring the finish forward to" in body


def test_a_stalled_plan_still_inside_its_range_gets_no_email(make_user):
    user = make_user()
    plan = _plan(user, steps=30, done=20)  # 200 hours in 20 weeks: on plan

    assert _email(user, Nudge.Kind.STALLED, f"plan:{plan.pk}", "2026-11-30") is None


def test_a_quiet_week_on_track_sends_no_digest(make_user):
    user = make_user()
    _plan(user, steps=30, done=20)

    assert _email(user, Nudge.Kind.DIGEST, "digest", "2026-W49") is None


def test_a_busy_week_on_track_gets_encouragement(make_user):
    user = make_user()
    plan = _plan(user, steps=30, done=20)
    step = plan.steps.get(title="Step 20")
    step.set_status(PlanStep.Status.DONE, TODAY - timedelta(days=2))
    CheckIn.objects.create(plan=plan, step=step, date=TODAY - timedelta(days=2), hours=3)

    body = _email(user, Nudge.Kind.DIGEST, "digest", "2026-W49")

    assert "Done last week:\n- Step 20" in body
    assert "Good going: at this pace you would finish by" in body
    assert "One more hour" not in body


def test_a_digest_for_someone_falling_behind_names_the_next_step(make_user):
    user = make_user()
    _plan(user, steps=30, done=2)

    body = _email(user, Nudge.Kind.DIGEST, "digest", "2026-W49")

    assert "later than even its slower finish" in body
    assert "The one step to do next: Step 2." in body
    assert "One more hour a week would bring the finish forward to" in body
