"""The sweep: each kind fires when it should and not otherwise, at the person's own 9 am."""

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep import local_moments, sweep
from careerplanner.plans.models import CheckIn, PlanStep

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)


def at(day: date, hour: int, minute: int = 0, zone: str = "UTC") -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def test_due_soon_fires_at_the_persons_hour_for_a_step_due_within_three_days(make_user, make_plan):
    user = make_user(timezone="Europe/London")
    plan = make_plan(
        user, [("Learn PyTorch", MONDAY + timedelta(days=3)), ("Later", MONDAY + timedelta(days=4))]
    )
    step = plan.steps.get(title="Learn PyTorch")

    assert sweep(at(MONDAY, 8, 55, "Europe/London"))[Nudge.Kind.DUE_SOON] == 0
    assert sweep(at(MONDAY, 9, 0, "Europe/London"))[Nudge.Kind.DUE_SOON] == 1
    nudge = Nudge.objects.get(kind=Nudge.Kind.DUE_SOON)
    assert uuid.UUID(nudge.subject.removeprefix("step:")) == step.pk
    assert (nudge.user, nudge.period, nudge.status) == (user, "2026-12-03", "queued")


def test_a_done_skipped_removed_or_archived_step_gets_no_reminder(make_user, make_plan):
    user = make_user()
    soon = MONDAY + timedelta(days=1)
    plan = make_plan(user, [("done", soon), ("skipped", soon), ("removed", soon), ("open", None)])
    plan.steps.filter(title="done").update(status=PlanStep.Status.DONE)
    plan.steps.filter(title="skipped").update(status=PlanStep.Status.SKIPPED)
    plan.steps.get(title="removed").remove()
    archived = make_plan(user, [("in an archived plan", soon)])
    archived.archive()
    created = sweep(at(MONDAY, 10))
    assert created[Nudge.Kind.DUE_SOON] == 0
    assert created[Nudge.Kind.OVERDUE] == 0


def test_overdue_fires_once_per_step_and_target_date(make_user, make_plan):
    user = make_user(timezone="America/New_York")
    plan = make_plan(user, [("Replicate a paper", MONDAY - timedelta(days=2))])
    assert sweep(at(MONDAY, 9, 5, "America/New_York"))[Nudge.Kind.OVERDUE] == 1
    assert sweep(at(MONDAY + timedelta(days=1), 9, 5, "America/New_York"))[Nudge.Kind.OVERDUE] == 0
    # A new target date that slips again is a new reminder.
    plan.steps.update(target_date=MONDAY + timedelta(days=1))
    assert sweep(at(MONDAY + timedelta(days=3), 9, 5, "America/New_York"))[Nudge.Kind.OVERDUE] == 1


def test_stalled_fires_after_fourteen_quiet_days_once_per_stall(make_user, make_plan):
    user = make_user()
    with time_machine.travel(at(MONDAY - timedelta(days=20), 12), tick=False):
        plan = make_plan(user, [("Learn linear algebra", MONDAY + timedelta(days=60))])
    with time_machine.travel(at(MONDAY - timedelta(days=13), 12), tick=False):
        plan.steps.get().log_hours(MONDAY - timedelta(days=13), 2)

    assert sweep(at(MONDAY, 9))[Nudge.Kind.STALLED] == 0  # 13 days quiet
    assert sweep(at(MONDAY + timedelta(days=1), 11, 55))[Nudge.Kind.STALLED] == 0
    assert sweep(at(MONDAY + timedelta(days=1), 12, 5))[Nudge.Kind.STALLED] == 1  # 14 days
    assert sweep(at(MONDAY + timedelta(days=2), 9))[Nudge.Kind.STALLED] == 0  # same stall
    assert CheckIn.objects.count() == 1


def test_the_weekly_digest_fires_on_the_chosen_day_once_per_week(make_user, make_plan):
    user = make_user(timezone="Asia/Kolkata", digest_weekday=MONDAY.weekday())
    make_plan(user, [("Learn Python", MONDAY + timedelta(days=30))])
    assert sweep(at(MONDAY - timedelta(days=1), 9, 0, "Asia/Kolkata"))[Nudge.Kind.DIGEST] == 0
    assert sweep(at(MONDAY, 8, 59, "Asia/Kolkata"))[Nudge.Kind.DIGEST] == 0
    assert sweep(at(MONDAY, 9, 0, "Asia/Kolkata"))[Nudge.Kind.DIGEST] == 1
    assert sweep(at(MONDAY, 17, 0, "Asia/Kolkata"))[Nudge.Kind.DIGEST] == 0
    assert Nudge.objects.get(kind="digest").period == "2026-W49"


def test_nobody_unverified_unsubscribed_or_inactive_is_swept(make_user, make_plan, db):
    from careerplanner.accounts.models import User

    soon = MONDAY + timedelta(days=1)
    unverified = User.objects.create_user(email="new@example.com", password="x")
    make_plan(unverified, [("a", soon)])
    opted_out = make_user(email="no@example.com", wants_due_soon=False)
    make_plan(opted_out, [("b", soon)])
    inactive = make_user(email="gone@example.com", is_active=False)
    make_plan(inactive, [("c", soon)])
    assert sweep(at(MONDAY, 10))[Nudge.Kind.DUE_SOON] == 0


def test_a_second_sweep_creates_nothing_new(make_user, make_plan):
    for n in range(3):
        user = make_user(email=f"p{n}@example.com", digest_weekday=MONDAY.weekday())
        make_plan(
            user, [("soon", MONDAY + timedelta(days=1)), ("late", MONDAY - timedelta(days=1))]
        )
    first = sweep(at(MONDAY, 10))
    assert sum(first.values()) == 9
    assert sum(sweep(at(MONDAY, 10)).values()) == 0
    assert sum(sweep(at(MONDAY, 11, 30)).values()) == 0
    assert Nudge.objects.count() == 9


@pytest.mark.parametrize("people", [2, 30])
def test_the_sweep_makes_the_same_number_of_queries_whatever_the_number_of_people(
    make_user, make_plan, django_assert_num_queries, people
):
    zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
    for n in range(people):
        user = make_user(email=f"p{n}@example.com", timezone=zones[n % 4])
        make_plan(
            user, [("soon", MONDAY + timedelta(days=1)), ("late", MONDAY - timedelta(days=5))]
        )
    # 1 distinct timezones, then one INSERT ... SELECT for each of the four kinds.
    with django_assert_num_queries(5):
        created = sweep(at(MONDAY, 23))
    assert created[Nudge.Kind.DUE_SOON] >= people // 2


ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"]


@pytest.mark.parametrize("zone", ZONES)
def test_nine_am_local_comes_once_per_local_day_for_two_years_of_dst(zone):
    """Ticks every 5 minutes for two years; for each local day, the first tick at which a
    person with the default 9 am hour is due must be 09:00 local, whatever DST does."""
    tick = timedelta(minutes=5)
    now = datetime(2026, 1, 1, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    end = datetime(2028, 1, 1, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    first_due: dict[date, datetime] = {}
    offsets = set()
    while now < end:
        (moment,) = local_moments(now, [zone])
        if moment.hour >= 9 and moment.day not in first_due:
            first_due[moment.day] = now
        offsets.add(now.astimezone(ZoneInfo(zone)).utcoffset())
        now += tick
    assert len(first_due) == 730
    for day, instant in first_due.items():
        local = instant.astimezone(ZoneInfo(zone))
        assert (local.date(), local.hour, local.minute) == (day, 9, 0), (zone, day)
    # Kolkata has one offset; the others really did cross DST changes.
    assert len(offsets) == (1 if zone == "Asia/Kolkata" else 2)


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2027, 11, 7)),
        ("Europe/London", date(2026, 3, 29)),
        ("Europe/London", date(2027, 10, 31)),
        ("Australia/Lord_Howe", date(2026, 4, 5)),
        ("Australia/Lord_Howe", date(2027, 10, 3)),
        ("Asia/Kolkata", date(2027, 3, 14)),
    ],
)
def test_the_real_sweep_sends_at_nine_local_on_dst_change_days(
    make_user, make_plan, zone, change_day
):
    user = make_user(timezone=zone, digest_weekday=change_day.weekday())
    make_plan(user, [("Keep going", change_day + timedelta(days=40))])
    instant = at(change_day, 0, 0, zone)
    stop = at(change_day + timedelta(days=1), 0, 0, zone)
    created_at = []
    while instant < stop:
        if sweep(instant).get(Nudge.Kind.DIGEST):
            created_at.append(instant.astimezone(ZoneInfo(zone)))
        instant += timedelta(minutes=15)
    assert [(t.date(), t.hour, t.minute) for t in created_at] == [(change_day, 9, 0)]


def test_the_sweep_groups_people_by_timezone_not_one_by_one(make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(6):
        make_user(email=f"p{n}@example.com", timezone=["Europe/London", "Asia/Kolkata"][n % 2])
    with CaptureQueriesContext(connection) as queries:
        sweep(at(MONDAY, 10))
    zones_query = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute(zones_query)
        assert len(cursor.fetchall()) == 2
