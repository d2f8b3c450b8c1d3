"""Bad input: the error shows by its field with what was typed kept, and nothing is saved;
and what a person types is shown as text everywhere, never run as HTML."""

import json
import re
from datetime import date
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans.models import CheckIn, Plan, PlanStep

HTMX = {"HTTP_HX_REQUEST": "true"}
SCRIPT = '<script>alert("x")</script><b onclick="steal()">bold</b> & more'


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(name, obj):
    return reverse(f"plans:{name}", args=[obj.pk])


def _snapshot():
    """Everything the plans app holds, to show that a bad submission changed nothing."""
    return (
        list(Plan.objects.values()),
        list(PlanStep.objects.order_by("pk").values()),
        list(CheckIn.objects.values()),
    )


def _start(planner, **fields):
    data = {"route": "blank", "title": "T", "start_date": "2026-03-02", "hours_per_week": "10"}
    return planner.post(reverse("plans:start"), {**data, **fields})


def test_a_too_long_title_is_refused_when_starting(planner, catalog):
    response = _start(planner, title="x" * 201, hours_per_week="12")

    assert response.status_code == 422
    page = response.content.decode()
    assert "Keep the title to 200 characters or fewer (this has 201)." in page
    assert 'value="12"' in page  # the rest of what was typed is kept
    assert not Plan.objects.exists()


def test_an_empty_title_names_the_plan_after_the_route_picked(planner, catalog):
    # Whatever route the page was opened for, the plan is named after the one picked.
    opened, picked = RouteTemplate.objects.current().order_by("position", "slug")[:2]
    data = {"route": picked.slug, "title": "  ", "start_date": "2026-03-02", "hours_per_week": "10"}
    planner.post(reverse("plans:start") + f"?route={opened.slug}", data)
    assert Plan.objects.get().title == picked.title


def test_an_empty_title_names_a_blank_plan_too(planner, catalog):
    _start(planner, title="")
    assert Plan.objects.get().title == "My own plan"


def test_an_empty_title_is_refused_in_the_settings(planner, plan):
    before = _snapshot()
    response = planner.post(
        _url("plan_edit", plan), {"title": "", "start_date": "2026-01-05", "hours_per_week": "10"}
    )
    assert response.status_code == 422
    assert "Give your plan a title." in response.content.decode()
    assert _snapshot() == before


def test_an_empty_own_step_title_comes_back_in_the_swapped_form(planner, plan):
    before = _snapshot()
    response = planner.post(
        _url("step_add", plan),
        {"add-stage": "skills", "add-title": "", "add-description": "Typed this"},
        **HTMX,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert page.lstrip().startswith("<form")  # only the form, swapped in place of itself
    assert "Give the step a title." in page
    assert "Typed this" in page
    assert 'aria-invalid="true"' in page
    assert _snapshot() == before


def test_without_javascript_a_bad_own_step_re_renders_the_whole_page(planner, plan):
    response = planner.post(
        _url("step_add", plan), {"add-stage": "career-capital", "add-title": ""}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "<html" in page and "Give the step a title." in page
    assert '<details class="add-step no-print" id="add-step" open>' in page  # the form, opened


def test_a_100000_character_note_is_refused_with_the_limit(planner, step):
    before = _snapshot()
    note = "n" * 100_000

    response = planner.post(
        _url("step_edit", step), {"title": step.title, "notes": note, "target_date": ""}, **HTMX
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Keep notes to 5,000 characters or fewer (this has 100000)." in page
    assert note in page  # kept, to shorten rather than retype
    assert 'maxlength="5000"' in page
    assert _snapshot() == before


@pytest.mark.parametrize("field", ["target_date"])
def test_30_february_is_not_a_date(planner, step, field):
    before = _snapshot()
    response = planner.post(
        _url("step_edit", step), {"title": step.title, "notes": "kept", field: "2025-02-30"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Enter a real date as year-month-day, such as 2026-03-14." in page
    assert 'value="2025-02-30"' in page
    assert _snapshot() == before


def test_30_february_is_not_a_start_date_or_a_check_in_date(planner, plan, step, catalog):
    assert _start(planner, start_date="2025-02-30").status_code == 422
    response = planner.post(_url("step_hours", step), {"date": "2025-02-30", "hours": "1"})
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "Enter more than zero hours."),
        ("0", "Enter more than zero hours."),
        ("1000", "Log at most 100 hours at a time."),
        ("99999999999", "Log at most 100 hours at a time."),
        ("1e400", "Log at most 100 hours at a time."),
        ("NaN", "Enter a number of hours, such as 1.5."),
        ("lots", "Enter a number of hours, such as 1.5."),
        ("1.123", "Use at most two decimal places, such as 1.25."),
    ],
)
def test_negative_or_absurd_hours_are_refused(planner, step, hours, message):
    before = _snapshot()
    data = {"date": "2026-03-01", "hours": hours}
    response = planner.post(_url("step_hours", step), data, **HTMX)

    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert f'value="{hours}"' in page
    assert _snapshot() == before


def test_hours_cannot_be_logged_for_a_day_still_to_come(planner, step):
    response = planner.post(_url("step_hours", step), {"date": "2026-03-03", "hours": "1"})
    assert response.status_code == 422
    assert "That date is still to come" in response.content.decode()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "Enter at least 1 hour a week."),
        ("-5", "Enter at least 1 hour a week."),
        ("169", "Enter at most 80 hours a week."),
        ("2.5", "Enter a whole number of hours, from 1 to 80."),
    ],
)
def test_hours_a_week_must_be_possible(planner, plan, hours, message):
    before = _snapshot()
    response = planner.post(
        _url("plan_edit", plan),
        {"title": "T", "start_date": "2026-01-05", "hours_per_week": hours},
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _snapshot() == before


def test_an_absurd_estimate_for_an_own_step_is_refused(planner, plan):
    response = planner.post(
        _url("step_add", plan),
        {"add-stage": "skills", "add-title": "Big", "add-estimated_hours": "-3"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Enter more than zero hours." in response.content.decode()


# ----- HTML typed in is text everywhere --------------------------------------------------


@pytest.fixture
def scripted(plan, step):
    plan.title = f"Plan {SCRIPT}"
    plan.save()
    step.notes = SCRIPT
    step.save()
    step.log_hours(date(2026, 3, 1), Decimal(1), SCRIPT[:200])
    PlanStep.insert(
        plan, step, title=f"Own {SCRIPT}", stage=step.stage, target_date=date(2026, 4, 1)
    )
    return plan


def test_html_in_notes_and_titles_is_escaped_on_every_page(planner, scripted, step):
    for url in [
        scripted.get_absolute_url(),
        _url("plan_timeline", scripted),
        reverse("plans:dashboard"),
        _url("step_edit", step),
    ]:
        page = planner.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert 'onclick="steal()"' not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url


def test_html_in_notes_is_escaped_in_the_json_export(planner, scripted):
    body = planner.get(_url("plan_export_json", scripted)).content.decode()

    assert "<" not in body and ">" not in body
    assert "\\u003Cscript\\u003E" in body
    data = json.loads(body)
    assert data["steps"][0]["notes"] == SCRIPT  # still exactly what was typed, once parsed


def test_html_in_notes_is_escaped_in_the_markdown_export(planner, scripted):
    body = planner.get(_url("plan_export_markdown", scripted)).content.decode()

    assert not re.search(r"(?<!\\)[<>]", body)  # every angle bracket is escaped
    assert '\\<script\\>alert("x")\\</script\\>' in body
    assert "\\& more" in body


def test_html_in_notes_is_escaped_in_the_calendar(client, scripted):
    body = client.get(reverse("plans:calendar_feed", args=[scripted.calendar_token])).content

    assert b"<script" not in body and b"<b " not in body
    calendar = icalendar.Calendar.from_ical(body)
    descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert any('&lt;script&gt;alert("x")&lt;/script&gt;' in d for d in descriptions)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(s.startswith("Target: Own &lt;script&gt;") for s in summaries)
