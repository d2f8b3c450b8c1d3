"""A visitor signs up, confirms, logs in, sets a timezone and logs out, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from careerplanner.accounts.models import User


def test_sign_up_confirm_log_in_set_timezone_log_out(page, password, transactional_db):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("AI safety")
    page.get_by_role("link", name="Sign up and start a plan").click()

    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("Your name (optional)").fill("Grace")
    # The browser's own timezone was filled in for us.
    expect(page.get_by_label("Your timezone")).to_have_value("America/New_York")
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("You have confirmed")).to_be_visible()

    if page.get_by_role("button", name="Log out").count():
        page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".who")).to_contain_text("Grace")

    page.get_by_role("navigation").get_by_role("link", name="Profile").click()
    page.get_by_label("Timezone").select_option("Asia/Kolkata")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    assert User.objects.get(email="grace@example.com").timezone == "Asia/Kolkata"

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Log in")).to_be_visible()


def test_wrong_password_is_explained_and_the_sixth_try_is_refused(page, user, password):
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password:").fill("not-my-password")
        page.get_by_role("button", name="Sign In").click()
        expect(
            page.get_by_text("email address and/or password you specified are not correct")
        ).to_be_visible()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Too many failed login attempts")).to_be_visible()
    expect(page.locator(".who")).to_have_count(0)
