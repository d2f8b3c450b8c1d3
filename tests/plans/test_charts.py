"""The geometry behind the SVG pictures."""

from datetime import date, timedelta
from decimal import Decimal

from careerplanner.plans import charts
from careerplanner.plans.models import CheckIn, PlanStep

TODAY = date(2026, 2, 2)


def test_the_timeline_has_a_planned_bar_per_dated_step_and_an_actual_bar_once_begun(plan):
    steps = list(plan.steps.order_by("position"))
    steps[0].set_status(PlanStep.Status.DONE, date(2026, 1, 20))
    steps[0].started_date = date(2026, 1, 6)
    steps[1].set_status(PlanStep.Status.SKIPPED, TODAY)
    steps[2].target_date = None

    timeline = charts.timeline(plan, steps, TODAY)

    assert [row.step.title for row in timeline.rows] == ["Step 0", "Step 3", "Step 4", "Step 5"]
    assert [step.title for step in timeline.undated] == ["Step 2"]
    first = timeline.rows[0]
    assert first.planned[0] == charts.LABEL_WIDTH  # the plan's start is the left edge
    assert first.actual is not None and first.actual[1] > first.planned[1]  # took longer
    assert timeline.rows[1].actual is None
    assert [row.overdue for row in timeline.rows] == [False, False, False, False]
    assert timeline.first == plan.start_date
    xs = [row.planned[0] for row in timeline.rows]
    assert xs == sorted(xs)
    assert all(charts.LABEL_WIDTH <= tick.x <= charts.WIDTH for tick in timeline.ticks)
    assert timeline.ticks[0].label == "Feb 2026"


def test_a_long_title_is_shortened_for_the_picture_but_kept_whole_for_the_table(plan):
    step = plan.steps.first()
    step.title = "A very long title " * 5
    timeline = charts.timeline(plan, [step], TODAY)
    assert len(timeline.rows[0].label) == charts.TITLE_CHARS
    assert timeline.rows[0].label.endswith("…")


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
