"""Target dates: from the start date, the hours a week and each milestone's size, never
before a prerequisite; and again from today at the person's actual pace."""

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from careerplanner.plans import scheduling
from careerplanner.plans.models import PlanStep

START = date(2026, 1, 5)


def _steps(plan):
    return {step.title: step for step in plan.steps.order_by("position")}


def test_a_prerequisite_listed_later_is_still_scheduled_first(make_milestone, make_route, user):
    basics = make_milestone("Basics", hours=(10, 10))
    advanced = make_milestone("Advanced", hours=(10, 10), needs=[basics])
    route = make_route([advanced, basics])  # the wrong way round on purpose

    plan = scheduling.start_plan(
        user, title="Plan", start_date=START, hours_per_week=10, route=route
    )

    steps = _steps(plan)
    assert steps["Basics"].target_date == START + timedelta(days=7)
    assert steps["Advanced"].planned_start == START + timedelta(days=7)
    assert steps["Advanced"].target_date == START + timedelta(days=14)


def test_prerequisites_count_through_milestones_missing_from_the_plan(
    make_milestone, make_route, user
):
    first = make_milestone("First", hours=(7, 7))
    middle = make_milestone("Middle", hours=(7, 7), needs=[first])
    last = make_milestone("Last", hours=(7, 7), needs=[middle])
    route = make_route([last, first])  # "Middle" is not in the route at all

    plan = scheduling.start_plan(user, title="P", start_date=START, hours_per_week=7, route=route)

    steps = _steps(plan)
    assert steps["First"].target_date < steps["Last"].target_date


def test_moving_a_step_above_its_prerequisite_does_not_date_it_earlier(
    make_milestone, make_route, user
):
    basics = make_milestone("Basics", hours=(10, 10))
    advanced = make_milestone("Advanced", hours=(10, 10), needs=[basics])
    plan = scheduling.start_plan(
        user, title="P", start_date=START, hours_per_week=10, route=make_route([basics, advanced])
    )
    _steps(plan)["Advanced"].move("up")

    scheduling.reschedule_rest(plan, START, use_actual_pace=False)

    steps = _steps(plan)
    assert [s.title for s in plan.steps.order_by("position")] == ["Advanced", "Basics"]
    assert steps["Advanced"].target_date > steps["Basics"].target_date


def test_the_hours_a_week_set_the_pace(make_milestone, make_route, user):
    route = make_route([make_milestone("Course", hours=(80, 120))])  # 100 hours in the middle

    ten = scheduling.start_plan(user, title="10", start_date=START, hours_per_week=10, route=route)
    twenty = scheduling.start_plan(
        user, title="20", start_date=START, hours_per_week=20, route=route
    )

    assert ten.steps.get().target_date == START + timedelta(days=70)
    assert twenty.steps.get().target_date == START + timedelta(days=35)


def test_a_milestone_without_a_size_takes_the_default_effort(make_milestone, make_route, user):
    route = make_route([make_milestone("Unsized")])

    plan = scheduling.start_plan(user, title="P", start_date=START, hours_per_week=10, route=route)

    days = scheduling.DEFAULT_EFFORT_HOURS / 10 * 7
    assert plan.steps.get().target_date == START + timedelta(days=int(days))


def test_a_phd_runs_on_the_calendar_whatever_the_hours_a_week(make_milestone, make_route, user):
    route = make_route([make_milestone("PhD", months=(48, 72))])

    slow = scheduling.start_plan(user, title="a", start_date=START, hours_per_week=5, route=route)
    fast = scheduling.start_plan(user, title="b", start_date=START, hours_per_week=60, route=route)

    five_years = timedelta(days=math.ceil(60 * 365.25 / 12))  # the middle of 4-6 years
    assert slow.steps.get().target_date == fast.steps.get().target_date == START + five_years


def test_the_whole_seeded_catalog_schedules_every_route_in_prerequisite_order(catalog, user):
    from careerplanner.guide.models import RouteTemplate

    prerequisites = scheduling.prerequisite_map()
    for route in RouteTemplate.objects.current():
        plan = scheduling.start_plan(
            user, title=route.title, start_date=START, hours_per_week=10, route=route
        )
        steps = list(plan.steps.select_related("milestone"))
        assert all(step.target_date for step in steps), route.slug
        by_milestone = {step.milestone_id: step for step in steps}
        for step in steps:
            for needed in prerequisites.get(step.milestone_id, ()):
                if needed in by_milestone:
                    assert by_milestone[needed].target_date <= step.target_date, (route, step)


@pytest.fixture
def ten_steps_of_ten_hours(make_plan, user):
    """A plan begun ten weeks before "today" at 10 hours a week: 100 hours of work."""
    return make_plan(user, steps=10, start=START, hours=10)


TEN_WEEKS_ON = START + timedelta(weeks=10)


def _finish(plan, count):
    for step in plan.steps.order_by("position")[:count]:
        step.set_status(PlanStep.Status.DONE, TEN_WEEKS_ON)


def test_as_planned_the_last_of_100_hours_falls_ten_weeks_after_the_start(ten_steps_of_ten_hours):
    last = ten_steps_of_ten_hours.steps.order_by("position").last()
    assert last.target_date == TEN_WEEKS_ON


def test_slow_progress_pushes_the_rest_out(ten_steps_of_ten_hours):
    plan = ten_steps_of_ten_hours
    _finish(plan, 2)  # 20 hours of work in 10 weeks: 2 hours a week, not 10

    count = scheduling.reschedule_rest(plan, TEN_WEEKS_ON)

    assert count == 8
    steps = list(plan.steps.order_by("position"))
    # Done steps keep their dates; the next 10-hour step now takes five weeks.
    assert steps[0].target_date == START + timedelta(days=7)
    assert steps[2].planned_start == TEN_WEEKS_ON
    assert steps[2].target_date == TEN_WEEKS_ON + timedelta(days=35)
    assert steps[-1].target_date == TEN_WEEKS_ON + timedelta(days=8 * 35)


def test_fast_progress_pulls_the_rest_in(make_plan, user):
    plan = make_plan(user, steps=30, start=START, hours=10)
    _finish(plan, 20)  # 200 hours in 10 weeks: 20 hours a week

    scheduling.reschedule_rest(plan, TEN_WEEKS_ON)

    steps = list(plan.steps.order_by("position"))
    assert steps[20].target_date == TEN_WEEKS_ON + timedelta(days=4)  # 3.5 days, rounded up
    assert steps[-1].target_date == TEN_WEEKS_ON + timedelta(days=35)


def test_hours_logged_on_an_unfinished_step_count_and_shorten_it(ten_steps_of_ten_hours):
    plan = ten_steps_of_ten_hours
    _finish(plan, 4)  # 40 hours
    current = plan.steps.order_by("position")[4]
    current.log_hours(TEN_WEEKS_ON, Decimal(10))  # and 10 more: 50 hours, 5 hours a week
    current.refresh_from_db()

    scheduling.reschedule_rest(plan, TEN_WEEKS_ON)

    current.refresh_from_db()
    # Its estimate is used up, so only the minimum remains: a day and a bit at 5 h a week.
    assert current.target_date == TEN_WEEKS_ON + timedelta(days=2)


def test_too_early_to_tell_reschedules_at_the_planned_hours(ten_steps_of_ten_hours):
    plan = ten_steps_of_ten_hours
    assert scheduling.actual_pace(list(plan.steps.all()), START, START + timedelta(days=3)) is None

    scheduling.reschedule_rest(plan, START + timedelta(days=3))

    first = plan.steps.order_by("position").first()
    assert first.target_date == START + timedelta(days=3 + 7)


@time_machine.travel(date(2027, 1, 4), tick=False)
def test_a_plan_started_a_year_ago_is_dated_from_then_and_shows_what_is_overdue(make_plan, user):
    today = scheduling.today_for(user)
    plan = make_plan(user, steps=60, start=today - timedelta(days=365))

    steps = list(plan.steps.order_by("position"))
    assert steps[0].target_date == today - timedelta(days=365 - 7)
    overdue = PlanStep.objects.overdue(today).filter(plan=plan)
    assert overdue.count() == 52  # 52 weekly steps are past their date
    assert scheduling.actual_pace(steps, plan.start_date, today) is None  # nothing done yet

    _finish(plan, 26)  # half the year's planned work: 5 hours a week
    scheduling.reschedule_rest(plan, today)

    assert PlanStep.objects.overdue(today).filter(plan=plan).count() == 0
    steps = list(plan.steps.order_by("position"))
    assert steps[25].target_date == today - timedelta(days=365 - 26 * 7)  # done: unchanged
    assert steps[26].target_date == today + timedelta(days=14)  # 10 hours at 5 a week


def test_projected_finish_compares_actual_pace_with_the_plan(ten_steps_of_ten_hours):
    plan = ten_steps_of_ten_hours
    _finish(plan, 5)  # 50 hours in 10 weeks: 5 hours a week
    steps = list(plan.steps.all())

    pace = scheduling.actual_pace(steps, START, TEN_WEEKS_ON)

    assert pace == Decimal(5)
    assert scheduling.projected_finish(steps, pace, TEN_WEEKS_ON) == TEN_WEEKS_ON + timedelta(
        days=70
    )
    assert scheduling.planned_finish(steps) == TEN_WEEKS_ON


def test_a_finished_phd_is_not_counted_as_slow_time(make_milestone, make_route, user):
    phd = make_milestone("PhD", months=(12, 12))
    after = make_milestone("After", hours=(10, 10))
    plan = scheduling.start_plan(
        user, title="P", start_date=START, hours_per_week=10, route=make_route([phd, after])
    )
    year_and_week = START + timedelta(days=round(365.25) + 7)
    steps = _steps(plan)
    steps["PhD"].set_status(PlanStep.Status.DONE, year_and_week)
    steps["After"].set_status(PlanStep.Status.DONE, year_and_week)

    pace = scheduling.actual_pace(list(plan.steps.all()), START, year_and_week)

    assert pace == Decimal(10)
