"""Where things sit on a phone (375 px): labels next to their fields, tables that scroll
inside their own box and can be reached by keyboard, landmarks with names of their own, the
admin's steps table; and the site's icon."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests import site_tour
from tests.e2e.conftest import session_cookie

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def phone(browser, live_server, tour):
    """A phone-sized browser for each of the tour's people."""
    contexts = []

    def open_as(who):
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        context.add_cookies([session_cookie(tour.people[who], live_server.url)])
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def _box(locator):
    box = locator.bounding_box()
    return {**box, "bottom": box["y"] + box["height"], "right": box["x"] + box["width"]}


def _page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def _scrolls_by_keyboard(page, region) -> bool:
    """The region is wider than its box, takes focus, and the arrow keys scroll it."""
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "nothing to scroll"
    region.focus()
    if not region.evaluate("e => e === document.activeElement"):
        return False
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    try:  # the scroll may be animated
        page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=3000)
    except PlaywrightTimeout:
        return False
    return True


def test_profile_fields_sit_where_they_belong_on_a_phone(phone, tour):
    page = phone(site_tour.PLANNER)
    page.goto("/account/profile/")
    assert not _page_scrolls_sideways(page)

    # A checkbox stands before its label, on the same line.
    checkbox = _box(page.get_by_role("checkbox", name="A step is overdue"))
    label = _box(page.locator("label[for=id_wants_overdue]"))
    assert checkbox["right"] <= label["x"]
    assert abs((checkbox["y"] + checkbox["bottom"]) - (label["y"] + label["bottom"])) / 2 < 6

    # The hour select ends before the next field's label starts.
    hour = _box(page.get_by_label("Send reminders at"))
    next_label = _box(page.locator("label[for=id_digest_weekday]"))
    assert hour["bottom"] <= next_label["y"]
    # And it says what time it is where the person is.
    expect(
        page.get_by_text("In your own timezone (Europe/London), where it is now")
    ).to_be_visible()


def test_plan_page_labels_above_fields_and_named_asides(phone, tour):
    page = phone(site_tour.PLANNER)
    plan = tour.people[site_tour.PLANNER].plans.get(archived_at__isnull=True)
    page.goto(plan.get_absolute_url())
    assert not _page_scrolls_sideways(page)

    label = _box(page.locator("label[for=id_message]"))
    textarea = _box(page.get_by_label("Anything the advisor should know? (optional)"))
    assert label["bottom"] <= textarea["y"]

    names = [aside.get_attribute("aria-label") for aside in page.locator("aside").all()]
    assert len(names) >= 2 and len(set(names)) == len(names), names


def test_the_timeline_table_scrolls_by_keyboard_on_a_phone(phone, tour):
    page = phone(site_tour.PLANNER)
    plan = tour.people[site_tour.PLANNER].plans.get(archived_at__isnull=True)
    page.goto(plan.get_absolute_url() + "timeline/")
    assert not _page_scrolls_sideways(page)
    region = page.get_by_role("region", name="Every step as a table")
    assert _scrolls_by_keyboard(page, region)


def test_the_advisor_can_read_and_search_the_queue_on_a_phone(phone, tour):
    page = phone(site_tour.ADVISOR)
    page.goto("/admin/reviews/reviewrequest/")
    assert not _page_scrolls_sideways(page)
    expect(page.get_by_label("Search review requests")).to_be_visible()

    page.get_by_role("link", name=tour.people[site_tour.PLANNER].email).first.click()
    assert not _page_scrolls_sideways(page)
    steps = page.get_by_role("region", name="Steps of")
    assert _scrolls_by_keyboard(page, steps)


def test_the_site_icon_answers_and_is_linked(page, live_server, db):
    response = page.request.get("/favicon.ico")
    assert response.status == 200
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page.goto("/")
    assert page.locator('link[rel=icon][href="/favicon.ico"]').count() == 1
