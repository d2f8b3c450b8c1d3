"""Target dates for a saved plan: from the start date, the hours a week, each step's size
and window, never before a prerequisite; again from today when the person reschedules;
and a slower finish beside the likely one."""

import math
from datetime import date, timedelta
from decimal import Decimal

import time_machine

from careerplanner.plans import pace, scheduling
from careerplanner.plans.models import PlanStep

START = date(2026, 1, 5)


def _steps(plan):
    return {step.title: step for step in plan.steps.order_by("position")}


def _start(user, route, hours=10, start=START, **kwargs):
    return scheduling.start_plan(
        user, title="Plan", start_date=start, hours_per_week=hours, route=route, **kwargs
    )


def test_a_prerequisite_listed_later_is_still_scheduled_first(make_milestone, make_route, user):
    basics = make_milestone("Basics", hours=(10, 10))
    advanced = make_milestone("Advanced", hours=(10, 10), needs=[basics])

    plan = _start(user, make_route([advanced, basics]))  # the wrong way round on purpose

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

    plan = _start(user, make_route([last, first]), hours=7)  # "Middle" is not in the plan

    steps = _steps(plan)
    assert steps["First"].target_date < steps["Last"].target_date


def test_the_hours_a_week_set_the_pace(make_milestone, make_route, user):
    route = make_route([make_milestone("Course", hours=(80, 120))])  # 100 hours in the middle

    ten, twenty = _start(user, route, hours=10), _start(user, route, hours=20)

    assert ten.steps.get().target_date == START + timedelta(days=70)
    assert twenty.steps.get().target_date == START + timedelta(days=35)


def test_a_phd_runs_on_the_calendar_whatever_the_hours_a_week(make_milestone, make_route, user):
    route = make_route([make_milestone("PhD", months=(48, 72))])

    slow, fast = _start(user, route, hours=5), _start(user, route, hours=60)

    five_years = timedelta(days=round(60 * 365.25 / 12))  # the middle of 4-6 years
    assert slow.steps.get().target_date == fast.steps.get().target_date == START + five_years


def test_a_job_runs_in_the_background_while_study_steps_share_the_weekly_hours(
    make_milestone, make_route, user
):
    job = make_milestone("Software job", stage="career-capital", months=(12, 12), full_time=True)
    maths = make_milestone("Maths", hours=(70, 70))
    ml = make_milestone("ML", hours=(70, 70), needs=[maths])

    plan = _start(user, make_route([job, maths, ml]))

    steps = _steps(plan)
    assert steps["Software job"].planned_start == START
    assert steps["Maths"].planned_start == START  # not after the year of the job
    assert steps["ML"].target_date == START + timedelta(days=98)
    assert steps["ML"].target_date < steps["Software job"].target_date


def test_a_windowed_step_waits_for_the_next_round_after_its_prerequisites(
    make_milestone, make_route, make_window, user
):
    december = make_window("12-10", "due", "PhD applications")
    september = make_window("09-01", "starts", "Start of the year")
    study = make_milestone("Study", hours=(400, 400))  # 40 weeks at 10 hours: into October
    apply = make_milestone("Apply", stage="career-capital", hours=(40, 40), needs=[study])
    apply.window = december
    apply.save()
    phd = make_milestone("PhD", stage="career-capital", months=(48, 48), needs=[apply])
    phd.window = september
    phd.save()

    plan = _start(user, make_route([study, apply, phd]))

    steps = _steps(plan)
    assert steps["Study"].target_date == START + timedelta(weeks=40)  # 12 October 2026
    assert steps["Apply"].target_date == date(2026, 12, 10)
    assert steps["PhD"].planned_start == date(2027, 9, 1)

    # Started a few months later, the December 2026 round is out of reach.
    later = _start(user, make_route([study, apply, phd], slug="later"), start=date(2026, 4, 1))
    steps = _steps(later)
    assert steps["Apply"].target_date == date(2027, 12, 10)
    assert steps["PhD"].planned_start == date(2028, 9, 1)


def test_the_slower_finish_takes_the_high_end_and_widens_with_fewer_hours(
    make_milestone, make_route, user
):
    route = make_route([make_milestone("Course", hours=(100, 300))])

    ranges = {}
    for hours in (40, 10, 5):
        plan = _start(user, route, hours=hours)
        likely, slower = plan.steps.get().target_date, plan.slower_finish
        assert likely == START + timedelta(days=math.ceil(200 / hours * 7))
        assert slower == START + timedelta(days=math.ceil(300 / hours * 7))
        ranges[hours] = (slower - likely).days

    assert ranges[40] < ranges[10] < ranges[5]


def test_steps_already_had_are_not_dated_and_the_rest_start_at_once(
    make_milestone, make_route, user
):
    python = make_milestone("Python", hours=(300, 300))
    maths = make_milestone("Maths", hours=(70, 70), needs=[python])

    plan = _start(user, make_route([python, maths]), already_had=[python.pk])

    steps = _steps(plan)
    assert steps["Python"].status == PlanStep.Status.HAD
    assert steps["Python"].target_date is None
    assert steps["Maths"].planned_start == START
    assert plan.progress(list(plan.steps.all())).overall.done == 1


def test_rescheduling_keeps_a_date_the_person_set_unless_asked(make_plan, user):
    plan = make_plan(user, steps=4)
    mine = plan.steps.order_by("position")[2]
    mine.target_date, mine.target_pinned = date(2030, 1, 1), True
    mine.save()
    later = START + timedelta(weeks=3)

    scheduling.reschedule_rest(plan, later)
    mine.refresh_from_db()
    assert mine.target_date == date(2030, 1, 1)

    scheduling.reschedule_rest(plan, later, move_pinned=True)
    mine.refresh_from_db()
    assert mine.target_date < date(2027, 1, 1)
    assert not mine.target_pinned


def test_a_step_the_person_adds_is_dated_after_the_step_it_follows(make_plan, user):
    plan = make_plan(user, steps=3)  # three 10-hour steps at 10 hours a week
    after = plan.steps.order_by("position")[1]

    added = PlanStep.insert(
        plan, after, title="Mine", stage="skills", estimated_hours=Decimal(20), size_basis="own"
    )
    scheduling.date_new_step(added, after, START)

    added.refresh_from_db()
    assert added.planned_start == after.target_date == START + timedelta(days=14)
    assert added.target_date == START + timedelta(days=28)


def test_every_seeded_route_is_dated_in_prerequisite_order_with_a_range(catalog, user):
    from careerplanner.guide.models import RouteTemplate

    prerequisites = scheduling.prerequisite_map()
    for route in RouteTemplate.objects.current():
        plan = _start(user, route)
        steps = list(plan.steps.select_related("milestone"))
        assert all(step.target_date for step in steps), route.slug
        assert plan.slower_finish >= max(step.target_date for step in steps), route.slug
        by_milestone = {step.milestone_id: step for step in steps}
        for step in steps:
            for needed in prerequisites.get(step.milestone_id, ()):
                if needed in by_milestone:
                    assert by_milestone[needed].target_date <= step.planned_start, (route, step)


# ----- rescheduling at the person's pace ------------------------------------------------


TEN_WEEKS_ON = START + timedelta(weeks=10)


def _finish(plan, count):
    for step in plan.steps.order_by("position")[:count]:
        step.set_status(PlanStep.Status.DONE, TEN_WEEKS_ON)


def _pace(plan, today=TEN_WEEKS_ON):
    return pace.actual_pace(list(plan.steps.all()), plan.start_date, today)


def test_as_planned_the_last_of_100_hours_falls_ten_weeks_after_the_start(make_plan, user):
    last = make_plan(user, steps=10).steps.order_by("position").last()
    assert last.target_date == TEN_WEEKS_ON


def test_slow_progress_pushes_the_rest_out(make_plan, user):
    plan = make_plan(user, steps=10)
    _finish(plan, 2)  # 20 hours of work in 10 weeks: 2 hours a week, not 10

    count = scheduling.reschedule_rest(plan, TEN_WEEKS_ON, _pace(plan))

    assert count == 8
    steps = list(plan.steps.order_by("position"))
    assert steps[0].target_date == START + timedelta(days=7)  # done steps keep their dates
    assert steps[2].planned_start == TEN_WEEKS_ON
    assert steps[2].target_date == TEN_WEEKS_ON + timedelta(days=35)
    assert steps[-1].target_date == TEN_WEEKS_ON + timedelta(days=8 * 35)


def test_hours_logged_on_an_unfinished_step_count_and_shorten_it(make_plan, user):
    plan = make_plan(user, steps=10)
    _finish(plan, 4)  # 40 hours
    current = plan.steps.order_by("position")[4]
    current.log_hours(TEN_WEEKS_ON, Decimal(10))  # and 10 more: 50 hours, 5 hours a week

    scheduling.reschedule_rest(plan, TEN_WEEKS_ON, _pace(plan))

    current.refresh_from_db()
    # Its estimate is used up, so only the minimum remains: a day and a bit at 5 h a week.
    assert current.target_date == TEN_WEEKS_ON + timedelta(days=2)


def test_steps_already_had_never_count_towards_pace(make_plan, user):
    plan = make_plan(user, steps=10)
    for step in plan.steps.order_by("position")[:8]:
        step.set_status(PlanStep.Status.HAD, START)  # what they knew before starting

    assert _pace(plan, START + timedelta(weeks=1)) is None
    assert _pace(plan) is None  # ten weeks on, still nothing done within the plan

    _finish_one = plan.steps.order_by("position")[8]
    _finish_one.set_status(PlanStep.Status.DONE, TEN_WEEKS_ON)
    assert _pace(plan) == Decimal("1.0")  # 10 hours in 10 weeks, not 90


def test_too_early_to_tell_says_why_and_reschedules_at_the_planned_hours(make_plan, user):
    plan = make_plan(user, steps=10)
    steps = list(plan.steps.all())
    soon = START + timedelta(days=3)
    _finish(plan, 1)

    assert pace.actual_pace(steps, START, soon) is None
    assert "after 14 days" in pace.why_no_pace(steps, START, soon)

    scheduling.reschedule_rest(plan, soon, None)
    second = plan.steps.order_by("position")[1]
    assert second.target_date == soon + timedelta(days=7)


@time_machine.travel(date(2027, 1, 4), tick=False)
def test_a_plan_started_a_year_ago_is_dated_from_then_and_shows_what_is_overdue(make_plan, user):
    today = scheduling.today_for(user)
    plan = make_plan(user, steps=60, start=today - timedelta(days=365))

    steps = list(plan.steps.order_by("position"))
    assert steps[0].target_date == today - timedelta(days=365 - 7)
    assert PlanStep.objects.overdue(today).filter(plan=plan).count() == 52
    assert _pace(plan, today) is None  # nothing done yet

    for step in steps[:26]:
        step.set_status(PlanStep.Status.DONE, today)  # half the year's work: 5 hours a week
    scheduling.reschedule_rest(plan, today, _pace(plan, today))

    assert PlanStep.objects.overdue(today).filter(plan=plan).count() == 0
    steps = list(plan.steps.order_by("position"))
    assert steps[25].target_date == today - timedelta(days=365 - 26 * 7)  # done: unchanged
    assert steps[26].target_date == today + timedelta(days=14)  # 10 hours at 5 a week


def test_projected_finish_compares_actual_pace_with_the_plan(make_plan, user):
    plan = make_plan(user, steps=10)
    _finish(plan, 5)  # 50 hours in 10 weeks: 5 hours a week
    steps = list(plan.steps.select_related("milestone"))

    so_far = pace.actual_pace(steps, START, TEN_WEEKS_ON)

    assert so_far == Decimal(5)
    assert pace.projected_finish(steps, so_far, TEN_WEEKS_ON) == TEN_WEEKS_ON + timedelta(days=70)
    assert scheduling.planned_finish(steps) == TEN_WEEKS_ON


def test_calendar_steps_do_not_count_towards_pace(make_milestone, make_route, user):
    phd = make_milestone("PhD", months=(12, 12))
    after = make_milestone("After", hours=(70, 70))
    plan = _start(user, make_route([phd, after]))
    four_weeks_on = START + timedelta(weeks=4)
    steps = _steps(plan)
    steps["PhD"].set_status(PlanStep.Status.DONE, four_weeks_on)
    steps["After"].set_status(PlanStep.Status.DONE, four_weeks_on)

    assert _pace(plan, START + timedelta(weeks=7)) == Decimal(10)  # 70 hours in 7 weeks
