"""Switching a plan to another route in its settings: shared steps keep everything, the new
route's other milestones are added, finished and own steps stay where they were, open steps
only the old route had are removed; a snapshot says so in words."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans import history, scheduling
from careerplanner.plans.models import Evidence, PlanSnapshot, PlanStep

TODAY = date(2026, 3, 2)


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def engineer(user, catalog):
    route = RouteTemplate.objects.get(slug="research-engineer-via-software-job")
    plan = scheduling.start_plan(
        user,
        title="Engineer",
        start_date=TODAY - timedelta(weeks=8),
        hours_per_week=10,
        route=route,
    )
    history.record(plan, PlanSnapshot.Reason.STARTED, TODAY)
    return plan


def _step(plan, slug):
    return plan.steps.get(milestone__slug=slug)


def _switch(planner, plan, slug):
    theory = RouteTemplate.objects.get(slug=slug)
    data = {
        "title": plan.title,
        "route": theory.pk,
        "start_date": plan.start_date.isoformat(),
        "hours_per_week": "10",
        "re_review_months": "12",
    }
    return planner.post(reverse("plans:plan_edit", args=[plan.pk]), data, follow=True), theory


def test_switching_keeps_what_is_shared_finished_or_ones_own(planner, engineer):
    shared = _step(engineer, "learn-linear-algebra")
    shared.set_status(PlanStep.Status.DOING, TODAY)
    shared.notes = "Chapter 3"
    shared.save()
    Evidence.objects.create(step=shared, title="Exercises", date=TODAY)
    finished = _step(engineer, "get-a-software-engineering-job")  # not on the theory route
    finished.set_status(PlanStep.Status.DONE, TODAY)
    dropped = _step(engineer, "ship-a-major-ml-library-contribution")  # open, not on it
    after = _step(engineer, "learn-calculus")
    own = PlanStep.insert(
        engineer,
        after,
        stage="skills",
        title="My own reading group",
        estimated_hours=Decimal(10),
        size_basis=PlanStep.SizeBasis.OWN,
    )

    response, theory = _switch(planner, engineer, "theory-contributor-without-research-background")

    engineer.refresh_from_db()
    assert engineer.route == theory and engineer.role == theory.role
    page = response.content.decode()
    assert "Switched to “Theoretical research contributor without a research background”" in page
    shared.refresh_from_db()
    assert (shared.status, shared.notes, shared.evidence.count()) == ("doing", "Chapter 3", 1)
    visible = list(engineer.steps.visible().order_by("position"))
    slugs = [step.milestone.slug if step.milestone else step.title for step in visible]
    route_slugs = list(theory.steps.values_list("milestone__slug", flat=True))
    # The new route in its order, with what stays placed after the shared step it followed.
    assert [slug for slug in slugs if slug in route_slugs] == route_slugs
    assert slugs.index("My own reading group") == slugs.index("learn-calculus") + 1
    assert "get-a-software-engineering-job" in slugs  # finished: kept
    assert dropped.pk not in {step.pk for step in visible}
    assert engineer.steps.removed().filter(pk=dropped.pk).exists()  # kept aside, not deleted
    assert own.pk in {step.pk for step in visible}
    # Every open step has a date again.
    assert not engineer.steps.visible().open().filter(target_date__isnull=True).exists()

    latest = engineer.snapshots.first()
    assert latest.reason == PlanSnapshot.Reason.SETTINGS
    words = latest.change().words()
    assert (
        "switched to the “Theoretical research contributor without a research background” route"
        in words
    )
    assert any(word.endswith("steps added") for word in words)
    assert any(word.endswith("removed") for word in words)


def test_a_route_must_be_one_of_those_listed_and_cannot_be_emptied(planner, engineer):
    url = reverse("plans:plan_edit", args=[engineer.pk])
    data = {"title": "E", "start_date": "2026-01-05", "hours_per_week": "10"}
    for route in ("999999", "", "research"):
        response = planner.post(url, {**data, "route": route})
        assert response.status_code == 422
        page = response.content.decode()
        assert "Choose one of the routes listed" in page
    engineer.refresh_from_db()
    assert engineer.route.slug == "research-engineer-via-software-job"


def test_a_blank_plan_can_take_a_route(planner, user, catalog):
    plan = scheduling.start_plan(
        user, title="Blank", start_date=TODAY, hours_per_week=10, route=None
    )
    _, route = _switch(planner, plan, "empirical-contributor-via-replications")
    plan.refresh_from_db()
    assert plan.route == route
    assert plan.steps.visible().count() == route.steps.count()
