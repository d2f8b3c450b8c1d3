"""A visitor reads the guide in a real browser: roles, a role, a milestone, the organisations
filter and the fit check; then the same filter and fit check with JavaScript turned off.

On the small catalog of tests/view_catalog.py, so that these tests say what the pages do
whatever seeds/ holds; every name and count is the catalog's."""

import re

import pytest
from playwright.sync_api import expect

from careerplanner.guide.models import Organisation


@pytest.fixture
def live_catalog(transactional_db, view_catalog):
    # The live server reads the database from its own thread, so the catalog must be committed.
    return view_catalog


def option(label: str) -> re.Pattern:
    """A filter's radio, whose label is the option and its count: "Academia (2)"."""
    return re.compile(rf"^{re.escape(label)} \(\d+\)$")


def question_group(page, question):
    return page.get_by_role("group", name=question.text, exact=True)


def answer(page, question, value: str):
    """Picks one answer by its label, within its question; returns the FitChoice."""
    choice = question.choices.get(value=value)
    question_group(page, question).get_by_label(choice.label, exact=True).check()
    return choice


def test_visitor_reads_the_guide_filters_organisations_and_takes_the_fit_check(page, live_catalog):
    catalog = live_catalog
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The kinds of AI safety research role"
    )
    cards = page.locator(".role-cards > li")
    expect(cards).to_have_count(len(catalog.roles))
    first = catalog.roles[0]
    expect(cards.first).to_contain_text(first.name)
    expect(cards.first).to_contain_text(f"{first.get_phd_display()}. {first.phd_note}")

    # A role, one of its routes, then a milestone on that route whose size the guide gives.
    role, route, milestone = catalog.empirical_lead, catalog.phd_route, catalog.do_phd
    assert route.role == role and route.steps.filter(milestone=milestone).exists()
    # Not the section the page credits anyway, so finding it shows the size names its basis.
    assert milestone.size_section != milestone.source
    cards.get_by_role("link", name=role.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(role.name)
    expect(page.get_by_role("heading", name="Tests of fit")).to_be_visible()
    page.get_by_role("link", name=route.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(route.title)
    page.get_by_role("link", name=milestone.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(milestone.title)
    expect(page.get_by_role("heading", name="How to show it is done")).to_be_visible()
    size = page.locator("#size")
    expect(size).to_contain_text("From the guide")
    expect(size).to_contain_text(milestone.size_section.title)
    expect(page.get_by_text("From the guide:").first).to_be_visible()

    # Organisations: picking a kind narrows the list in place, and the address follows.
    everyone = catalog.organisations
    kind = catalog.theory_group.kind
    of_kind = [o for o in everyone if o.kind == kind]
    assert 0 < len(of_kind) < len(everyone)  # so picking the kind really narrows the list
    page.goto("/guide/organisations/")
    organisations = page.locator("#organisation-list > li")
    expect(organisations).to_have_count(len(everyone))
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("radio", name=option(Organisation.Kind(kind).label)).check()
    expect(organisations.locator("h3")).to_have_text([o.name for o in of_kind])
    expect(page.get_by_text(f"Showing {len(of_kind)} of {len(everyone)}.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"kind={kind}"))
    assert page.evaluate("window.stillTheSamePage") is True
    # No organisation of this kind has an empirical focus.
    empirical = Organisation.Focus.EMPIRICAL
    assert not [o for o in of_kind if o.focus == empirical]
    page.get_by_role("radio", name=option(empirical.label)).check()
    expect(page.locator("#organisation-list")).to_contain_text("No organisation matches")
    expect(page).to_have_url(re.compile(rf"focus={empirical.value}"))

    # The fit check: three answers of four, a suggestion with its reasons, on the same page.
    page.get_by_role("navigation").get_by_role("link", name="Fit check").click()
    chosen = [
        answer(page, catalog.ambition, "teach"),
        answer(page, catalog.phd_wish, "keen"),
        answer(page, catalog.proofs, "solid"),
    ]
    page.get_by_role("button", name="Suggest a route").click()
    result = page.locator("#result")
    expect(result.locator("#suggestion")).to_have_text(
        f"Our suggestion: {catalog.professor_route.title}"
    )
    # Every answer given favours the suggestion, so each is a reason for it.
    expect(result.locator(".reasons li")).to_have_text([choice.reason for choice in chosen])
    expect(result).to_contain_text(f"You left 1 of {len(catalog.questions)} questions unanswered")
    expect(result.get_by_role("heading", name="Runner-up")).to_be_visible()
    expect(result.locator(".runner-up")).to_contain_text(catalog.phd_route.title)

    # A stale or tampered answer comes back as a 422 that htmx still shows by its question.
    programming = question_group(page, catalog.programming)
    fine = catalog.programming.choices.get(value="fine")
    programming.locator(f'input[value="{fine.value}"]').evaluate(
        "radio => radio.value = 'juggling'"
    )
    programming.get_by_label(fine.label, exact=True).check()
    with page.expect_response(re.compile(r"/guide/fit-check/$")) as response:
        page.get_by_role("button", name="Suggest a route").click()
    assert response.value.status == 422
    programming = question_group(page, catalog.programming)
    expect(programming).to_contain_text("“juggling” is not one of the answers")
    # The other answers are kept.
    for choice in chosen:
        group = question_group(page, choice.question)
        expect(group.get_by_label(choice.label, exact=True)).to_be_checked()


def test_filters_and_fit_check_work_without_javascript(browser, live_server, live_catalog):
    catalog = live_catalog
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        academia = Organisation.Kind.ACADEMIA
        in_academia = [o for o in catalog.organisations if o.kind == academia]
        assert 0 < len(in_academia) < len(catalog.organisations)
        page.goto("/guide/organisations/")
        page.get_by_role("radio", name=option(academia.label)).check()
        page.get_by_role("button", name="Show results").click()
        expect(page).to_have_url(re.compile(rf"kind={academia.value}"))
        expect(page.locator("#organisation-list > li h3")).to_have_text(
            [o.name for o in in_academia]
        )

        # Only the engineer route gains from this answer.
        page.goto("/guide/fit-check/")
        rather_not = answer(page, catalog.phd_wish, "rather-not")
        page.get_by_role("button", name="Suggest a route").click()
        expect(page.locator("#suggestion")).to_have_text(
            f"Our suggestion: {catalog.engineer_route.title}"
        )
        # The page came back whole, with the answer still chosen.
        expect(
            question_group(page, catalog.phd_wish).get_by_label(rather_not.label, exact=True)
        ).to_be_checked()
    finally:
        context.close()
