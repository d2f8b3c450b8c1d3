"""A plan to take away: JSON, a Markdown checklist and an iCalendar feed.

What a person typed can hold HTML. Each format escapes it its own way, so that nothing a
reader opens it with (a browser, a Markdown previewer, a calendar that renders HTML in
descriptions) runs it: \\u003c in JSON (careerplanner/downloads.py), backslashes in
Markdown, entities in the calendar."""

import html
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify

from careerplanner.plans.dates import clamp_date
from careerplanner.plans.models import (
    CheckIn,
    Evidence,
    MentorLink,
    Plan,
    PlanSnapshot,
    PlanStep,
)
from careerplanner.plans.pace import Outlook, outlook
from careerplanner.plans.scheduling import today_for
from careerplanner.plans.templatetags.plans import hours


def filename(plan: Plan, extension: str) -> str:
    return f"{slugify(plan.title)[:60] or 'plan'}.{extension}"


def _outlook_data(outlook: Outlook) -> dict:
    return {
        "likely_finish": outlook.likely,
        "slower_finish": outlook.slower,
        "assumes_hours_per_week": outlook.hours_per_week,
        "step_sizes_that_are_our_estimates": outlook.estimates,
        "step_sizes": outlook.sized,
        "pace_hours_per_week_so_far": outlook.pace,
        "finish_at_pace_so_far": outlook.projected,
    }


def _evidence_data(piece: Evidence) -> dict:
    return {
        "id": piece.id,
        "kind": piece.kind,
        "title": piece.title,
        "url": piece.url,
        "text": piece.text,
        "date": piece.date,
        "added": piece.created,
        "confirmed_by_an_advisor": piece.is_confirmed,
        "confirmed_at": piece.confirmed_at,
        "advisor_comment": piece.confirmation_note,
    }


def _snapshot_data(snapshot: PlanSnapshot) -> dict:
    return {
        "number": snapshot.number,
        "taken_at": snapshot.taken_at,
        "why": snapshot.get_reason_display(),
        "changed_since_the_one_before": snapshot.change().words(),
        "plan_then": snapshot.data,
    }


def _mentor_link_data(link: MentorLink | None) -> dict:
    # The secret itself stays out: a download gets forwarded, and the address opens the plan.
    if link is None:
        return {"on": False}
    return {
        "on": True,
        "shows_notes": link.with_notes,
        "created": link.created,
        "secret_last_replaced": link.replaced,
    }


def by_step(evidence: Iterable[Evidence]) -> dict:
    grouped = defaultdict(list)
    for piece in evidence:
        grouped[piece.step_id].append(piece)
    return grouped


def plan_data(
    plan: Plan,
    steps: Iterable[PlanStep],
    checkins: Iterable[CheckIn],
    today: date,
    *,
    evidence: Iterable[Evidence] = (),
    snapshots: Iterable[PlanSnapshot] = (),
    mentor_link: MentorLink | None = None,
) -> dict:
    steps = list(steps)
    pieces = by_step(evidence)
    return {
        "id": plan.id,
        "title": plan.title,
        "target_role": plan.role.name if plan.role else None,
        "route": plan.route.slug if plan.route else None,
        "start_date": plan.start_date,
        "hours_per_week": plan.hours_per_week,
        "archived": plan.is_archived,
        "look_back_every_months": plan.re_review_months,
        "next_look_back": plan.re_review_due,
        "last_reviewed_on": plan.last_reviewed_on,
        "fit_check": plan.fit_answers,
        "outlook": _outlook_data(outlook(plan, steps, today)),
        "created": plan.created,
        "updated": plan.updated,
        "steps": [
            {
                "id": step.id,
                "milestone": step.milestone.slug if step.milestone else None,
                "stage": step.stage,
                "title": step.title,
                "description": step.description,
                "position": step.position,
                "status": step.status,
                "planned_start": step.planned_start,
                "target_date": step.target_date,
                "target_date_set_by_you": step.target_pinned,
                "started_date": step.started_date,
                "done_date": step.done_date,
                "notes": step.notes,
                "estimated_hours": step.estimated_hours,
                "estimated_hours_high": step.estimated_hours_high,
                "duration_days": step.duration_days,
                "duration_days_high": step.duration_days_high,
                "runs_alongside": step.runs_alongside,
                "size_basis": step.size_basis,
                "hours_logged": step.hours_logged,
                "evidence": [_evidence_data(piece) for piece in pieces.get(step.pk, [])],
            }
            for step in steps
        ],
        "history": [_snapshot_data(snapshot) for snapshot in snapshots],
        "mentor_link": _mentor_link_data(mentor_link),
        "check_ins": [
            {
                "id": checkin.id,
                "step": checkin.step_id,
                "date": checkin.date,
                "hours": checkin.hours,
                "note": checkin.note,
            }
            for checkin in checkins
        ],
    }


def account_plans(user, rows: dict[type, list]) -> list[dict]:
    """The plans in "download all my data" (accounts/data.py): each as its own export, with
    its removed steps too, marked, its evidence, history and mentor link. Takes the plans'
    rows out of `rows`."""
    steps = sorted(rows.pop(PlanStep, []), key=lambda step: step.position)
    checkins = sorted(rows.pop(CheckIn, []), key=lambda checkin: checkin.date)
    evidence = sorted(rows.pop(Evidence, []), key=lambda piece: (piece.date, piece.created))
    snapshots = sorted(rows.pop(PlanSnapshot, []), key=lambda snapshot: snapshot.number)
    links = {link.plan_id: link for link in rows.pop(MentorLink, [])}
    plan_of_step = {step.pk: step.plan_id for step in steps}
    exported = []
    for plan in sorted(rows.pop(Plan, []), key=lambda plan: plan.created):
        plan_steps = [step for step in steps if step.plan_id == plan.pk]
        plan_checkins = [checkin for checkin in checkins if checkin.plan_id == plan.pk]
        data = plan_data(
            plan,
            plan_steps,
            plan_checkins,
            today_for(user),
            evidence=[piece for piece in evidence if plan_of_step[piece.step_id] == plan.pk],
            snapshots=[snapshot for snapshot in snapshots if snapshot.plan_id == plan.pk],
            mentor_link=links.get(plan.pk),
        )
        for step, step_data in zip(plan_steps, data["steps"], strict=True):
            step_data["removed_at"] = step.removed_at
        exported.append(data)
    return exported


# Characters that make Markdown (or the HTML it may carry) out of plain text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~])")
LINE_START_MARK = re.compile(r"^(\s*)([-+=])")  # a list item or a heading underline
LINE_START_NUMBER = re.compile(r"^(\s*\d+)([.)])")  # a numbered list item


def markdown_escape(text: str) -> str:
    lines = []
    for line in text.splitlines():
        line = MARKDOWN_SPECIAL.sub(r"\\\1", line)
        line = LINE_START_MARK.sub(r"\1\\\2", line)
        lines.append(LINE_START_NUMBER.sub(r"\1\\\2", line))
    return "\n".join(lines)


def finish_words(outlook: Outlook) -> str:
    """The finish range and what it assumes, in one sentence for exports and emails."""
    if outlook.likely is None:
        return "No dates yet."
    words = f"Likely finish {outlook.likely:%B %Y}"
    if outlook.slower and outlook.slower != outlook.likely:
        words += f", slower {outlook.slower:%B %Y}"
    words += f", at {outlook.hours_per_week} hours a week beside any job or degree in the plan"
    if outlook.sized:
        words += f"; {outlook.estimates} of {outlook.sized} step sizes are our estimates"
    return words + "."


def _evidence_line(piece: Evidence) -> str:
    line = f"    - Evidence: {markdown_escape(piece.title)}"
    if piece.url:
        line += f" ({markdown_escape(piece.url)})"
    if piece.is_confirmed:
        line += f", confirmed by an advisor on {piece.confirmed_at:%Y-%m-%d}"
    return line


def markdown(plan: Plan, steps: list[PlanStep], today: date, evidence=()) -> str:
    pieces = by_step(evidence)
    out = [f"# {markdown_escape(plan.title)}", ""]
    facts = [f"Started {plan.start_date:%-d %B %Y}", f"{plan.hours_per_week} hours a week"]
    if plan.role:
        facts.insert(0, f"Aiming for: {markdown_escape(plan.role.name)}")
    out += [" · ".join(facts), "", finish_words(outlook(plan, steps, today)), ""]
    for stage, label in PlanStep._meta.get_field("stage").choices:
        in_stage = [step for step in steps if step.stage == stage]
        if not in_stage:
            continue
        out += [f"## {label}", ""]
        for step in in_stage:
            mark = "x" if step.status in PlanStep.FINISHED else " "
            line = f"- [{mark}] {markdown_escape(step.title)}"
            details = []
            if step.status in (PlanStep.Status.SKIPPED, PlanStep.Status.HAD):
                details.append(step.get_status_display().lower())
            if step.done_date:
                details.append(f"done {step.done_date:%Y-%m-%d}")
            elif step.target_date:
                details.append(f"target {step.target_date:%Y-%m-%d}")
            if step.hours_logged:
                details.append(f"{hours(step.hours_logged)} h logged")
            if details:
                line += f" ({', '.join(details)})"
            out.append(line)
            if step.notes:
                out += ["    " + note for note in markdown_escape(step.notes).splitlines()]
            out += [_evidence_line(piece) for piece in pieces.get(step.pk, [])]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def markdown_response(plan: Plan, steps: list[PlanStep], today: date, evidence=()) -> HttpResponse:
    body = markdown(plan, steps, today, evidence)
    response = HttpResponse(body, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(plan, "md")}"'
    return response


def _calendar_text(text: str) -> str:
    # Some calendars render HTML in descriptions; entities keep a <script> as text.
    return html.escape(text, quote=False)


def calendar(plan: Plan, steps: list[PlanStep], plan_url: str) -> icalendar.Calendar:
    """One all-day event per step: on its target date, or on the day it was done."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//plans//EN")
    cal.add("version", "2.0")
    # An X- property is not known to be text, so say so: the library then escapes line
    # breaks, commas and semicolons in the title.
    name = icalendar.vText(_calendar_text(f"{plan.title} ({settings.SITE_NAME})"))
    cal.add("x-wr-calname", name)
    for step in steps:
        done = step.status == PlanStep.Status.DONE
        day = step.done_date if done and step.done_date else step.target_date
        if day is None or step.status in (PlanStep.Status.SKIPPED, PlanStep.Status.HAD):
            continue
        day = clamp_date(day)  # a date stored before the range was enforced
        event = icalendar.Event()
        event.add("uid", f"{step.id}@{settings.SITE_NAME}")
        event.add("dtstamp", step.updated)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", _calendar_text(("Done: " if done else "Target: ") + step.title))
        description = [step.description, step.notes, f"Your plan: {plan_url}"]
        event.add("description", _calendar_text("\n\n".join(part for part in description if part)))
        event.add("url", plan_url)
        event.add("transp", "TRANSPARENT")  # a target date does not make a person busy
        cal.add_component(event)
    return cal


def ics_response(plan: Plan, steps: list[PlanStep], request) -> HttpResponse:
    plan_url = request.build_absolute_uri(plan.get_absolute_url())
    body = calendar(plan, steps, plan_url).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename(plan, "ics")}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
