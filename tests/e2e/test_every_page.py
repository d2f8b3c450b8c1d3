"""Every page of the tour in a real browser, at a desktop and a phone's width, in light and
dark mode: axe-core finds no serious or critical violation, and no page scrolls sideways."""

import pytest

from tests import site_tour
from tests.e2e.conftest import AXE, session_cookie

WIDTHS = {"desktop": 1280, "phone": 375}

NO_TRANSITIONS = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("*, ::before, ::after { transition: none !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""

# Builds a form from the tour's data, with the page's own CSRF token, and submits it.
SUBMIT = """data => {
  const form = document.createElement("form");
  form.method = "post";
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) data = {...data, csrfmiddlewaretoken: token.value};
  for (const [name, value] of Object.entries(data)) {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


def _open(context, page_spec):
    page = context.new_page()
    response = page.goto(page_spec.path)
    if page_spec.post is not None:
        with page.expect_navigation():
            page.evaluate(SUBMIT, page_spec.post)
    else:
        assert response.status == page_spec.status, f"{page_spec.name}: {response.status}"
    return page


def _problems(page, width):
    """What is wrong with the page as it is shown now, as lines of text."""
    problems = []
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"], "axe ran no rules"
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    description = page.locator("meta[name=description]").get_attribute("content") or ""
    if len(description.split()) < 8:
        problems.append(f"no meaningful meta description: {description!r}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > w + 1)
                 .slice(0, 3).map(e => e.outerHTML.slice(0, 120))""",
            width,
        )
        problems.append(f"scrolls sideways by {overflow}px: {wide}")
    return problems


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_serious_accessibility_violation_and_no_sideways_scroll(
    browser, live_server, tour, width
):
    contexts = {}
    found = []
    try:
        for who in (site_tour.VISITOR, site_tour.PLANNER, site_tour.ADVISOR):
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": width, "height": 900}
            )
            if who != site_tour.VISITOR:
                context.add_cookies([session_cookie(tour.people[who], live_server.url)])
            contexts[who] = context
        for spec in tour.pages:
            page = _open(contexts[spec.who], spec)
            # Through the browser's debugging protocol: the Content-Security-Policy rightly
            # refuses a <script> or <style> added to the page.
            page.evaluate(AXE.read_text())
            # Colours are judged as they end up, not halfway through a transition.
            page.evaluate(NO_TRANSITIONS)
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                found += [f"{spec.name} ({scheme}): {p}" for p in _problems(page, width)]
            page.close()
    finally:
        for context in contexts.values():
            context.close()
    assert not found, f"{len(found)} problems at {width}px:\n" + "\n".join(found)
