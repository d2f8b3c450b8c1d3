"""The fit check's rule: which route template a person's answers point to, and why.

Answers come in two parts (FitQuestion.part): where the person is now, and what suits them.
Each chosen answer (a FitChoice) may
- give points to routes: the route with the most points is suggested;
- rule routes out (`excludes`): "I'd rather not do a PhD" is never overridden by points or
  by a tie-break; if every route is ruled out, the result says so and shows the closest two;
- say which milestones the person already has (`had`), so a plan starts past them, or is
  part-way through (`doing`, such as a PhD under way);
- carry a caveat shown first (for instance, test your fit cheaply before committing).

Equal scores are shown as two options with the one thing that separates them. Reasons are
only those of answers given that favour the suggested route.

After a check the answers are kept in the session under SESSION_KEY ("fitcheck") as

    {"answers": {question_slug: choice_value, ...}, "route": route_slug, "had": [...],
     "doing": [...], "hours_per_week": int or None,
     "previous": {"route": ..., "answers": {...}} or None}

so that, once the person has signed up, the plans app can offer that route, mark the steps
they already have, and carry the answers into their first plan; and so that a retake can be
compared with the last result. Read it with `remembered(request.session)`.
"""

from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

from careerplanner.guide.models import FitChoice, FitQuestion, Milestone, Role, RouteTemplate

SESSION_KEY = "fitcheck"

# A lead of this many points or fewer is reported as close.
CLOSE_MARGIN = 1


@dataclass(frozen=True)
class Recommendation:
    route: RouteTemplate  # the suggestion, or the closest route when none fits
    score: int
    runner_up: RouteTemplate | None
    runner_up_score: int
    reasons: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    fits: bool = True  # False when the answers rule out every route
    tie: bool = False  # route and runner_up scored the same: two options
    separates: str = ""  # for a tie: the one thing that tells the two apart
    had: list[str] = field(default_factory=list)  # milestone slugs the person already has
    doing: list[str] = field(default_factory=list)  # milestone slugs they are part-way through
    hours_per_week: int | None = None  # from a "how much time" answer


def chosen_choices(questions: Sequence[FitQuestion], answers: Mapping[str, str]) -> list[FitChoice]:
    """The FitChoice picked for each answered question, in question order.

    Expects each question's choices to be prefetched; unknown values are skipped (the form
    has already rejected them)."""
    chosen = []
    for question in questions:
        value = answers.get(question.slug)
        for choice in question.choices.all():
            if choice.value == value:
                chosen.append(choice)
    return chosen


def score(choices: Iterable[FitChoice], routes: Sequence[RouteTemplate]) -> dict[str, int]:
    """Points per route slug. Points for routes not offered (retired or unknown) are ignored."""
    totals = {route.slug: 0 for route in routes}
    for choice in choices:
        for slug, points in choice.points.items():
            if slug in totals:
                totals[slug] += int(points)
    return totals


def rank(routes: Sequence[RouteTemplate], totals: Mapping[str, int]) -> list[RouteTemplate]:
    """Routes from most to fewest points; equal scores keep the seeds' order."""
    return sorted(routes, key=lambda route: (-totals[route.slug], route.position, route.slug))


def takes_a_phd(route: RouteTemplate) -> bool:
    """Whether a route goes through a PhD: a full-time step of four years or more. Expects the
    route's steps and their milestones to be prefetched."""
    return any(_is_phd(step.milestone) for step in route.steps.all())


def _is_phd(milestone: Milestone) -> bool:
    duration = milestone.duration
    return bool(milestone.full_time and duration and duration.days(duration.low) >= 4 * 365)


def separates(first: RouteTemplate, second: RouteTemplate) -> str:
    """The one thing that tells two routes apart, in the guide's terms."""
    one, two = first.role, second.role
    if one.level != two.level and Role.Position.ACADEMIC not in (one.level, two.level):
        leads = first if one.level == Role.Position.LEAD else second
        other = second if leads is first else first
        return (
            f"“{leads.title}” aims at leading research: proposing projects and setting "
            f"direction; “{other.title}” at carrying research out."
        )
    if one.track != two.track:
        return (
            f"“{first.title}” is {one.get_track_display().lower()} work; "
            f"“{second.title}” is {two.get_track_display().lower()}."
        )
    if takes_a_phd(first) != takes_a_phd(second):
        phd, other = (first, second) if takes_a_phd(first) else (second, first)
        return f"“{phd.title}” goes through a 4–6 year PhD; “{other.title}” does not."
    return f"“{first.title}” goes {first.way_in}; “{second.title}” goes {second.way_in}."


def recommend(
    questions: Sequence[FitQuestion],
    answers: Mapping[str, str],
    routes: Sequence[RouteTemplate],
) -> Recommendation:
    """Suggests one of `routes` (in seed order, at least one) for `answers`."""
    choices = chosen_choices(questions, answers)
    totals = score(choices, routes)
    excluded = {slug for choice in choices for slug in choice.excludes}
    had = list(dict.fromkeys(slug for choice in choices for slug in choice.had))
    doing = list(dict.fromkeys(slug for choice in choices for slug in choice.doing))
    hours = next((c.hours_per_week for c in choices if c.hours_per_week), None)
    caveats = list(dict.fromkeys(choice.caveat for choice in choices if choice.caveat))
    possible = [route for route in routes if route.slug not in excluded]

    if not choices or not any(totals.values()):
        # Nothing to go on: the first route in the seeds is the one with the widest way in.
        first = min(possible or routes, key=lambda route: (route.position, route.slug))
        caveats.append(
            "You did not give any answers we could use, so this is our default starting "
            "point rather than a suggestion based on you. Answer a few questions for a "
            "better one."
        )
        return Recommendation(
            route=first,
            score=0,
            runner_up=None,
            runner_up_score=0,
            caveats=caveats,
            had=had,
            doing=doing,
            hours_per_week=hours,
        )

    if not possible or not any(totals[route.slug] for route in possible):
        # Every route that scored is ruled out by another answer: say so honestly.
        closest = rank(routes, totals)[:2]
        caveats.append(
            "None of our routes fits every answer you gave, so there is no suggestion: "
            "here are the two closest. Talking your situation through with someone who "
            "knows the field, and testing your fit cheaply first, will tell you more."
        )
        return Recommendation(
            route=closest[0],
            score=totals[closest[0].slug],
            runner_up=closest[1] if len(closest) > 1 else None,
            runner_up_score=totals[closest[1].slug] if len(closest) > 1 else 0,
            reasons=[],
            caveats=caveats,
            fits=False,
            had=had,
            doing=doing,
            hours_per_week=hours,
        )

    unanswered = len(questions) - len(choices)
    if unanswered:
        caveats.append(
            f"You left {unanswered} of {len(questions)} "
            f"question{'' if len(questions) == 1 else 's'} unanswered, so this suggestion "
            "rests on less than the full picture."
        )

    ranked = rank(possible, totals)
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 and totals[ranked[1].slug] else None
    runner_up_score = totals[runner_up.slug] if runner_up else 0
    tie = runner_up is not None and runner_up_score == totals[best.slug]
    if not tie and runner_up and totals[best.slug] - runner_up_score <= CLOSE_MARGIN:
        gap = totals[best.slug] - runner_up_score
        caveats.append(
            f"It was close: “{runner_up.title}” scored only {gap} "
            f"point{'' if gap == 1 else 's'} less, so it is worth reading about too."
        )

    reasons = [choice.reason for choice in choices if choice.points.get(best.slug, 0) > 0]
    if tie:
        reasons += [
            choice.reason
            for choice in choices
            if choice.points.get(runner_up.slug, 0) > 0 and choice.reason not in reasons
        ]
    return Recommendation(
        route=best,
        score=totals[best.slug],
        runner_up=runner_up,
        runner_up_score=runner_up_score,
        reasons=reasons,
        caveats=caveats,
        tie=tie,
        separates=separates(best, runner_up) if tie else "",
        had=had,
        doing=doing,
        hours_per_week=hours,
    )


def remember(session: MutableMapping, answers: Mapping[str, str], result: Recommendation) -> None:
    """Keeps this result, and the one before it, for the plan and for comparing."""
    before = session.get(SESSION_KEY) or {}
    previous = None
    if before.get("route") and before.get("answers") != dict(answers):
        previous = {"route": before["route"], "answers": before["answers"]}
    session[SESSION_KEY] = {
        "answers": dict(answers),
        "route": result.route.slug if result.fits else None,
        "had": result.had,
        "doing": result.doing,
        "hours_per_week": result.hours_per_week,
        "previous": previous or before.get("previous"),
    }


def remembered(session: Mapping) -> dict | None:
    """What `remember` stored, or None if this visitor has not taken the fit check."""
    return session.get(SESSION_KEY)
