"""The plan page's step rows come from a cache keyed by what each row shows (plans/rows.py).
After every change a person, an advisor or the calendar can make, the rows served must be
the rows a fresh render gives: a value the row shows but its key leaves out would fail here."""

import re
from datetime import date

import time_machine
from django.core.cache import caches
from django.urls import reverse

from careerplanner.plans.models import Evidence
from careerplanner.reviews.models import ReviewComment, ReviewRequest


def _url(name, obj):
    return reverse(f"plans:{name}", args=[obj.pk])


def _rows(html: str) -> list[str]:
    return re.findall(r'<li id="step-.*?</li>', html, flags=re.S)


def _own(step) -> dict:
    """What the edit form needs of a step the person added: its title and size, unchanged."""
    return {"title": step.title, "estimated_hours": str(step.estimated_hours)}


def _served_and_fresh(planner, plan) -> tuple[list[str], list[str]]:
    served = _rows(planner.get(plan.get_absolute_url()).content.decode())
    caches["rows"].clear()
    caches["pages"].clear()
    fresh = _rows(planner.get(plan.get_absolute_url()).content.decode())
    return served, fresh


def test_every_change_shows_in_the_rows_served(planner, make_plan, user):
    plan = make_plan(user, steps=5)
    first, second, third, fourth, fifth = plan.steps.order_by("position")
    planner.get(plan.get_absolute_url())  # every row cached as it starts

    changes = {
        "marked done": lambda: planner.post(_url("steps_quick", plan), {"done": str(first.pk)}),
        "started": lambda: planner.post(_url("step_status", second), {"status": "doing"}),
        "already had": lambda: planner.post(_url("step_status", third), {"status": "had"}),
        "reopened": lambda: planner.post(_url("step_status", third), {"status": "todo"}),
        "skipped": lambda: planner.post(_url("step_status", fifth), {"status": "skipped"}),
        "notes and a date of my own": lambda: planner.post(
            _url("step_edit", fourth),
            {**_own(fourth), "notes": "Ask Sam", "target_date": "2027-05-01"},
        ),
        "hours logged": lambda: planner.post(
            _url("step_hours", second), {"date": "2026-01-10", "hours": "2.5", "note": ""}
        ),
        "moved later": lambda: planner.post(_url("step_move", second), {"direction": "down"}),
        "evidence added": lambda: planner.post(
            _url("step_evidence", fourth),
            {
                "kind": "repository",
                "title": "My code",
                "url": "https://example.org/code",
                "date": "2026-01-10",
            },
        ),
        "evidence confirmed": lambda: Evidence.objects.get(title="My code").confirm(None),
        "a step added": lambda: planner.post(
            _url("step_add", plan),
            {"add-stage": "skills", "add-title": "Mine", "add-estimated_hours": "4"},
        ),
        "rescheduled": lambda: planner.post(_url("plan_reschedule", plan)),
        "an advisor's comment": lambda: ReviewComment.objects.create(
            request=ReviewRequest.objects.create(plan=plan, status="done", summary="Good."),
            step=fourth,
            text="Start with the tests.",
        ),
    }
    for change, make in changes.items():
        response = make()
        assert getattr(response, "status_code", 302) in (200, 302), change
        served, fresh = _served_and_fresh(planner, plan)
        assert served == fresh, f"after {change}, a row served from the cache is stale"

    # The rows did change along the way: the comparison above compared something.
    page = planner.get(plan.get_absolute_url()).content.decode()
    assert "Ask Sam" in page and "Start with the tests." in page and "2.5 h logged" in page


def test_a_new_day_makes_a_step_overdue_in_the_rows_served(planner, make_plan, user):
    plan = make_plan(user, steps=2)
    first = plan.steps.order_by("target_date").first()
    with time_machine.travel(first.target_date, tick=False):
        assert "badge-overdue" not in "".join(_served_and_fresh(planner, plan)[0])
    later = date.fromordinal(first.target_date.toordinal() + 1)
    with time_machine.travel(later, tick=False):
        served, fresh = _served_and_fresh(planner, plan)
    assert served == fresh
    assert "badge-overdue" in "".join(served)


def test_an_unchanged_row_is_not_rendered_again(planner, plan, monkeypatch):
    from careerplanner.plans import rows

    planner.get(plan.get_absolute_url())
    rendered = []
    original = rows.render_to_string
    monkeypatch.setattr(
        rows, "render_to_string", lambda *a, **k: rendered.append(a) or original(*a, **k)
    )

    planner.get(plan.get_absolute_url())
    assert rendered == []
    step = plan.steps.order_by("position").first()
    planner.post(_url("step_edit", step), {**_own(step), "notes": "New"})
    planner.get(plan.get_absolute_url())
    assert len(rendered) == 1  # only the row that changed
