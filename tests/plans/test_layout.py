"""The layout of steps on the calendar, without a database: lanes, windows, prerequisites,
pinned dates and goal steps that overlap the end of the rest."""

from dataclasses import dataclass
from datetime import date, timedelta

from careerplanner.plans.layout import Job, lay_out

START = date(2027, 1, 4)


@dataclass
class Yearly:
    """A window like the catalog's: one month-day a year, due by it or starting on it."""

    anchor: str
    month: int
    day: int

    def on_or_after(self, day: date) -> date:
        this_year = date(day.year, self.month, self.day)
        return this_year if this_year >= day else date(day.year + 1, self.month, self.day)


def days(n: float) -> date:
    return START + timedelta(days=n)


def test_study_steps_follow_one_another_on_the_weekly_hours():
    slots = lay_out([Job("a", study_days=7), Job("b", study_days=14)], START)

    assert (slots["a"].planned_start, slots["a"].target_date) == (START, days(7))
    assert (slots["b"].planned_start, slots["b"].target_date) == (days(7), days(21))


def test_a_job_runs_alongside_study_rather_than_before_or_after_it():
    jobs = [
        Job("job", calendar_days=365),
        Job("course", study_days=30),
        Job("project", study_days=30),
    ]

    slots = lay_out(jobs, START)

    assert slots["job"].planned_start == START
    assert slots["course"].planned_start == START  # study starts beside the job
    assert slots["project"].target_date == days(60)  # and goes on within it
    assert slots["job"].target_date == days(365)


def test_prerequisites_still_come_first_across_lanes():
    jobs = [
        Job("phd", calendar_days=1000, needs={"apply"}),
        Job("apply", study_days=20),
        Job("reading", study_days=50, needs={"phd"}),
    ]

    slots = lay_out(jobs, START)

    assert slots["phd"].planned_start >= slots["apply"].target_date
    assert slots["reading"].planned_start >= slots["phd"].target_date


def test_full_time_steps_never_overlap_each_other_but_study_goes_on_beside_them():
    jobs = [
        Job("degree", calendar_days=1000, full_time=True),
        Job("assistant post", calendar_days=400, full_time=True),
        Job("course", study_days=100),
    ]

    slots = lay_out(jobs, START)

    assert slots["assistant post"].planned_start == slots["degree"].target_date
    assert slots["course"].planned_start == START


def test_a_deadline_bound_step_ends_on_the_next_deadline_after_its_prerequisites():
    december = Yearly("due", 12, 10)
    jobs = [
        Job("study", study_days=30),
        Job("apply", study_days=40, needs={"study"}, window=december),
    ]

    slots = lay_out(jobs, START)

    assert slots["apply"].target_date == date(2027, 12, 10)
    assert slots["apply"].planned_start == date(2027, 12, 10) - timedelta(days=40)


def test_a_deadline_too_close_to_make_moves_the_step_to_the_next_round():
    december = Yearly("due", 12, 10)
    # The prerequisites end on 1 December: too late to do 40 days of work by the 10th.
    late_start = date(2027, 1, 1)
    before = (date(2027, 12, 1) - late_start).days
    jobs = [
        Job("study", study_days=before),
        Job("apply", study_days=40, needs={"study"}, window=december),
    ]

    slots = lay_out(jobs, late_start)

    assert slots["apply"].target_date == date(2028, 12, 10)


def test_a_step_with_a_start_date_begins_on_the_next_one():
    september = Yearly("starts", 9, 1)
    jobs = [
        Job("apply", study_days=10),
        Job("phd", calendar_days=1800, needs={"apply"}, window=september),
    ]

    slots = lay_out(jobs, date(2027, 10, 1))

    assert slots["phd"].planned_start == date(2028, 9, 1)


def test_other_study_fills_the_wait_for_a_deadline_and_pauses_for_it():
    december = Yearly("due", 12, 10)
    jobs = [
        Job("apply", study_days=30, window=december),
        Job("long course", study_days=400),
    ]

    slots = lay_out(jobs, START)

    # The course starts at once rather than the lane idling until November...
    assert slots["long course"].planned_start == START
    # ...and the application still makes this year's deadline...
    assert slots["apply"].target_date == date(2027, 12, 10)
    # ...with the course finishing a month later than it would alone.
    assert slots["long course"].target_date == days(430)


def test_window_dates_are_calendar_dates_across_clock_changes():
    # 28 March 2027 is the night clocks go forward in Europe; 31 October 2027 back.
    for anchor_date in (date(2027, 3, 28), date(2027, 10, 31)):
        window = Yearly("due", anchor_date.month, anchor_date.day)
        slots = lay_out([Job("apply", study_days=7, window=window)], START)
        assert slots["apply"].target_date == anchor_date
        assert slots["apply"].planned_start == anchor_date - timedelta(days=7)


def test_a_pinned_step_stays_where_the_person_put_it():
    pinned = date(2027, 6, 1)
    jobs = [
        Job("a", study_days=7),
        Job("b", study_days=70, pinned_end=pinned),
        Job("c", study_days=7),
    ]

    slots = lay_out(jobs, START)

    assert slots["b"].target_date == pinned
    assert slots["c"].planned_start == days(7)  # the pinned step takes no room on the lane


def test_a_goal_step_overlaps_the_end_of_the_rest_without_finishing_before_it():
    jobs = [
        Job("course", study_days=200),
        Job("apply", calendar_days=60, ends_after={"course"}),
    ]

    slots = lay_out(jobs, START)

    assert slots["apply"].planned_start == days(140)
    assert slots["apply"].target_date == days(200)


def test_fewer_hours_stretch_study_but_not_calendar_time():
    def finish(hours_per_week: int) -> date:
        study = 100 / hours_per_week * 7
        jobs = [Job("course", study_days=study), Job("job", calendar_days=365)]
        return max(slot.target_date for slot in lay_out(jobs, START).values())

    assert finish(40) == finish(10) == days(365)  # the job bounds both
    assert finish(1) == days(700)
