"""The geometry behind the SVG pictures."""

from datetime import date, timedelta
from decimal import Decimal

from careerplanner.plans import charts, scheduling
from careerplanner.plans.models import CheckIn, PlanStep

TODAY = date(2026, 2, 2)


def test_the_next_months_have_a_planned_bar_per_step_and_an_actual_bar_once_begun(plan):
    steps = list(plan.steps.order_by("position"))  # weekly from 12 January 2026
    steps[0].set_status(PlanStep.Status.DONE, date(2026, 1, 20))
    steps[0].started_date = date(2026, 1, 6)
    steps[1].set_status(PlanStep.Status.SKIPPED, TODAY)
    steps[2].target_date = None

    upcoming = charts.next_months(plan, steps, date(2026, 1, 12))

    assert [row.label for row in upcoming.rows] == ["Step 0", "Step 3", "Step 4", "Step 5"]
    first = upcoming.rows[0]
    assert first.actual is not None and first.actual.width > first.planned[0].width
    assert upcoming.rows[1].actual is None
    xs = [row.planned[0].x for row in upcoming.rows]
    assert xs == sorted(xs)
    assert all(charts.MARGIN <= tick.x <= charts.WIDTH for tick in upcoming.ticks)


def test_the_overview_gives_a_long_step_its_own_lane_and_study_a_row_per_stage(
    make_milestone, make_route, user
):
    phd = make_milestone("PhD", stage="career-capital", months=(60, 60), full_time=True)
    courses = [make_milestone(f"Course {n}", hours=(10, 10)) for n in range(6)]
    plan = scheduling.start_plan(
        user,
        title="P",
        start_date=date(2026, 1, 5),
        hours_per_week=10,
        route=make_route([phd, *courses]),
    )
    steps = list(plan.steps.all())

    overview = charts.overview(plan, steps, date(2026, 1, 5))

    assert [row.label for row in overview.rows] == ["PhD", "Foundations: 6 steps of study"]
    study = overview.rows[1]
    assert len(study.planned) == 6
    # Six weeks of study share one row rather than six slivers beside a five-year bar.
    assert [bar.x for bar in study.planned] == sorted(bar.x for bar in study.planned)
    assert overview.rows[0].planned[0].width > 50 * study.planned[0].width


def test_a_target_moved_before_the_planned_start_draws_no_backwards_bar(plan):
    step = plan.steps.order_by("position").first()
    step.target_date = step.planned_start - timedelta(days=30)

    upcoming = charts.next_months(plan, [step], step.target_date)

    assert upcoming.rows[0].planned[0].width >= 2


def test_a_long_title_is_shortened_for_the_picture_but_kept_whole_for_the_table(plan):
    step = plan.steps.first()
    step.title = "A very long title " * 5
    upcoming = charts.next_months(plan, [step], step.planned_start)
    assert len(upcoming.rows[0].label) == charts.TITLE_CHARS
    assert upcoming.rows[0].label.endswith("…")


def test_weekly_progress_adds_hours_per_week_and_counts_steps_done_so_far(plan):
    steps = list(plan.steps.order_by("position"))
    steps[0].set_status(PlanStep.Status.DONE, date(2026, 1, 14))
    steps[1].set_status(PlanStep.Status.DONE, date(2026, 1, 28))
    checkins = [
        CheckIn(plan=plan, date=date(2026, 1, 12), hours=Decimal(2)),
        CheckIn(plan=plan, date=date(2026, 1, 18), hours=Decimal("1.5")),  # same week
        CheckIn(plan=plan, date=date(2026, 1, 27), hours=Decimal(4)),
    ]

    weekly = charts.weekly_progress(plan, steps, checkins, TODAY)

    assert [week.monday for week in weekly.weeks] == [
        date(2026, 1, 5) + timedelta(weeks=n) for n in range(5)
    ]
    assert [week.hours for week in weekly.weeks] == [0, 3.5, 0, 4, 0]
    assert [week.total_done for week in weekly.weeks] == [0, 1, 1, 2, 2]
    assert weekly.total_hours == 7.5
    tallest = max(weekly.weeks, key=lambda week: week.bar_height)
    assert tallest.hours == 4 and tallest.bar_y == 12  # reaches the top of the chart


def test_weekly_progress_shows_at_most_a_year(make_plan, user):
    plan = make_plan(user, steps=1, start=TODAY - timedelta(weeks=100))
    weekly = charts.weekly_progress(plan, [], [], TODAY)
    assert len(weekly.weeks) == charts.WEEKS_SHOWN and weekly.truncated
