"""Fixtures for the plans' tests: small hand-made catalogs beside the seeded one (the
`catalog` fixture of tests/conftest.py), and plans."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from careerplanner.guide.models import (
    Milestone,
    Role,
    RouteStep,
    RouteTemplate,
    Section,
    Window,
)
from careerplanner.plans import scheduling
from careerplanner.plans.models import PlanStep


@pytest.fixture
def planner(client, user):
    """The test client, logged in as `user`."""
    client.force_login(user)
    return client


@pytest.fixture
def frozen_today():
    """Today is Monday 2 March 2026, noon UTC; a module asks for it with `pytestmark`."""
    with time_machine.travel("2026-03-02 12:00Z", tick=False):
        yield


@pytest.fixture
def section(db):
    return Section.objects.create(slug="test-section", title="A section")


@pytest.fixture
def role(section):
    return Role.objects.create(
        slug="test-role",
        name="Test role",
        track="empirical",
        level="contributor",
        summary="s",
        work="w",
        phd="helpful",
        phd_note="n",
        where="w",
        source=section,
    )


@pytest.fixture
def make_milestone(section):
    counter = iter(range(10_000))

    def make(
        title=None,
        *,
        stage="foundations",
        hours=None,
        months=None,
        needs=(),
        window=None,
        full_time=False,
    ):
        n = next(counter)
        milestone = Milestone.objects.create(
            slug=f"milestone-{n}",
            title=title or f"Milestone {n}",
            stage=stage,
            kind="learn",
            summary="What it is.",
            why="Why.",
            done_when="Done when.",
            position=n,
            effort_hours_low=hours[0] if hours else None,
            effort_hours_high=hours[1] if hours else None,
            duration_low=months[0] if months else None,
            duration_high=months[1] if months else None,
            duration_unit="months" if months else "",
            full_time=full_time,
            size_estimate="a test's figure",
            window=window,
            source=section,
        )
        milestone.prerequisites.set(needs)
        return milestone

    return make


@pytest.fixture
def make_window(db):
    counter = iter(range(10_000))

    def make(dates="12-10", anchor="due", name="Applications"):
        return Window.objects.create(
            slug=f"window-{next(counter)}",
            name=name,
            anchor=anchor,
            dates=dates,
            estimate="a test's window",
        )

    return make


@pytest.fixture
def make_route(role, section):
    def make(milestones, slug="test-route", title="Test route"):
        route = RouteTemplate.objects.create(
            slug=slug, title=title, role=role, way_in="by testing", summary="s", source=section
        )
        RouteStep.objects.bulk_create(
            RouteStep(route=route, milestone=m, position=i) for i, m in enumerate(milestones)
        )
        return route

    return make


@pytest.fixture
def make_plan(db):
    """A plan with `steps` own steps of 10 hours each, or copied from `route`."""

    def make(owner, steps=0, *, route=None, start=date(2026, 1, 5), hours=10, title="My plan"):
        plan = scheduling.start_plan(
            owner, title=title, start_date=start, hours_per_week=hours, route=route
        )
        if steps:
            # Goal steps (getting the role) wait for the rest; plain steps here run in order.
            stages = [value for value, _ in Milestone.Stage.choices][:3]
            PlanStep.objects.bulk_create(
                PlanStep(
                    plan=plan,
                    stage=stages[i % len(stages)],
                    title=f"Step {i}",
                    position=i,
                    estimated_hours=Decimal(10),
                    size_basis=PlanStep.SizeBasis.OWN,
                )
                for i in range(steps)
            )
            scheduling.schedule_plan(plan)
        return plan

    return make


@pytest.fixture
def plan(make_plan, user):
    return make_plan(user, steps=6)


@pytest.fixture
def step(plan):
    return plan.steps.order_by("position").first()


@pytest.fixture
def checkin(step):
    return step.log_hours(date(2026, 1, 6), Decimal(2), "Read a chapter")


@pytest.fixture
def other_user(make_user):
    return make_user("stranger@example.com")


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
