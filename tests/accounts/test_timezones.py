"""Timezones: one current name per place, by region; old names that browsers still report
(Asia/Calcutta) are taken, and stored, as the zone they stand for (Asia/Kolkata)."""

import importlib
from datetime import UTC, datetime

import time_machine
from django.apps import apps

from careerplanner.accounts import timezones
from careerplanner.accounts.models import User
from tests.accounts.test_accounts import profile


def test_the_list_has_each_place_once_by_its_current_name():
    names = timezones.timezone_names()
    assert "Asia/Kolkata" in names and "Asia/Calcutta" not in names
    assert "America/New_York" in names and "US/Eastern" not in names
    assert "UTC" in names and "Etc/UTC" not in names
    assert 350 < len(names) < 500  # the old list had about 600, aliases and all


def test_old_names_stand_for_current_zones():
    assert timezones.canonical("Asia/Calcutta") == "Asia/Kolkata"
    assert timezones.canonical("US/Eastern") == "America/New_York"
    assert timezones.canonical("Etc/UTC") == "UTC"
    assert timezones.canonical("Europe/London") == "Europe/London"
    assert timezones.canonical("Mars/Olympus_Mons") is None


def test_the_choices_are_grouped_by_region_and_named_by_place():
    groups = dict(timezones.grouped_choices())
    assert list(groups)[0] == "Universal"
    assert ("Asia/Kolkata", "Kolkata (India)") in groups["Asia"]
    assert ("America/Argentina/Buenos_Aires", "Argentina / Buenos Aires (Argentina)") in (
        groups["America"]
    )
    labels = [label for _, label in groups["Europe"]]
    assert labels == sorted(labels)  # a list a person can run their eye (or keyboard) down


def test_an_old_name_typed_or_sent_by_a_browser_is_saved_as_the_current_one(client, user):
    client.force_login(user)
    response = client.post("/account/profile/", profile(timezone="Asia/Calcutta"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.timezone == "Asia/Kolkata"
    page = client.get("/account/profile/").content.decode()
    assert '<option value="Asia/Kolkata" selected data-aliases="Asia/Calcutta">' in page


def test_the_migration_renames_stored_old_names(make_user):
    calcutta = make_user("a@example.com", timezone="Asia/Calcutta")
    london = make_user("b@example.com", timezone="Europe/London")
    unknown = make_user("c@example.com", timezone="Etc/GMT+5")
    migration = importlib.import_module(
        "careerplanner.accounts.migrations.0007_canonical_timezones"
    )
    migration.to_canonical(apps, None)
    zones = dict(User.objects.values_list("email", "timezone"))
    assert zones == {
        calcutta.email: "Asia/Kolkata",
        london.email: "Europe/London",
        unknown.email: "Etc/GMT+5",  # no current zone stands for it: the profile asks
    }


@time_machine.travel(datetime(2026, 3, 10, 12, 30, tzinfo=UTC), tick=False)
def test_the_profile_shows_the_time_where_the_person_is(client, make_user):
    client.force_login(make_user(timezone="Asia/Kolkata"))
    page = client.get("/account/profile/").content.decode()
    assert "In your own timezone (Asia/Kolkata), where it is now 18:00 on Tuesday." in page


def test_a_zone_no_longer_listed_is_asked_for_not_replaced(client, make_user):
    client.force_login(make_user(timezone="Etc/GMT+5"))
    page = client.get("/account/profile/").content.decode()
    assert '<option value="" selected>Choose your timezone</option>' in page
    response = client.post("/account/profile/", profile(timezone=""))
    assert response.status_code == 422
    assert "Choose your timezone from the list." in response.content.decode()
