"""The sweep: each kind fires when it should and not otherwise, at the person's own 9 am, and
a tick looks only at the people whose hour has come since they were last looked at."""

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from careerplanner.accounts import nudge_times
from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep import sweep
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


def test_stalled_fires_at_the_persons_hour_once_fourteen_days_are_quiet_once_per_stall(
    make_user, make_plan
):
    user = make_user()
    with time_machine.travel(at(MONDAY - timedelta(days=20), 12), tick=False):
        plan = make_plan(user, [("Learn linear algebra", MONDAY + timedelta(days=60))])
    with time_machine.travel(at(MONDAY - timedelta(days=13), 12), tick=False):
        plan.steps.get().log_hours(MONDAY - timedelta(days=13), 2)

    assert sweep(at(MONDAY, 9))[Nudge.Kind.STALLED] == 0  # 13 days quiet
    # Fourteen days are up at noon; the reminder waits for the person's hour.
    assert sweep(at(MONDAY + timedelta(days=1), 9))[Nudge.Kind.STALLED] == 0
    assert sweep(at(MONDAY + timedelta(days=1), 12, 5))[Nudge.Kind.STALLED] == 0
    assert sweep(at(MONDAY + timedelta(days=2), 9))[Nudge.Kind.STALLED] == 1
    assert sweep(at(MONDAY + timedelta(days=3), 9))[Nudge.Kind.STALLED] == 0  # same stall
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


@pytest.mark.parametrize("people", [4, 30])
def test_the_sweep_makes_the_same_number_of_queries_whatever_the_number_of_people(
    make_user, make_plan, django_assert_num_queries, people
):
    zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
    for n in range(people):
        user = make_user(email=f"p{n}@example.com", timezone=zones[n % 4])
        make_plan(
            user, [("soon", MONDAY + timedelta(days=1)), ("late", MONDAY - timedelta(days=5))]
        )
    # A savepoint; the (timezone, hour) pairs of the people due; claiming those whose hour
    # has come; moving on those whose has not (Kolkata, where it is 04:30); one INSERT ...
    # SELECT for each of the five kinds; releasing the savepoint.
    with django_assert_num_queries(10):
        created = sweep(at(MONDAY, 23))
    assert created[Nudge.Kind.DUE_SOON] >= people // 2


def test_a_tick_looks_only_at_the_people_whose_hour_came_since_the_last(make_user, make_plan):
    early, late = make_user(email="early@example.com", nudge_hour=8), make_user(nudge_hour=10)
    for person in (early, late):
        make_plan(person, [("soon", MONDAY + timedelta(days=1))])
    sweep(at(MONDAY, 8, 2))  # the first tick files everyone under their hour
    assert User.objects.get(pk=late.pk).nudges_due_at == at(MONDAY, 10)
    assert User.objects.get(pk=early.pk).nudges_due_at == at(MONDAY + timedelta(days=1), 8)
    Nudge.objects.all().delete()

    # Nobody is due at 9: the tick claims no one and writes nothing, however much is waiting.
    sweep(at(MONDAY, 9, 2))
    assert not User.objects.filter(nudges_checked_at=at(MONDAY, 9, 2)).exists()
    assert not Nudge.objects.exists()
    sweep(at(MONDAY, 10, 2))
    assert set(Nudge.objects.values_list("user__email", flat=True)) == {late.email}
    assert User.objects.get(pk=late.pk).nudges_checked_at == at(MONDAY, 10, 2)


def test_a_changed_hour_or_timezone_takes_effect_the_same_day(make_user, make_plan):
    from careerplanner.accounts.forms import ProfileForm

    user = make_user(nudge_hour=18, digest_weekday=MONDAY.weekday())
    make_plan(user, [("Keep going", MONDAY + timedelta(days=30))])
    sweep(at(MONDAY, 7))
    assert sweep(at(MONDAY, 12))[Nudge.Kind.DIGEST] == 0  # waiting for 18:00
    with time_machine.travel(at(MONDAY, 12, 1), tick=False):
        data = {"timezone": "Asia/Kolkata", "nudge_hour": "9", "digest_weekday": "0"}
        form = ProfileForm({**data, "name": "", "wants_digest": "on"}, instance=user)
        assert form.is_valid(), form.errors
        form.save()
    # 9 am in Kolkata came at 03:30 UTC: the next tick looks at them.
    assert User.objects.get(pk=user.pk).nudges_due_at == at(MONDAY, 9, 0, "Asia/Kolkata")
    assert sweep(at(MONDAY, 12, 5))[Nudge.Kind.DIGEST] == 1


def test_after_a_night_without_ticks_nobody_is_reminded_before_their_hour(make_user, make_plan):
    user = make_user(timezone="America/New_York")
    make_plan(user, [("late", MONDAY - timedelta(days=3))])
    sweep(at(MONDAY, 9, 30, "America/New_York"))
    Nudge.objects.all().delete()
    # No tick from Monday 10:00 until Wednesday 07:00 in New York: Tuesday's hour passed
    # unseen, and Wednesday's has not come yet.
    assert sweep(at(MONDAY + timedelta(days=2), 7, 0, "America/New_York"))[Nudge.Kind.OVERDUE] == 0
    assert User.objects.get(pk=user.pk).nudges_due_at == at(
        MONDAY + timedelta(days=2), 9, 0, "America/New_York"
    )
    assert sweep(at(MONDAY + timedelta(days=2), 9, 0, "America/New_York"))[Nudge.Kind.OVERDUE] == 1


def test_a_sweep_that_fails_claims_nobody(make_user, make_plan, monkeypatch):
    from careerplanner.nudges import sweep as module

    user = make_user()
    make_plan(user, [("soon", MONDAY + timedelta(days=1))])

    def broken(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(module, "_digest", broken)
    with pytest.raises(RuntimeError):
        sweep(at(MONDAY, 10))
    assert not Nudge.objects.exists()
    assert User.objects.get(pk=user.pk).nudges_due_at == nudge_times.NEVER
    monkeypatch.undo()
    assert sweep(at(MONDAY, 10, 5))[Nudge.Kind.DUE_SOON] == 1


ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"]


@pytest.mark.parametrize("zone", ZONES)
def test_every_hour_comes_once_per_local_day_for_two_years_of_dst(zone):
    """Ticks every 5 minutes for two years, moving each hour on as the sweep does; each hour
    of the day must be reached once per local day, at the first tick at which the local clock
    shows that hour or later, whatever DST does (2 am is skipped once a year in most zones)."""
    tick = timedelta(minutes=5)
    start = datetime(2026, 1, 1, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    end = datetime(2028, 1, 1, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    due = {hour: nudge_times.hour_on(zone, hour, date(2026, 1, 1)) for hour in range(24)}
    reached: dict[int, list[datetime]] = {hour: [] for hour in range(24)}
    expected: dict[int, list[datetime]] = {hour: [] for hour in range(24)}
    last_local = None
    now = start
    while now < end:
        local = now.astimezone(ZoneInfo(zone))
        for hour in range(24):
            if due[hour] <= now:
                reached[hour].append(now)
                due[hour] = nudge_times.next_after(zone, hour, now)
            # Straight from the clock: the first tick of the day at or past the hour.
            came = local.hour >= hour
            before = last_local is not None and last_local.date() == local.date()
            if came and not (before and last_local.hour >= hour):
                expected[hour].append(now)
        last_local = local
        now += tick
    for hour in range(24):
        assert reached[hour] == expected[hour], (zone, hour)
        assert len(reached[hour]) == 730
    offsets = {t.astimezone(ZoneInfo(zone)).utcoffset() for t in reached[9]}
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


def test_the_sweep_groups_people_by_timezone_and_hour_not_one_by_one(make_user):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    for n in range(6):
        make_user(email=f"p{n}@example.com", timezone=["Europe/London", "Asia/Kolkata"][n % 2])
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        sweep(at(MONDAY, 10))
        transaction.set_rollback(True)  # so the same query finds the same people again
    (pairs_query,) = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(pairs_query)
        assert len(cursor.fetchall()) == 2
