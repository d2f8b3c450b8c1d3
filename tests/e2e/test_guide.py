"""A visitor reads the guide in a real browser: roles, a role, a milestone, the organisations
filter and the fit check; then the same filter and fit check with JavaScript turned off."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def live_catalog(transactional_db):
    # The live server reads the same database, so load the catalog for real (committed).
    call_command("loadguide", stdout=io.StringIO())


def test_visitor_reads_the_guide_filters_organisations_and_takes_the_fit_check(page, live_catalog):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The kinds of AI safety research role"
    )
    cards = page.locator(".role-cards > li")
    expect(cards).to_have_count(5)
    expect(cards.first).to_contain_text("PhD")

    # A role, one of its routes, then a milestone on that route.
    cards.get_by_role("link", name="Empirical research contributor", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Empirical research contributor")
    expect(page.get_by_role("heading", name="Tests of fit")).to_be_visible()
    page.get_by_role(
        "link", name="Research engineer through a software engineering job"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Research engineer through a software engineering job"
    )
    page.get_by_role("link", name="Train a small CNN on MNIST in PyTorch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Train a small CNN on MNIST in PyTorch"
    )
    expect(page.get_by_role("heading", name="How to show it is done")).to_be_visible()
    expect(page.get_by_text("From the guide:").first).to_be_visible()

    # Organisations: picking a kind narrows the list in place, and the address follows.
    page.goto("/guide/organisations/")
    organisations = page.locator("#organisation-list > li")
    expect(organisations).to_have_count(25)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("radio", name=re.compile(r"^Theory group")).check()
    expect(organisations).to_have_count(3)
    expect(page.get_by_text("Showing 3 of 25.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"kind=theory-group"))
    assert page.evaluate("window.stillTheSamePage") is True
    page.get_by_role("radio", name=re.compile(r"^Empirical")).check()
    expect(page.locator("#organisation-list")).to_contain_text("No organisation matches")

    # The fit check: three answers, a suggestion with its reasons, on the same page.
    page.get_by_role("navigation").get_by_role("link", name="Fit check").click()
    teach = page.get_by_role("group", name="What do you most want to do in research?")
    teach.get_by_label("Run a university group, teach and supervise students").check()
    phd = page.get_by_role("group", name=re.compile("spending 4–6 years on a PhD"))
    phd.get_by_label("Keen, and I would do well").check()
    page.get_by_label("Solid, I am comfortable with proofs").check()
    page.get_by_role("button", name="Suggest a route").click()
    result = page.locator("#result")
    expect(result.locator("#suggestion")).to_have_text(
        "Our suggestion: Academic (professor) through a research master's and an ML PhD"
    )
    expect(result.locator(".reasons li")).to_have_count(3)
    expect(result).to_contain_text("questions unanswered")
    expect(result.get_by_role("heading", name="Runner-up")).to_be_visible()

    # A stale or tampered answer comes back as a 422 that htmx still shows by its question.
    page.evaluate(
        "document.querySelector('input[name=enjoy-programming][value=fine]').value = 'juggling'"
    )
    page.get_by_label("It is fine, a tool for getting research done").check()
    page.get_by_role("button", name="Suggest a route").click()
    programming = page.get_by_role("group", name="Do you enjoy programming?")
    expect(programming).to_contain_text("“juggling” is not one of the answers")
    expect(
        page.get_by_label("Run a university group, teach and supervise students")
    ).to_be_checked()


def test_filters_and_fit_check_work_without_javascript(browser, live_server, live_catalog):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/guide/organisations/")
        page.get_by_role("radio", name=re.compile(r"^Academia")).check()
        page.get_by_role("button", name="Show results").click()
        expect(page).to_have_url(re.compile(r"kind=academia"))
        expect(page.locator("#organisation-list > li")).to_have_count(10)

        page.goto("/guide/fit-check/")
        page.get_by_label("I would rather work with pen and paper").check()
        page.get_by_role("button", name="Suggest a route").click()
        expect(page.locator("#suggestion")).to_be_visible()
        # The page came back whole, with the answer still chosen.
        expect(page.get_by_label("I would rather work with pen and paper")).to_be_checked()
    finally:
        context.close()
