"""A visitor signs up, confirms, logs in, sets a timezone and logs out, in a real browser."""

import io
import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
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
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("is confirmed")).to_be_visible()

    # Confirming logged Grace in, on her way to where she was going: the home page.
    expect(page.locator(".who")).to_contain_text("Grace")
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".who")).to_contain_text("Grace")

    page.get_by_role("navigation").get_by_role("link", name="Profile").click()
    page.get_by_label("Timezone").select_option("Asia/Kolkata")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    assert User.objects.get(email="grace@example.com").timezone == "Asia/Kolkata"

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_have_text("You are logged out.")
    expect(page.get_by_role("navigation").get_by_role("link", name="Log in")).to_be_visible()


def test_wrong_password_is_explained_and_the_sixth_try_is_refused(page, user, password):
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password:").fill("not-my-password")
        page.get_by_role("button", name="Log in").click()
        expect(
            page.get_by_text("email address and/or password you specified are not correct")
        ).to_be_visible()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Too many failed login attempts")).to_be_visible()
    expect(page.locator(".who")).to_have_count(0)


def test_sign_up_from_the_fit_check_ends_logged_in_on_starting_that_routes_plan(
    page, password, transactional_db, smtp_server
):
    """Fit check, "Start a plan from this route", sign up, confirm the email: the person is
    logged in on the start page with the route they chose, and the email speaks for us."""
    call_command("loadguide", stdout=io.StringIO())
    page.goto("/guide/fit-check/")
    for question in page.locator("fieldset.question").all():
        question.get_by_role("radio").last.check()
    page.get_by_role("button", name="Suggest a route").click()
    suggestion = page.get_by_role("heading", name=re.compile("^Our suggestion: "))
    route_title = suggestion.inner_text().removeprefix("Our suggestion: ")
    page.get_by_role("link", name="Start a plan from this route").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")
    page.get_by_label("Email").fill("lin@example.com")
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    (message,) = smtp_server.messages
    assert message["Subject"] == "Confirm your email for careerplanner"
    body = message.get_payload(decode=True).decode()
    # The product's name, not the host the request came in on ("Hello from 127.0.0.1:8101!").
    assert "careerplanner" in body and "Hello from" not in body
    link = re.search(r"https?://\S+", body).group(0)
    assert body.count(urlsplit(link).netloc) == 1
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Start a plan")
    expect(page.locator(".who")).to_contain_text("lin@example.com")
    expect(page.get_by_role("radio", name=re.compile(re.escape(route_title)))).to_be_checked()
    expect(page.get_by_text("Recommended for you")).to_be_visible()


def test_a_browser_that_says_asia_calcutta_signs_up_in_asia_kolkata(browser, live_server, db):
    """Chromium reports India by the zone's old name; the list and the account use the
    current one."""
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Calcutta")
    page = context.new_page()
    try:
        page.goto("/accounts/signup/")
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Calcutta"
        zone = page.get_by_label("Your timezone")
        expect(zone).to_have_value("Asia/Kolkata")
        expect(zone.locator("option:checked")).to_have_text("Kolkata (India)")
        assert zone.locator("option[value='Asia/Calcutta']").count() == 0
    finally:
        context.close()
