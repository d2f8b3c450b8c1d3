"""Sign-up, verification, login, password reset and the profile, through the real pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from careerplanner.accounts.models import User

LINK = re.compile(r"https?://[^\s]+")


def only_link(message) -> str:
    links = LINK.findall(message.body)
    assert len(links) == 1, message.body
    return links[0].split("testserver", 1)[1]


@pytest.mark.django_db
def test_sign_up_confirm_email_then_log_in(client, password):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ada@example.com",
            "name": "Ada",
            "timezone": "Europe/London",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="ada@example.com")
    assert (user.name, user.timezone) == ("Ada", "Europe/London")
    assert not EmailAddress.objects.get(user=user).verified

    # Verification is mandatory: logging in before confirming sends another email instead.
    assert len(mail.outbox) == 1
    assert "Confirm" in mail.outbox[0].subject
    confirm_url = only_link(mail.outbox[0])
    assert client.post(confirm_url).status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": password})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


@pytest.mark.django_db
def test_sign_up_with_a_bad_timezone_shows_the_error_and_creates_nobody(client, password):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ada@example.com",
            "timezone": "Mars/Olympus_Mons",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert "“Mars/Olympus_Mons” is not a timezone we know" in response.content.decode()
    assert 'value="ada@example.com"' in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def profile(**changes) -> dict:
    """The profile form as the page would post it, with defaults for the reminder fields."""
    return {
        "name": "Grace",
        "timezone": "UTC",
        "nudge_hour": "9",
        "digest_weekday": "0",
        "wants_due_soon": "on",
        "wants_digest": "on",
        **changes,
    }


def test_profile_saves_name_and_timezone(client, user):
    client.force_login(user)
    response = client.post("/account/profile/", profile(timezone="Asia/Kolkata"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.timezone) == ("Grace", "Asia/Kolkata")
    page = client.get("/account/profile/").content.decode()
    assert "Your profile is saved." in page
    assert "Logged in as <strong>Grace</strong>" in page


def test_profile_rejects_an_unknown_timezone_next_to_the_field(client, user):
    client.force_login(user)
    response = client.post("/account/profile/", profile(timezone="Europe/Atlantis"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "“Europe/Atlantis” is not a timezone we know" in html
    assert 'value="Grace"' in html
    user.refresh_from_db()
    assert (user.name, user.timezone) == ("", "UTC")


def test_profile_saves_reminder_preferences(client, user):
    client.force_login(user)
    response = client.post("/account/profile/", profile(nudge_hour="7", digest_weekday="4"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.nudge_hour, user.digest_weekday) == (7, 4)
    assert (user.wants_due_soon, user.wants_overdue, user.wants_digest) == (True, False, True)


def test_profile_rejects_an_hour_outside_the_day(client, user):
    client.force_login(user)
    response = client.post("/account/profile/", profile(nudge_hour="25"))
    assert response.status_code == 422
    assert "Select a valid choice. 25 is not one of the available choices." in (
        response.content.decode()
    )
    user.refresh_from_db()
    assert user.nudge_hour == 9


def test_profile_needs_login(client, db):
    response = client.get("/account/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_password_reset_by_email(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = only_link(mail.outbox[0])
    form_url = client.get(reset_url)["Location"]  # allauth hides the key behind a redirect
    new_password = "another-long-passphrase-77"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_change(client, user, password):
    client.force_login(user)
    new_password = "another-long-passphrase-77"
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": password, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_the_sixth_wrong_password_in_a_row_is_refused(client, user, password):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    # Now even the right password is turned away until the limit expires.
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_goes_through_the_rate_limited_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_logout_is_a_post(client, user):
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_profile_shows_every_reminder_it_saves(client, user):
    # A preference the form saves but the page does not show is switched off by every save.
    client.force_login(user)
    page = client.get("/account/profile/").content.decode()
    from careerplanner.accounts.forms import ProfileForm

    for name in ProfileForm.Meta.fields:
        assert f'name="{name}"' in page, name
