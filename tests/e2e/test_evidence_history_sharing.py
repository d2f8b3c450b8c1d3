"""Issue 17 in a real browser: a planner attaches evidence to two steps and asks for a review;
the advisor confirms one in the admin and the planner sees it confirmed; a reschedule shows
in the plan's history with what changed; a mentor link opens the plan in a fresh browser
without logging in, and answers 404 once turned off."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans import history
from careerplanner.plans.models import PlanSnapshot
from careerplanner.plans.scheduling import start_plan, today_for
from careerplanner.reviews.advisors import make_advisor
from tests.e2e.test_plans import assert_accessible


@pytest.fixture
def planned(transactional_db, make_user):
    call_command("loadguide", stdout=io.StringIO())
    planner = make_user("ada@example.com", name="Ada")
    route = RouteTemplate.objects.get(slug="research-engineer-via-software-job")
    started = today_for(planner) - timedelta(weeks=12)  # so that a reschedule moves dates
    plan = start_plan(
        planner, title="Research engineer", start_date=started, hours_per_week=10, route=route
    )
    history.record(
        plan, PlanSnapshot.Reason.STARTED, started, at=timezone.now() - timedelta(weeks=12)
    )
    return plan


def log_in(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Log in").click()


def open_evidence(page, step):
    """From the plan page: the step's title opens its dialog, which links to its evidence."""
    page.locator(f"#step-{step.pk}").get_by_role("link", name=step.title, exact=True).click()
    page.get_by_role("link", name=f"Evidence: {step.title}", exact=True).click()


def add_evidence(page, step, title, url):
    open_evidence(page, step)
    expect(page.get_by_role("heading", name="What good evidence looks like")).to_be_visible()
    page.get_by_label("What it is").fill(title)
    page.get_by_label("Link (optional for a note of your own)").fill(url)
    page.get_by_role("button", name="Add the evidence").click()
    # htmx swaps the list in place; the new piece is a link that names no referrer.
    link = page.locator("#evidence").get_by_role("link", name=title)
    expect(link).to_have_attribute("rel", "noopener nofollow")
    assert_accessible(page, "the evidence page")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="← Back to Research engineer").click()


def test_evidence_confirmed_in_a_review_history_and_a_mentor_link(
    page, planned, password, browser, live_server
):
    first, second = planned.steps.order_by("position")[:2]

    # The planner attaches evidence to two steps and asks for a review.
    page.goto("/accounts/login/")
    log_in(page, "ada@example.com", password)
    page.goto(planned.get_absolute_url())
    add_evidence(page, first, "My first script", "https://github.com/ada/first")
    add_evidence(page, second, "Notes from a call", "https://notes.example.org/call")
    expect(page.locator(f"#step-{first.pk}")).to_contain_text("Evidence: 1 piece")
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.locator("#review-panel")).to_contain_text("It is waiting for an advisor.")

    # The advisor takes the request in the admin and confirms one piece.
    advisor, _ = make_advisor("advisor@example.com")
    advisor.set_password(password)
    advisor.save()
    context = browser.new_context(base_url=live_server.url)
    admin = context.new_page()
    admin.goto("/admin/")
    log_in(admin, "advisor@example.com", password)
    admin.goto("/admin/reviews/reviewrequest/")
    admin.get_by_role("row", name="ada@example.com").get_by_role("link").first.click()
    admin.get_by_role("button", name="Take this request").click()
    expect(admin.get_by_text("The review is yours.")).to_be_visible()
    evidence = admin.locator("#evidence-to-confirm")
    expect(evidence).to_contain_text("Notes from a call")
    evidence.get_by_label("Confirm “My first script”").check()
    admin.get_by_label("Comment for the planner (optional)").first.fill("Runs as described.")
    admin.get_by_role("button", name="Save draft").click()
    expect(admin.get_by_text("Confirmed “My first script”.")).to_be_visible()
    context.close()

    # The planner sees that step's evidence confirmed, and only that one.
    page.reload()
    expect(page.locator(f"#step-{first.pk}")).to_contain_text("confirmed by an advisor")
    expect(page.locator(f"#step-{second.pk}")).not_to_contain_text("confirmed")
    open_evidence(page, first)
    expect(page.locator("#evidence")).to_contain_text("Runs as described.")
    page.go_back()

    # A reschedule is kept in the plan's history, with what changed.
    page.get_by_role("button", name="Reschedule the rest").click()
    expect(page.locator("#plan-announce")).to_contain_text("New target dates")
    page.get_by_role("link", name="History", exact=True).click()
    snapshots = page.locator("ol.snapshots > li")
    expect(snapshots).to_have_count(2)
    expect(snapshots.first).to_contain_text("Rescheduled")
    expect(snapshots.first).to_contain_text("given new dates")
    expect(snapshots.first).to_contain_text("finish moved")
    expect(snapshots.last).to_contain_text("Plan started")
    assert_accessible(page, "the history page")
    snapshots.last.get_by_role("link", name="Plan started").click()
    expect(page.get_by_role("heading", name="What changed since then")).to_be_visible()
    expect(page.locator("main")).to_contain_text("given new dates")

    # A mentor link, opened in a fresh browser without logging in, then turned off.
    page.goto(planned.get_absolute_url())
    page.get_by_role("link", name="Share with a mentor").click()
    page.get_by_role("button", name="Create the link").click()
    address = page.get_by_label("Address to send your mentor").input_value()
    assert_accessible(page, "the sharing page")
    mentor_context = browser.new_context(viewport={"width": 375, "height": 800})  # a phone
    mentor = mentor_context.new_page()
    response = mentor.goto(address)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Research engineer")
    assert_accessible(mentor, "the shared page")
    assert mentor.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    expect(mentor.locator(f"#step-{first.pk}")).to_contain_text("Confirmed by an advisor")
    expect(mentor.get_by_role("link", name="Log in")).to_be_visible()  # nobody is logged in
    expect(mentor.locator("body")).not_to_contain_text("ada@example.com")
    expect(mentor.locator("ol.snapshots > li")).to_have_count(2)

    page.get_by_role("button", name="Turn the link off").click()
    expect(page.get_by_text("The mentor link is off")).to_be_visible()
    assert mentor.goto(address).status == 404
    mentor_context.close()
