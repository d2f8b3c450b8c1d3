"""Far-future dates, huge estimates, line breaks, NUL bytes and the smallest amounts: each
answers a clear 4xx or works, and nothing answers 500 or half-writes (issue 12, finding 6)."""

from datetime import date
from decimal import Decimal

import icalendar
import pytest
from django.db.models import QuerySet
from django.urls import reverse

from careerplanner.plans.dates import LATEST, RANGE_MESSAGE, add_days_saturating, clamp_date
from careerplanner.plans.models import CheckIn, Plan, PlanStep

HTMX = {"HTTP_HX_REQUEST": "true"}


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(name, obj):
    return reverse(f"plans:{name}", args=[obj.pk])


def _snapshot():
    return (
        list(Plan.objects.order_by("pk").values()),
        list(PlanStep.objects.order_by("pk").values()),
        list(CheckIn.objects.order_by("pk").values()),
    )


def test_saturating_arithmetic_stops_at_the_ends_of_the_range():
    assert add_days_saturating(date(2026, 1, 1), 10) == date(2026, 1, 11)
    assert add_days_saturating(date(2026, 1, 1), 10**12) == LATEST
    assert add_days_saturating(date(2026, 1, 1), float("inf")) == LATEST
    assert add_days_saturating(date(2026, 1, 1), -(10**12)) == date(1970, 1, 1)
    assert clamp_date(date(9999, 12, 31)) == LATEST


# ----- dates outside 1970-2100 are refused with the range in the message -----------------


@pytest.mark.parametrize("typed", ["9999-12-31", "2101-01-01", "1969-12-31", "0001-01-01"])
def test_a_target_date_outside_the_range_is_refused(planner, plan, typed):
    step = plan.steps.first()
    before = _snapshot()
    response = planner.post(_url("step_edit", step), {"notes": "", "target_date": typed}, **HTMX)
    assert response.status_code == 422
    assert RANGE_MESSAGE in response.content.decode()
    assert f'value="{typed}"' in response.content.decode()
    assert _snapshot() == before


def test_a_plan_starting_in_9999_is_refused_when_starting(planner, catalog):
    data = {"route": "blank", "title": "T", "start_date": "9999-12-31", "hours_per_week": "10"}
    response = planner.post(reverse("plans:start"), data)
    assert response.status_code == 422
    assert RANGE_MESSAGE in response.content.decode()
    assert not Plan.objects.exists()


def test_a_route_plan_starting_in_9999_is_refused_too(planner, catalog):
    from careerplanner.guide.models import RouteTemplate

    route = RouteTemplate.objects.current().first()
    data = {"route": route.slug, "title": "T", "start_date": "9999-12-31", "hours_per_week": "1"}
    response = planner.post(reverse("plans:start"), data)
    assert response.status_code == 422
    assert not Plan.objects.exists()


def test_settings_with_a_start_in_9999_and_replan_change_nothing(planner, plan):
    before = _snapshot()
    response = planner.post(
        _url("plan_edit", plan),
        {"title": "T", "start_date": "9999-12-31", "hours_per_week": "10", "replan": "on"},
    )
    assert response.status_code == 422
    assert RANGE_MESSAGE in response.content.decode()
    assert _snapshot() == before


def test_a_check_in_before_1970_is_refused(planner, step):
    response = planner.post(_url("step_hours", step), {"date": "1969-12-31", "hours": "1"})
    assert response.status_code == 422
    assert RANGE_MESSAGE in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_date_inputs_tell_the_browser_the_range(planner, step):
    page = planner.get(_url("step_edit", step)).content.decode()
    assert 'min="1970-01-01"' in page and 'max="2100-12-31"' in page


def test_settings_and_replan_are_one_change(planner, plan, monkeypatch):
    """If re-dating the steps fails, the new start date is not kept either."""
    before = _snapshot()

    def database_gone(*args, **kwargs):
        raise RuntimeError("the database went away mid-change")

    monkeypatch.setattr(QuerySet, "bulk_update", database_gone)
    planner.raise_request_exception = False
    response = planner.post(
        _url("plan_edit", plan),
        {"title": "Renamed", "start_date": "2026-06-01", "hours_per_week": "5", "replan": "on"},
    )
    assert response.status_code == 500
    assert _snapshot() == before


# ----- dates stored before the range, and computed dates, never overflow -----------------


@pytest.fixture
def far_future_plan(plan):
    """What a plan saved before the range existed can hold."""
    Plan.objects.filter(pk=plan.pk).update(start_date=date(9999, 12, 31))
    step = plan.steps.order_by("position").first()
    PlanStep.objects.filter(pk=step.pk).update(
        planned_start=date(9999, 12, 30), target_date=date(9999, 12, 31)
    )
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize("page", ["plan", "plan_timeline", "plan_export_json"])
def test_pages_of_a_plan_dated_9999_answer(planner, far_future_plan, page):
    assert planner.get(_url(page, far_future_plan)).status_code == 200


def test_the_calendar_of_a_plan_dated_9999_answers(client, far_future_plan):
    response = client.get(reverse("plans:calendar_feed", args=[far_future_plan.calendar_token]))
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert max(event.decoded("dtstart") for event in events) == LATEST


@pytest.fixture
def huge_plan(plan):
    """Huge estimates and almost nothing logged: the projected finish is centuries away."""
    plan.steps.update(estimated_hours=Decimal(10_000))
    Plan.objects.filter(pk=plan.pk).update(start_date=date(2025, 1, 1))
    plan.refresh_from_db()
    plan.steps.first().log_hours(date(2026, 3, 1), Decimal("0.01"))
    return plan


def test_a_projected_finish_past_2100_saturates_on_the_plan_page(planner, huge_plan):
    response = planner.get(_url("plan", huge_plan))
    assert response.status_code == 200
    assert "Dec 2100" in response.content.decode()


def test_reschedule_the_rest_saturates_instead_of_overflowing(planner, huge_plan):
    response = planner.post(_url("plan_reschedule", huge_plan))
    assert response.status_code == 302
    targets = list(huge_plan.steps.values_list("target_date", flat=True))
    assert max(targets) == LATEST
    assert planner.get(_url("plan_timeline", huge_plan)).status_code == 200


# ----- the calendar's text, escaped by the calendar library ------------------------------


def test_a_line_break_in_the_title_is_escaped_in_the_calendar(client, plan):
    plan.title = "Line one\nX-INJECTED:yes;, two"
    plan.save()
    response = client.get(reverse("plans:calendar_feed", args=[plan.calendar_token]))
    assert response.status_code == 200
    assert b"\nX-INJECTED" not in response.content
    parsed = icalendar.Calendar.from_ical(response.content)
    unfolded = response.content.replace(b"\r\n ", b"")
    assert b"X-WR-CALNAME:Line one\\nX-INJECTED:yes\\;\\, two (careerplanner)" in unfolded
    assert "X-INJECTED" not in parsed


# ----- malformed ids and NUL bytes are 404 ------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/plans/calendar/%00.ics",
        "/plans/calendar/abc%00def.ics",
        "/plans/not-a-uuid/",
        "/plans/%00/",
        "/plans/?removed=%00",
        "/guide/organisations/?kind=%00",
        "/admin/reviews/reviewrequest/?q=%00",
        "/nudges/unsubscribe/%00/",
    ],
)
def test_malformed_ids_and_nul_bytes_are_404(planner, plan, path):
    assert planner.get(path).status_code == 404


def test_a_nul_byte_in_the_query_of_a_plan_page_is_404(planner, plan):
    assert planner.get(_url("plan", plan) + "?removed=%00").status_code == 404


# ----- the smallest amounts ----------------------------------------------------------------


def test_a_hundredth_of_an_hour_can_be_logged(planner, step):
    response = planner.post(_url("step_hours", step), {"date": "2026-03-01", "hours": "0.01"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.hours_logged == Decimal("0.01")


def test_an_estimate_of_a_tenth_of_an_hour_is_accepted(planner, plan):
    response = planner.post(
        _url("step_add", plan),
        {
            "add-stage": "skills",
            "add-title": "Tiny",
            "add-estimated_hours": "0.1",
        },
    )
    assert response.status_code == 302
    assert plan.steps.get(title="Tiny").estimated_hours == Decimal("0.1")
