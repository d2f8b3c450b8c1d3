"""A planner asks for a review; an advisor works it in the admin; the planner reads it."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans.scheduling import start_plan
from careerplanner.reviews.advisors import make_advisor


@pytest.fixture
def planned(transactional_db, make_user):
    call_command("loadguide", stdout=io.StringIO())
    planner = make_user("ada@example.com", name="Ada")
    route = RouteTemplate.objects.get(slug="research-engineer-via-software-job")
    plan = start_plan(
        planner,
        title="Research engineer",
        start_date=date(2026, 9, 1),
        hours_per_week=10,
        route=route,
    )
    return plan


def log_in(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_ask_take_comment_finish_and_read(page, planned, password, browser, live_server):
    step = planned.steps.order_by("position")[2]

    # The planner asks, from the plan page.
    page.goto("/accounts/login/")
    log_in(page, "ada@example.com", password)
    page.goto(planned.get_absolute_url())
    page.get_by_label("Anything the advisor should know? (optional)").fill("Is 10 h a week enough?")
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.locator("#review-panel")).to_contain_text("It is waiting for an advisor.")

    # The advisor, in a browser of their own, works the queue in the admin.
    advisor, _ = make_advisor("advisor@example.com")
    advisor.set_password(password)
    advisor.save()
    context = browser.new_context(base_url=live_server.url)
    admin = context.new_page()
    admin.goto("/admin/")
    log_in(admin, "advisor@example.com", password)  # the admin login is allauth's
    admin.goto("/admin/reviews/reviewrequest/")
    row = admin.get_by_role("row", name="ada@example.com")
    expect(row).to_contain_text("Research engineer")
    row.get_by_role("link").first.click()
    expect(admin.get_by_text("Is 10 h a week enough?")).to_be_visible()
    admin.get_by_role("button", name="Take this request").click()
    expect(admin.get_by_text("The review is yours.")).to_be_visible()

    admin.locator("#id_comments-0-step").select_option(label=step.title)
    admin.locator("#id_comments-0-text").fill("Ten hours is fine; start this one sooner.")
    admin.get_by_label("Verdict").select_option(label="Changes suggested")
    admin.get_by_label("Summary for the planner").fill("A sound plan. Pull the maths forward.")
    admin.get_by_role("button", name="Mark done and email the planner").click()
    expect(admin.get_by_text("The review is done; the planner has been emailed.")).to_be_visible()
    context.close()

    # The planner sees the verdict, the summary and the comment next to its step.
    page.reload()
    panel = page.locator("#review-panel")
    expect(panel).to_contain_text("Verdict: Changes suggested")
    expect(panel).to_contain_text("A sound plan. Pull the maths forward.")
    expect(page.locator(f"#step-{step.id}")).to_contain_text(
        "Ten hours is fine; start this one sooner."
    )
    expect(panel.get_by_role("button", name="Ask again")).to_be_visible()
