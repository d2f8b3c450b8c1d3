"""When a person's reminders come: their hour on their own calendar, across DST, and kept up
to date by every way of changing the timezone or the hour (profile, sign-up, admin)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from careerplanner.accounts import nudge_times
from careerplanner.accounts.models import User


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "hour", "day", "instant"),
    [
        # Clocks skip from 2 am to 3 am: "2 am" comes when they jump, at 3 am summer time.
        ("America/New_York", 2, date(2026, 3, 8), utc(2026, 3, 8, 7)),
        ("America/New_York", 9, date(2026, 3, 8), utc(2026, 3, 8, 13)),
        ("America/New_York", 9, date(2026, 3, 7), utc(2026, 3, 7, 14)),
        # Clocks go back from 2 am to 1 am: "1 am" is the first of the two.
        ("America/New_York", 1, date(2026, 11, 1), utc(2026, 11, 1, 5)),
        ("Europe/London", 1, date(2026, 3, 29), utc(2026, 3, 29, 1)),
        ("Europe/London", 9, date(2026, 10, 25), utc(2026, 10, 25, 9)),
        ("Asia/Kolkata", 9, date(2026, 7, 1), utc(2026, 7, 1, 3, 30)),
        # Lord Howe moves by half an hour: 2:00 becomes 2:30 in October.
        ("Australia/Lord_Howe", 2, date(2026, 10, 4), utc(2026, 10, 3, 15, 30)),
        ("Australia/Lord_Howe", 9, date(2026, 10, 4), utc(2026, 10, 3, 22)),
        ("Australia/Lord_Howe", 1, date(2026, 4, 5), utc(2026, 4, 4, 14)),
        ("Mars/Olympus_Mons", 9, date(2026, 7, 1), utc(2026, 7, 1, 9)),  # unknown: UTC
    ],
)
def test_the_hour_comes_at_the_first_instant_the_local_clock_shows_it(zone, hour, day, instant):
    assert nudge_times.hour_on(zone, hour, day) == instant
    local = instant.astimezone(nudge_times.zone(zone))
    assert local.date() == day and local.hour >= hour


def test_next_after_is_todays_hour_while_ahead_and_tomorrows_once_come():
    zone = "Europe/London"
    assert nudge_times.next_after(zone, 9, utc(2026, 10, 24, 7, 59)) == utc(2026, 10, 24, 8)
    # Summer time ends in the night: tomorrow's 9 am is 25 hours later.
    assert nudge_times.next_after(zone, 9, utc(2026, 10, 24, 8)) == utc(2026, 10, 25, 9)
    assert nudge_times.has_come(zone, 9, utc(2026, 10, 24, 8))
    assert not nudge_times.has_come(zone, 9, utc(2026, 10, 24, 7, 59))


@pytest.mark.django_db
def test_a_new_person_is_due_at_the_next_tick_whichever_way_they_were_made():
    user = User.objects.create_user(email="made@example.com")
    assert user.nudges_due_at == nudge_times.NEVER
    assert User.objects.bulk_create([User(email="bulk@example.com")])[0].nudges_due_at == (
        nudge_times.NEVER
    )


@pytest.mark.django_db
def test_the_profile_files_the_person_under_their_new_hour(client, user):
    client.force_login(user)
    form = {"name": "", "timezone": "Asia/Kolkata", "nudge_hour": "7", "digest_weekday": "0"}
    with time_machine.travel(utc(2026, 11, 30, 20), tick=False):  # already Tuesday in Kolkata
        assert client.post("/account/profile/", form).status_code == 302
    user.refresh_from_db()
    assert user.nudges_due_at == datetime(2026, 12, 1, 7, tzinfo=ZoneInfo("Asia/Kolkata"))


@pytest.mark.django_db
def test_bad_input_on_the_profile_leaves_the_hour_alone(client, user):
    client.force_login(user)
    before = User.objects.get(pk=user.pk).nudges_due_at
    form = {"name": "", "timezone": "Asia/Kolkata", "nudge_hour": "25", "digest_weekday": "0"}
    assert client.post("/account/profile/", form).status_code == 422
    assert User.objects.get(pk=user.pk).nudges_due_at == before


@pytest.mark.django_db
def test_sign_up_files_the_person_under_nine_am_in_their_timezone(client, password):
    form = {
        "email": "ada@example.com",
        "timezone": "America/New_York",
        "password1": password,
        "password2": password,
    }
    with time_machine.travel(utc(2026, 3, 8, 12), tick=False):  # the day clocks go forward
        assert client.post("/accounts/signup/", form).status_code == 302
    user = User.objects.get(email="ada@example.com")
    assert user.nudges_due_at == utc(2026, 3, 8, 13)


@pytest.mark.django_db
def test_an_admin_edit_of_the_timezone_files_the_person_under_it(admin_client, user):
    page = f"/admin/accounts/user/{user.pk}/change/"
    form = admin_client.get(page).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        timezone="Europe/London",
        nudge_hour="18",
        date_joined_0="2026-01-01",
        date_joined_1="00:00:00",
        groups=[],
        user_permissions=[],
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    for flag in ("is_active", "is_staff", "is_superuser"):
        if not data.pop(flag, False):
            continue
        data[flag] = "on"
    with time_machine.travel(utc(2026, 7, 1, 12), tick=False):
        response = admin_client.post(page, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.timezone, user.nudge_hour) == ("Europe/London", 18)
    assert user.nudges_due_at == utc(2026, 7, 1, 17)


@pytest.mark.django_db(transaction=True)
def test_the_migration_files_existing_people_under_their_next_hour():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0003_nudges_due_at")])
    try:
        old_user = executor.loader.project_state(("accounts", "0003_nudges_due_at")).apps.get_model(
            "accounts", "User"
        )
        old_user.objects.create(email="ny@example.com", timezone="America/New_York", nudge_hour=9)
        old_user.objects.create(email="in@example.com", timezone="Asia/Kolkata", nudge_hour=9)
        with time_machine.travel(utc(2026, 7, 1, 12), tick=False):  # 8 am in New York
            executor = MigrationExecutor(connection)
            executor.migrate([("accounts", "0004_file_people_under_their_hour")])
        due = dict(User.objects.values_list("email", "nudges_due_at"))
    finally:
        # Back to the latest schema, with any later migrations, for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert due == {
        "ny@example.com": utc(2026, 7, 1, 13),  # today's, still ahead
        "in@example.com": utc(2026, 7, 2, 3, 30),  # tomorrow's: today's was sent already
    }
