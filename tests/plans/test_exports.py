"""Taking a plan away: JSON, a Markdown checklist, and the calendar feed."""

import json
from datetime import date
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse

from careerplanner.plans import exports
from careerplanner.plans.models import PlanStep


@pytest.fixture
def worked_plan(plan):
    steps = list(plan.steps.order_by("position"))
    steps[0].set_status(PlanStep.Status.DONE, date(2026, 1, 10))
    steps[1].set_status(PlanStep.Status.SKIPPED, date(2026, 1, 10))
    steps[2].log_hours(date(2026, 1, 11), Decimal("2.5"), "Warm-up")
    steps[2].notes = "Line one\n- not a list item"
    steps[2].save()
    return plan


def test_the_json_export_holds_the_plan_steps_and_check_ins(client, user, worked_plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan_export_json", args=[worked_plan.pk]))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="my-plan.json"'
    data = json.loads(response.content)
    assert data["title"] == "My plan"
    assert data["hours_per_week"] == 10
    assert [step["status"] for step in data["steps"][:3]] == ["done", "skipped", "todo"]
    assert data["steps"][0]["done_date"] == "2026-01-10"
    assert data["steps"][2]["hours_logged"] == 2.5
    assert data["outlook"]["likely_finish"] == "2026-02-16"
    assert data["outlook"]["assumes_hours_per_week"] == 10
    assert data["steps"][0]["size_basis"] == "own" and not data["steps"][0]["runs_alongside"]
    assert data["check_ins"] == [
        {
            "id": str(worked_plan.checkins.get().pk),
            "step": str(data["steps"][2]["id"]),
            "date": "2026-01-11",
            "hours": 2.5,
            "note": "Warm-up",
        }
    ]


def test_the_markdown_export_is_a_checklist_by_stage(client, user, worked_plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan_export_markdown", args=[worked_plan.pk]))

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("# My plan\n")
    assert "## Foundations\n\n- [x] Step 0 (done 2026-01-10)\n- [ ] Step 3 (target" in text
    assert "Likely finish February 2026, at 10 hours a week" in text
    assert "- [ ] Step 1 (skipped, target 2026-01-19)" in text
    assert (
        "- [ ] Step 2 (target 2026-01-26, 2.5 h logged)\n    Line one\n    \\- not a list" in text
    )


def test_the_calendar_has_an_all_day_event_on_each_target_date(client, worked_plan):
    response = client.get(reverse("plans:calendar_feed", args=[worked_plan.calendar_token]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    # Skipped steps are left out; done ones say so.
    assert set(events) == {
        "Done: Step 0",
        "Target: Step 2",
        "Target: Step 3",
        "Target: Step 4",
        "Target: Step 5",
    }
    step = worked_plan.steps.get(title="Step 3")
    event = events["Target: Step 3"]
    assert event.decoded("DTSTART") == step.target_date
    assert event.decoded("DTEND") == date(2026, 2, 3)
    assert str(event["UID"]) == f"{step.pk}@careerplanner"
    assert str(worked_plan.pk) in str(event["DESCRIPTION"])


def test_markdown_escape_leaves_plain_words_alone():
    assert exports.markdown_escape("Read ch. 3-4 (twice)!") == "Read ch. 3-4 (twice)!"
    assert exports.markdown_escape("*bold* [link](x) `code`") == (
        "\\*bold\\* \\[link\\](x) \\`code\\`"
    )
    assert exports.markdown_escape("1. first\n# heading") == "1\\. first\n\\# heading"


def test_a_done_step_sits_on_the_day_it_was_done(client, worked_plan):
    response = client.get(reverse("plans:calendar_feed", args=[worked_plan.calendar_token]))
    calendar = icalendar.Calendar.from_ical(response.content)
    done = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Done: Step 0")
    assert done.decoded("DTSTART") == date(2026, 1, 10)


@pytest.fixture
def evidenced(worked_plan):
    from careerplanner.plans import history
    from careerplanner.plans.models import Evidence, MentorLink, PlanSnapshot

    first = worked_plan.steps.order_by("position").first()
    confirmed = Evidence.objects.create(
        step=first, title="My *fast* notebook", url="https://example.org/nb", date=date(2026, 1, 9)
    )
    confirmed.confirm(advisor=None, note="Checked.")
    Evidence.objects.create(step=first, title="Second try", date=date(2026, 1, 10), text="Notes")
    history.record(worked_plan, PlanSnapshot.Reason.STARTED, date(2026, 1, 10))
    MentorLink.objects.create(plan=worked_plan, with_notes=True)
    return worked_plan


def test_the_json_export_holds_evidence_history_and_whether_a_mentor_link_is_on(
    client, user, evidenced
):
    client.force_login(user)
    response = client.get(reverse("plans:plan_export_json", args=[evidenced.pk]))

    data = json.loads(response.content)
    confirmed, second = data["steps"][0]["evidence"]
    assert (
        confirmed["title"] == "My *fast* notebook" and confirmed["url"] == "https://example.org/nb"
    )
    assert confirmed["confirmed_by_an_advisor"] and confirmed["advisor_comment"] == "Checked."
    assert not second["confirmed_by_an_advisor"]
    (snapshot,) = data["history"]
    assert snapshot["why"] == "Plan started" and len(snapshot["plan_then"]["steps"]) == 6
    assert data["mentor_link"] == {
        "on": True,
        "shows_notes": True,
        "created": data["mentor_link"]["created"],
        "secret_last_replaced": None,
    }
    assert evidenced.mentor_link.token not in response.content.decode()


def test_the_markdown_export_says_which_evidence_is_confirmed(client, user, evidenced):
    client.force_login(user)
    text = client.get(reverse("plans:plan_export_markdown", args=[evidenced.pk])).content.decode()
    assert (
        "- [x] Step 0 (done 2026-01-10)\n"
        "    - Evidence: My \\*fast\\* notebook (https://example.org/nb), "
        "confirmed by an advisor on " in text
    )
    assert "    - Evidence: Second try\n" in text
