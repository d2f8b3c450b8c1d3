"""A planner in a real browser: fit check, a plan from its recommendation, a few weeks of
work, the timeline, the calendar and the JSON export; then a stranger who cannot see it.
Also an automated accessibility check (axe-core) of the plan pages."""

import io
import json
import re
from pathlib import Path

import icalendar
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from careerplanner.plans.models import Plan, PlanStep

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture
def catalog(transactional_db):
    call_command("loadguide", stdout=io.StringIO())


def log_in(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Log in").click()


def assert_accessible(page, what):
    """No serious or critical violations by axe-core's rules, in light and in dark mode."""
    # Evaluated through the browser's debugging protocol: a <script> added to the page
    # would be refused by the Content-Security-Policy, as it should be.
    page.evaluate(AXE.read_text())
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        assert results["passes"], "axe ran no rules"
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{what} in {scheme} mode: " + "\n".join(bad)
    page.emulate_media(color_scheme="light")


def step_row(page, title):
    return page.locator("li.step", has=page.get_by_role("heading", name=title, exact=True))


def open_step(page, title):
    """A step's title opens its actions: a dialog with JavaScript, its page without."""
    step_row(page, title).get_by_role("link", name=title, exact=True).click()


def test_fit_check_to_a_plan_worked_on_exported_and_kept_private(
    page, catalog, make_user, password, browser, live_server
):
    me = make_user("ada@example.com")
    make_user("eve@example.com")

    # The fit check, taken before logging in.
    page.goto("/guide/fit-check/")
    for question in page.locator("fieldset.question").all():
        question.get_by_role("radio").first.check()
    page.get_by_role("button", name="Suggest a route").click()
    suggestion = page.get_by_role("heading", name=re.compile("^Our suggestion: "))
    expect(suggestion).to_be_visible()
    route_title = suggestion.inner_text().removeprefix("Our suggestion: ")
    page.get_by_role("link", name="Start a plan from this route").click()

    # Sign-up comes first; Ada has an account, so she logs in instead, and lands back on the
    # start page with the recommendation first.
    page.get_by_role("main").get_by_role("link", name="Log in").click()
    log_in(page, me.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a plan")
    expect(page.get_by_text("Recommended for you")).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile(re.escape(route_title)))).to_be_checked()
    page.get_by_role("button", name="Start the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(route_title)
    plan = Plan.objects.get(owner=me)
    assert plan.fit_answers["route"] == plan.route.slug
    steps = list(plan.steps.order_by("position"))
    progress = page.locator(".progress-label").first

    # Three steps done, with htmx: the progress updates without a reload.
    for n, step in enumerate(steps[:3], start=1):
        page.get_by_role("button", name=f"Mark done: {step.title}", exact=True).click()
        expect(progress).to_contain_text(f"{n} of {len(steps)}")

    # A step's title opens its actions in a dialog; Escape closes it, back on the title.
    fourth = steps[3]
    dialog = page.get_by_role("dialog", name=fourth.title)
    open_step(page, fourth.title)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name=f"Mark done: {fourth.title}")).to_be_focused()
    assert_accessible(page, "a step's dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(step_row(page, fourth.title).get_by_role("link")).to_be_focused()

    # Log hours on the fourth step, from its dialog.
    open_step(page, fourth.title)
    dialog.get_by_role("link", name=f"Log hours: {fourth.title}").click()
    expect(page.locator(f"#hours-{fourth.pk}-date")).to_be_focused()  # the form's first field
    hours = page.locator(f"#hours-{fourth.pk}-hours")
    hours.fill("-1")  # a mistake first: the error is swapped in next to the field
    page.get_by_role("button", name=f"Log the hours: {fourth.title}").click()
    expect(dialog).to_contain_text("Enter more than zero hours.")
    expect(hours).to_have_value("-1")
    expect(hours).to_be_focused()
    hours.fill("2.5")
    page.locator(f"#hours-{fourth.pk}-note").fill("First evening")
    page.get_by_role("button", name=f"Log the hours: {fourth.title}").click()
    expect(dialog).to_be_hidden()
    expect(step_row(page, fourth.title)).to_contain_text("2.5 h logged")
    expect(step_row(page, fourth.title).get_by_role("link")).to_be_focused()

    # A note on the fifth, with some HTML in it.
    fifth = steps[4]
    open_step(page, fifth.title)
    page.get_by_role("link", name=f"Notes and date: {fifth.title}").click()
    page.locator(f"#edit-{fifth.pk}-notes").fill("Ask Sam <b>first</b>")
    page.get_by_role("button", name=f"Save: {fifth.title}").click()
    expect(step_row(page, fifth.title).locator(".step-notes")).to_contain_text(
        "Ask Sam <b>first</b>"
    )

    # An own step, from the plan's form under "Add your own step": it goes after the last
    # step and is dated at once.
    page.locator(".add-step summary").click()
    page.get_by_label("Title").fill("Read the Alignment Forum weekly")
    page.get_by_label("Hours of your own work it will take").fill("6")
    page.get_by_role("button", name="Add the step").click()
    titles = page.locator("#steps-quick h3.step-title")  # the open steps
    expect(titles).to_contain_text(["Read the Alignment Forum weekly"])
    own = plan.steps.get(title="Read the Alignment Forum weekly")
    assert own.target_date is not None

    # Do it sooner: it swaps places with the step before it by date, from its dialog.
    before = titles.all_inner_texts()
    open_step(page, own.title)
    page.get_by_role("button", name=f"Do sooner: {own.title}").click()
    expect(page.locator("#plan-announce")).to_contain_text(f"Moved “{own.title}” earlier.")
    # Among the steps of the person's own hours it swaps with the one before it; steps that
    # run alongside (a PhD) keep their dates.
    alongside = {step.title for step in plan.steps.all() if step.runs_alongside}
    studying = [title for title in before if title not in alongside]
    k = studying.index(own.title)
    studying[k - 1], studying[k] = studying[k], studying[k - 1]
    expect(page.locator("#steps-quick li:not(.alongside) h3.step-title")).to_have_text(studying)
    expected = titles.all_inner_texts()

    # Everything is still there after a reload.
    page.reload()
    expect(progress).to_contain_text(f"3 of {len(steps) + 1}")
    expect(step_row(page, fourth.title)).to_contain_text("2.5 h logged")
    expect(step_row(page, fifth.title)).to_contain_text("Ask Sam <b>first</b>")
    expect(titles).to_have_text(expected)
    assert PlanStep.objects.filter(plan=plan, status="done").count() == 3
    assert_accessible(page, "plan page")

    # The timeline.
    page.get_by_role("link", name="Timeline and progress").click()
    expect(page.get_by_role("img", name=re.compile("^The plan in lanes"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Hours logged per week"))).to_be_visible()
    assert_accessible(page, "timeline")
    page.go_back()

    # The calendar, on a page of its own: every open step's target date is an event on it.
    page.get_by_role("link", name="Add to your calendar").click()
    assert_accessible(page, "calendar")
    feed = page.get_by_role("link", name="Download the calendar (.ics)").get_attribute("href")
    calendar = icalendar.Calendar.from_ical(page.request.get(feed).body())
    dates = {
        str(event["SUMMARY"]).split(": ", 1)[1]: event.decoded("DTSTART")
        for event in calendar.walk("VEVENT")
    }
    for step in plan.steps.filter(status="todo", target_date__isnull=False):
        assert dates[step.title] == step.target_date
    page.go_back()

    # The JSON export.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as JSON").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["title"] == route_title
    assert [s["status"] for s in data["steps"]].count("done") == 3
    assert any(s["notes"] == "Ask Sam <b>first</b>" for s in data["steps"])

    # My plans.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My plans").click()
    expect(page.locator(".plan-card")).to_contain_text(f"3 of {len(steps) + 1} steps done")
    assert_accessible(page, "dashboard")
    plan_url = f"{live_server.url}{plan.get_absolute_url()}"

    # Someone else cannot open it.
    other = browser.new_context(base_url=live_server.url)
    stranger = other.new_page()
    stranger.goto("/accounts/login/")
    log_in(stranger, "eve@example.com", password)
    expect(stranger.locator(".who")).to_contain_text("eve@example.com")
    response = stranger.goto(plan_url)
    assert response.status == 404
    expect(stranger.get_by_text(route_title)).to_have_count(0)
    other.close()


def test_every_action_works_without_javascript(browser, live_server, catalog, make_user, password):
    """The same plan page with JavaScript off: plain forms and links, full page loads."""
    me = make_user("nojs@example.com")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    log_in(page, me.email, password)
    page.goto("/plans/new/?route=empirical-contributor-via-replications")
    page.get_by_role("button", name="Start the plan").click()
    plan = Plan.objects.get(owner=me)
    first, second = plan.steps.order_by("position")[:2]

    page.get_by_role("button", name=f"Mark done: {first.title}", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(f"Marked “{first.title}” done.")

    open_step(page, second.title)  # its own page: the same actions and both forms
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    page.get_by_role("spinbutton", name="Hours").fill("-3")
    page.get_by_role("button", name=re.compile("^Log the hours")).click()
    expect(page.get_by_text("Enter more than zero hours.")).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Hours")).to_have_value("-3")
    page.get_by_role("spinbutton", name="Hours").fill("1.25")
    page.get_by_role("button", name=re.compile("^Log the hours")).click()
    expect(step_row(page, second.title)).to_contain_text("1.25 h logged")

    open_step(page, second.title)
    page.get_by_role("button", name=f"Start: {second.title}").click()
    expect(step_row(page, second.title)).to_contain_text("Under way")
    open_step(page, second.title)
    page.get_by_role("button", name=f"Remove: {second.title}").click()
    expect(page.get_by_text(f"Removed “{second.title}”.").first).to_be_visible()
    page.get_by_role("button", name=re.compile("^Undo")).click()
    expect(step_row(page, second.title)).to_be_visible()
    context.close()


SMALLEST_TEXT = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(
        text => parseFloat(getComputedStyle(text).fontSize) * scale);
})"""


def test_a_phd_plan_reads_on_a_phone_in_lanes(browser, live_server, catalog, make_user, password):
    """At 375 px the timeline of a route with a five-year PhD stays on the page and its
    words stay readable: no sideways scrolling, no SVG text under 10 CSS pixels."""
    me = make_user("phone@example.com")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 800}, is_mobile=True
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    log_in(page, me.email, password)
    page.goto("/plans/new/?route=empirical-lead-via-ml-phd")
    page.get_by_role("button", name="Start the plan").click()
    plan = Plan.objects.get(owner=me)

    for path in (plan.get_absolute_url(), f"/plans/{plan.pk}/timeline/"):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways: {width} px wide"

    sizes = page.evaluate(SMALLEST_TEXT)
    assert sizes and min(sizes) >= 10, f"the smallest chart text is {min(sizes):.1f} px"
    # The PhD has a lane of its own beside the rows of study.
    lanes = page.locator("svg.timeline").first.locator(".row-label").all_text_contents()
    assert "Complete an ML PhD" in lanes
    assert any(label.startswith("Foundations:") for label in lanes)
    context.close()


def test_the_plan_title_follows_the_route_picked(page, catalog, make_user, password):
    """Opened for one route, started from another: the plan carries the other's name."""
    from careerplanner.guide.models import RouteTemplate

    me = make_user("tom@example.com")
    opened, picked = RouteTemplate.objects.current().order_by("position", "slug")[:2]
    page.goto("/accounts/login/")
    log_in(page, me.email, password)
    page.goto(f"/plans/new/?route={opened.slug}")
    title = page.get_by_label("Title (optional)")
    expect(title).to_have_value("")
    expect(title).to_have_attribute("placeholder", opened.title)
    page.locator(f"#route-{picked.slug}").check()
    expect(title).to_have_attribute("placeholder", picked.title)  # a hint that follows
    page.get_by_role("button", name="Start the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(picked.title)
    assert Plan.objects.get(owner=me).title == picked.title
