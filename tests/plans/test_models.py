"""Plan and step rules: progress, status dates, hours, order, removal and the dashboard verbs."""

from datetime import date
from decimal import Decimal

from careerplanner.plans.models import CheckIn, Plan, PlanStep

DAY = date(2026, 2, 2)


def _titles(plan, stage=None):
    steps = plan.steps.visible().order_by("position")
    if stage:
        steps = steps.filter(stage=stage)
    return list(steps.values_list("title", flat=True))


def test_progress_counts_done_over_not_skipped_overall_and_per_stage(plan):
    steps = list(plan.steps.order_by("position"))  # stages cycle: foundations, skills, capital
    steps[0].set_status(PlanStep.Status.DONE, DAY)
    steps[3].set_status(PlanStep.Status.SKIPPED, DAY)  # foundations again
    steps[1].set_status(PlanStep.Status.HAD, DAY)  # had before the plan: counts as done

    progress = plan.progress(list(plan.steps.visible()))

    assert (progress.overall.done, progress.overall.counted, progress.overall.percent) == (2, 5, 40)
    foundations = progress.stages[0]
    assert (foundations.label, foundations.done, foundations.counted) == ("Foundations", 1, 1)
    assert foundations.percent == 100
    assert [stage.label for stage in progress.stages] == [
        "Foundations",
        "Skills",
        "Career capital",
        "Getting the role",
    ]


def test_done_sets_the_done_date_and_reopening_clears_it(step):
    step.set_status(PlanStep.Status.DONE, DAY)
    step.refresh_from_db()
    assert (step.status, step.done_date, step.started_date) == ("done", DAY, DAY)

    step.set_status(PlanStep.Status.TODO, date(2026, 2, 3))
    step.refresh_from_db()
    assert (step.done_date, step.started_date) == (None, None)


def test_logging_hours_adds_a_check_in_and_counts_on_the_step(step):
    step.log_hours(DAY, Decimal("1.5"), "Chapter 1")
    step.log_hours(date(2026, 1, 30), Decimal(2))

    step.refresh_from_db()
    assert step.hours_logged == Decimal("3.5")
    assert step.started_date == date(2026, 1, 30)  # the earliest work
    assert CheckIn.objects.filter(step=step).count() == 2

    checkin = CheckIn.objects.get(note="Chapter 1")
    checkin.delete_and_uncount()
    step.refresh_from_db()
    assert step.hours_logged == Decimal(2)


def test_already_had_clears_the_dates_a_step_was_worked_on(step):
    step.set_status(PlanStep.Status.DOING, DAY)
    step.set_status(PlanStep.Status.HAD, DAY)

    step.refresh_from_db()
    assert (step.status, step.started_date, step.done_date) == ("had", None, None)
    assert not step.is_open


def test_insert_places_a_step_after_another_or_at_the_start(make_plan, user):
    plan = make_plan(user, steps=3)
    second = plan.steps.get(title="Step 1")

    PlanStep.insert(plan, second, title="After 1", stage="skills")
    PlanStep.insert(plan, None, title="First", stage="skills")

    assert _titles(plan) == ["First", "Step 0", "Step 1", "After 1", "Step 2"]


def test_a_removed_step_is_hidden_until_put_back(step, plan):
    step.remove()
    assert step.title not in _titles(plan)
    assert PlanStep.objects.removed().get() == step

    step.restore()
    assert _titles(plan)[0] == step.title


def test_with_progress_counts_steps_and_finds_the_next_one(make_plan, user):
    plan = make_plan(user, steps=4)
    steps = list(plan.steps.order_by("position"))
    steps[0].set_status(PlanStep.Status.DONE, DAY)
    steps[2].set_status(PlanStep.Status.DOING, DAY)  # under way: comes before step 1
    steps[3].remove()

    annotated = Plan.objects.with_progress(today=date(2026, 1, 20)).get(pk=plan.pk)

    assert (annotated.steps_done, annotated.steps_total) == (1, 3)
    assert annotated.next_step_title == "Step 2"
    assert annotated.steps_overdue == 1  # step 1, due 19 January; step 2 is due on the 26th


def test_archive_and_restore(plan):
    plan.archive()
    assert Plan.objects.archived().get() == plan
    plan.restore()
    assert Plan.objects.active().get() == plan


def test_due_between_lists_open_visible_steps_in_the_window(plan):
    steps = list(plan.steps.order_by("position"))  # weekly from 12 January
    steps[1].set_status(PlanStep.Status.DONE, DAY)

    due = PlanStep.objects.due_between(date(2026, 1, 12), date(2026, 1, 26))

    assert [s.title for s in due.order_by("position")] == ["Step 0", "Step 2"]


def test_replacing_the_calendar_token_changes_it(plan):
    old = plan.calendar_token
    plan.replace_calendar_token()
    assert plan.calendar_token != old and len(plan.calendar_token) >= 40


def test_the_dashboard_sql_agrees_with_the_plan_page_on_progress_and_next_step(make_plan, user):
    """with_progress() says progress and the next step in SQL (one query for all plans);
    Plan.progress() and next_step() say them in Python for one plan's steps in memory. Over
    many mixes of statuses, dates and removals the two must give the same answers."""
    import random

    from careerplanner.plans.steps import next_step

    chance = random.Random(16)
    statuses = list(PlanStep.Status.values)
    dates = [None, date(2026, 3, 1), date(2026, 3, 1), date(2026, 4, 1), date(2025, 12, 1)]
    plans = []
    for n in range(40):
        plan = make_plan(user, steps=chance.randint(0, 7), title=f"Plan {n}")
        for step in plan.steps.all():
            step.status = chance.choice(statuses)
            step.target_date = chance.choice(dates)
            step.removed_at = None if chance.random() < 0.8 else step.created
            step.save()
        plans.append(plan)

    dashboard = {each.pk: each for each in Plan.objects.with_progress(DAY)}
    for plan in plans:
        steps = list(plan.steps.visible())
        overall = plan.progress(steps).overall
        row = dashboard[plan.pk]
        assert (row.steps_done, row.steps_total, row.percent) == (
            overall.done,
            overall.counted,
            overall.percent,
        )
        expected = next_step(steps, DAY)
        assert row.next_step_title == (expected.title if expected else None), plan.title
        assert row.next_step_target == (expected.target_date if expected else None)
