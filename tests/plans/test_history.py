"""A plan's history: snapshots at each significant change, compact, and what changed since
any of them, in words; the plan and history pages in a fixed number of queries."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from careerplanner.plans import history
from careerplanner.plans.changes import Change, State, StepState, compare
from careerplanner.plans.models import Evidence, PlanSnapshot, PlanStep

TODAY = date(2026, 3, 2)
Reason = PlanSnapshot.Reason


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


def _state(steps=(), likely=date(2027, 1, 1), route="a", route_title="Route A", hours=10):
    return State(
        title="P",
        role=None,
        route=route,
        route_title=route_title,
        start=date(2026, 1, 1),
        hours_per_week=hours,
        likely=likely,
        slower=likely,
        steps=tuple(steps),
    )


def _step(id_, status="todo", target=date(2026, 6, 1)):
    return StepState(id_, f"Step {id_}", "skills", status, None, target, None)


# ----- what changed, in words ------------------------------------------------------------


def test_the_issues_example_in_words():
    before = _state([_step("a"), _step("b"), _step("c"), _step("d")])
    after = _state(
        [_step("a", "done"), _step("b", "done"), _step("c", "done"), _step("d")],
        likely=date(2027, 5, 1),
        route="theory",
        route_title="Theoretical research contributor",
    )
    change = compare(before, after)
    assert change.words() == [
        "3 steps done",
        "finish moved 4 months later",
        "switched to the “Theoretical research contributor” route",
    ]
    assert change.sentence() == (
        "3 steps done, finish moved 4 months later, "
        "switched to the “Theoretical research contributor” route."
    )


def test_steps_added_removed_reopened_skipped_and_redated():
    before = _state([_step("a", "done"), _step("b"), _step("c")], hours=10)
    after = _state(
        [_step("a"), _step("b", "skipped"), _step("d")],
        likely=date(2026, 12, 18),
        hours=15,
    )
    assert compare(before, after).words() == [
        "1 step reopened",
        "1 step skipped",
        "1 step added",
        "1 step removed",
        "finish moved 2 weeks earlier",
        "15 hours a week instead of 10",
    ]
    moved = _state([_step("a", target=date(2026, 7, 1))])
    assert compare(_state([_step("a")]), moved).words() == ["1 step given new dates"]


def test_no_change_says_so():
    assert compare(_state(), _state()).sentence() == "No change to its steps, dates or settings."


def test_a_state_and_a_change_survive_the_database_as_json(plan):
    snapshot = history.record(plan, Reason.STARTED, TODAY)
    snapshot.refresh_from_db()
    now = history.current_state(plan, list(plan.steps.visible()), TODAY)
    assert snapshot.state() == now
    change = Change(done=2, finish_days=-40, route_from="A", route_to="B")
    assert Change.from_data(json.loads(json.dumps(change.to_data()))) == change


# ----- when snapshots are kept -----------------------------------------------------------


def test_starting_a_plan_keeps_the_first_snapshot(planner, user):
    data = {"route": "blank", "title": "Mine", "start_date": "2026-03-02", "hours_per_week": "8"}
    planner.post(reverse("plans:start"), data)
    (snapshot,) = PlanSnapshot.objects.all()
    assert snapshot.reason == Reason.STARTED and snapshot.plan.title == "Mine"
    assert snapshot.changes == {}


def test_a_reschedule_that_moves_dates_is_kept_and_a_second_one_is_not(planner, user, make_plan):
    plan = make_plan(user, steps=6, start=TODAY - timedelta(weeks=10))
    history.record(plan, Reason.STARTED, TODAY)

    planner.post(reverse("plans:plan_reschedule", args=[plan.pk]))
    planner.post(reverse("plans:plan_reschedule", args=[plan.pk]))  # moves nothing more

    latest, first = PlanSnapshot.objects.all()
    assert (latest.reason, first.reason) == (Reason.RESCHEDULED, Reason.STARTED)
    assert "6 steps given new dates" in latest.change().sentence()
    assert "finish moved" in latest.change().sentence()


def test_new_hours_in_the_settings_are_kept(planner, user, plan):
    history.record(plan, Reason.STARTED, TODAY)
    data = {"title": plan.title, "start_date": "2026-01-05", "hours_per_week": "20", "replan": "1"}

    planner.post(reverse("plans:plan_edit", args=[plan.pk]), data)

    latest = PlanSnapshot.objects.first()
    assert latest.reason == Reason.SETTINGS
    assert "20 hours a week instead of 10" in latest.change().words()


def test_a_snapshot_holds_the_plans_own_data_compactly(user, make_plan):
    plan = make_plan(user, steps=200)
    plan.steps.update(notes="<b>private notes</b> " * 20, description="A long description " * 20)

    snapshot = history.record(plan, Reason.STARTED, TODAY)

    text = json.dumps(snapshot.data)
    assert len(snapshot.data["steps"]) == 200
    assert len(text) < 30_000  # about 150 bytes a step
    assert "private notes" not in text and "description" not in text and "<" not in text


# ----- the pages -------------------------------------------------------------------------


def _many_snapshots(plan, count):
    """`count` snapshots (a finished review is kept even when nothing changed)."""
    for _ in range(count):
        history.record(plan, Reason.REVIEWED, TODAY)
    assert plan.snapshots.count() == count


@pytest.mark.parametrize("count", [1, 100])
def test_the_history_page_makes_the_same_queries_for_1_and_100_snapshots(
    planner, user, make_plan, count, django_assert_num_queries
):
    plan = make_plan(user, steps=20)
    _many_snapshots(plan, count)

    # 1. session, 2. user, 3. the plan with its role and route, 4. its snapshots without
    # their states, 5. the latest one's state, 6. the plan's steps (the plan now).
    with django_assert_num_queries(6):
        response = planner.get(reverse("plans:plan_history", args=[plan.pk]))

    page = response.content.decode()
    assert page.count('id="snapshot-') == count
    assert "Since the latest snapshot" in page


@pytest.mark.parametrize(("size", "snapshots"), [(10, 0), (200, 100)])
def test_the_plan_page_makes_the_same_queries_with_200_steps_and_100_snapshots(
    planner, user, make_plan, size, snapshots, django_assert_num_queries
):
    plan = make_plan(user, steps=size)
    plan.steps.filter(position__lt=size // 2).update(status=PlanStep.Status.DONE, done_date=TODAY)
    pieces = [Evidence(step=step, title="Proof", date=TODAY) for step in plan.steps.all()]
    Evidence.objects.bulk_create(pieces)
    _many_snapshots(plan, snapshots)
    # As tests/plans/test_views.py counts them: snapshots and evidence add none.
    with django_assert_num_queries(7):
        response = planner.get(plan.get_absolute_url())
    assert response.content.count(b'class="step step-') == size
    assert response.content.count(b"Evidence: 1 piece") == size


def test_a_snapshot_page_shows_the_plan_as_it_was_and_what_changed_since(
    planner, user, make_plan, django_assert_num_queries
):
    plan = make_plan(user, steps=5)
    snapshot = history.record(plan, Reason.STARTED, TODAY)
    for step in plan.steps.order_by("position")[:3]:
        step.set_status(PlanStep.Status.DONE, TODAY)
    url = reverse("plans:plan_snapshot", args=[snapshot.pk])

    # 1. session, 2. user, 3. the snapshot with its plan, 4. the plan's steps now.
    with django_assert_num_queries(4):
        response = planner.get(url)

    page = response.content.decode()
    assert "What changed since then" in page and "3 steps done." in page
    assert "0 of 5" in page  # as it was: nothing done yet
    assert page.count('class="step step-todo"') == 5
