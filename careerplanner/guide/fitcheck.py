"""The fit check's rule: which route template a person's answers point to, and why.

Each chosen answer (a FitChoice) gives points to some routes; the route with the most
points is suggested, ties going to the route that comes first in the seeds. The reasons
shown are those of the chosen answers that scored for the suggested route.

After a check the answers are kept in the session under SESSION_KEY ("fitcheck") as

    {"answers": {question_slug: choice_value, ...}, "route": route_slug}

so that, once the person has signed up, the plans app can offer that route and carry the
answers into their first plan. Read it with `remembered(request.session)`.
"""

from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

from careerplanner.guide.models import FitChoice, FitQuestion, RouteTemplate

SESSION_KEY = "fitcheck"

# A lead of this many points or fewer is reported as close.
CLOSE_MARGIN = 1


@dataclass(frozen=True)
class Recommendation:
    route: RouteTemplate
    score: int
    runner_up: RouteTemplate | None
    runner_up_score: int
    reasons: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


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


def recommend(
    questions: Sequence[FitQuestion],
    answers: Mapping[str, str],
    routes: Sequence[RouteTemplate],
) -> Recommendation:
    """Suggests one of `routes` (in seed order, at least one) for `answers`."""
    choices = chosen_choices(questions, answers)
    totals = score(choices, routes)
    ranked = rank(routes, totals)
    best = ranked[0]
    caveats = []

    if not choices or totals[best.slug] == 0:
        # Nothing to go on: the first route in the seeds is the one with the widest way in.
        first = min(routes, key=lambda route: (route.position, route.slug))
        caveats.append(
            "You did not give any answers we could use, so this is our default starting "
            "point rather than a suggestion based on you. Answer a few questions for a "
            "better one."
        )
        return Recommendation(
            route=first, score=0, runner_up=None, runner_up_score=0, caveats=caveats
        )

    unanswered = len(questions) - len(choices)
    if unanswered:
        caveats.append(
            f"You left {unanswered} of {len(questions)} "
            f"question{'' if len(questions) == 1 else 's'} unanswered, so this suggestion "
            "rests on less than the full picture."
        )

    runner_up = ranked[1] if len(ranked) > 1 else None
    runner_up_score = totals[runner_up.slug] if runner_up else 0
    if runner_up and runner_up_score == totals[best.slug]:
        caveats.append(
            f"It was a tie: “{runner_up.title}” scored the same. We show “{best.title}” "
            "because it comes first in our list of routes, so read about both."
        )
    elif runner_up and totals[best.slug] - runner_up_score <= CLOSE_MARGIN:
        gap = totals[best.slug] - runner_up_score
        caveats.append(
            f"It was close: “{runner_up.title}” scored only {gap} "
            f"point{'' if gap == 1 else 's'} less, so it is worth reading about too."
        )

    reasons = [choice.reason for choice in choices if choice.points.get(best.slug, 0) > 0]
    return Recommendation(
        route=best,
        score=totals[best.slug],
        runner_up=runner_up,
        runner_up_score=runner_up_score,
        reasons=reasons,
        caveats=caveats,
    )


def remember(session: MutableMapping, answers: Mapping[str, str], route_slug: str) -> None:
    session[SESSION_KEY] = {"answers": dict(answers), "route": route_slug}


def remembered(session: Mapping) -> dict | None:
    """What `remember` stored, or None if this visitor has not taken the fit check."""
    return session.get(SESSION_KEY)
