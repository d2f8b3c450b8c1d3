"""The Content-Security-Policy in a real browser: the pages and their htmx actions work
under it, and Chromium reports no violation (issue 12, finding 9)."""

from playwright.sync_api import expect

from tests.e2e.test_reviews import log_in, planned  # noqa: F401 - a fixture


def test_the_plan_pages_and_htmx_run_without_a_violation(page, planned, password, live_server):  # noqa: F811
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto("/accounts/login/")
    log_in(page, "ada@example.com", password)
    page.goto(planned.get_absolute_url())
    first, second = planned.steps.order_by("position")[:2]
    page.get_by_role("button", name=f"Mark done: {first.title}", exact=True).click()
    expect(page.get_by_text(f"Marked “{first.title}” done.")).to_be_visible()
    # A step's dialog, loaded by htmx.ajax and opened by our script.
    page.locator(f"#step-{second.pk}").get_by_role("link", name=second.title).click()
    page.get_by_role("button", name=f"Start: {second.title}").click()
    expect(page.get_by_text(f"Marked “{second.title}” started.")).to_be_visible()
    assert page.evaluate("() => window.htmx !== undefined")
    page.locator(".add-step summary").first.click()
    expect(page.get_by_role("button", name="Add the step").first).to_be_visible()
    for url in (f"{planned.get_absolute_url()}timeline/", "/plans/", "/account/profile/", "/"):
        page.goto(url)
    assert violations == []
