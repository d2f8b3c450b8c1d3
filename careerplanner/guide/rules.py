"""Rules that span seed files, checked once every item has passed its own schema:
prerequisites form no cycle, routes put prerequisites first, every milestone a route uses
has a size that says where it comes from, and every route keeps the guide's safeguards
(a fit checkpoint; the capabilities-risk decision before any step at an AI lab; a PhD
before the goal when the role requires one)."""

from graphlib import CycleError, TopologicalSorter

from careerplanner.guide.models import Milestone, Role
from careerplanner.guide.problems import Problem
from careerplanner.guide.schema import FitQuestionSeed, MilestoneSeed, RoleSeed, RouteSeed, Seed

FIT = Milestone.Checkpoint.FIT
CAPABILITIES_RISK = Milestone.Checkpoint.CAPABILITIES_RISK
GOAL_STAGE = Milestone.Stage.GETTING_THE_ROLE


def check(seeds: dict[str, list[Seed]]) -> list[Problem]:
    milestones: dict[str, MilestoneSeed] = {m.slug: m for m in seeds.get("milestones", [])}
    roles: dict[str, RoleSeed] = {r.slug: r for r in seeds.get("roles", [])}
    routes: list[RouteSeed] = seeds.get("routes", [])
    return [
        *_prerequisite_cycles(milestones),
        *_route_order(routes, milestones),
        *_route_sizes(routes, milestones),
        *_reachable_routes(routes, seeds.get("fitcheck", [])),
        *_fit_checkpoint(routes, milestones),
        *_capabilities_risk_first(routes, milestones),
        *_phd_before_the_goal(routes, milestones, roles),
    ]


def _prerequisite_cycles(milestones: dict[str, MilestoneSeed]) -> list[Problem]:
    graph = {slug: set(m.prerequisites) & milestones.keys() for slug, m in milestones.items()}
    problems = []
    # Each round reports one cycle, then breaks it, so that every cycle is named once.
    while True:
        try:
            TopologicalSorter(graph).prepare()
            return problems
        except CycleError as error:
            cycle = list(reversed(error.args[1]))
            problems.append(
                Problem(
                    "milestones.yaml",
                    cycle[0],
                    "prerequisites",
                    f"form a cycle: {' → '.join(cycle)}",
                )
            )
            graph[cycle[0]].discard(cycle[1])


def _route_order(routes: list[RouteSeed], milestones: dict[str, MilestoneSeed]) -> list[Problem]:
    problems = []
    for route in routes:
        placed: set[str] = set()
        for step in route.steps:
            needed = set(milestones[step].prerequisites) if step in milestones else set()
            for missing in sorted((needed & set(route.steps)) - placed):
                problems.append(
                    Problem(
                        "routes.yaml",
                        route.slug,
                        "steps",
                        f"{step!r} comes before its prerequisite {missing!r}",
                    )
                )
            placed.add(step)
    return problems


def _route_sizes(routes: list[RouteSeed], milestones: dict[str, MilestoneSeed]) -> list[Problem]:
    """A plan is dated from its steps' sizes, so a route may use only sized milestones."""
    used_by: dict[str, str] = {}
    for route in routes:
        for step in route.steps:
            used_by.setdefault(step, route.slug)
    return [
        Problem(
            "milestones.yaml",
            slug,
            "size",
            f"is required: route {route!r} uses this milestone, and plans are dated from "
            "its effort (hours) or duration (weeks, months, years)",
        )
        for slug, route in used_by.items()
        if slug in milestones and milestones[slug].size is None
    ]


def _steps(route: RouteSeed, milestones: dict[str, MilestoneSeed]) -> list[MilestoneSeed]:
    """The route's steps that are known milestones (unknown ones are reported elsewhere)."""
    return [milestones[step] for step in route.steps if step in milestones]


def _route_problem(route: RouteSeed, message: str) -> Problem:
    return Problem("routes.yaml", route.slug, "steps", message)


def _fit_checkpoint(routes: list[RouteSeed], milestones: dict[str, MilestoneSeed]) -> list[Problem]:
    """The guide asks people to test their fit early and to do something else if they would
    fit better elsewhere, so every route stops after its first steps to ask again."""
    problems = []
    for route in routes:
        steps = _steps(route, milestones)
        at = [n for n, step in enumerate(steps) if step.checkpoint == FIT]
        goal = next((n for n, s in enumerate(steps) if s.stage == GOAL_STAGE), len(steps))
        if not at:
            problems.append(
                _route_problem(
                    route,
                    "has no fit checkpoint: add a milestone with `checkpoint: fit` after the "
                    "first steps, so the person asks the guide's tests of fit again",
                )
            )
        elif at[0] == 0 or at[0] > goal:
            problems.append(
                _route_problem(
                    route,
                    f"the fit checkpoint {steps[at[0]].slug!r} must come after the first step "
                    "and before the first step of getting the role",
                )
            )
    return problems


def _capabilities_risk_first(
    routes: list[RouteSeed], milestones: dict[str, MilestoneSeed]
) -> list[Problem]:
    """The guide warns that working at an AI lab carries a risk of doing harm by advancing
    capabilities, so the decision about it comes before the first step that can put the
    person at a lab."""
    problems = []
    for route in routes:
        steps = _steps(route, milestones)
        first_lab = next((n for n, step in enumerate(steps) if step.at_ai_lab), None)
        if first_lab is None:
            continue
        if not any(step.checkpoint == CAPABILITIES_RISK for step in steps[:first_lab]):
            problems.append(
                _route_problem(
                    route,
                    f"{steps[first_lab].slug!r} can lead to a job at an AI lab (at_ai_lab), so "
                    "a step with `checkpoint: capabilities-risk` (weighing the risk of "
                    "advancing capabilities) must come before it",
                )
            )
    return problems


def _phd_before_the_goal(
    routes: list[RouteSeed], milestones: dict[str, MilestoneSeed], roles: dict[str, RoleSeed]
) -> list[Problem]:
    """A role whose PhD is required (the professor's) is reached only with a PhD in hand:
    on a route to that role, and on any route whose last step (a faculty post) serves
    only such roles."""

    def needs_phd(slug: str) -> bool:
        return slug in roles and roles[slug].phd == Role.PhD.REQUIRED

    problems = []
    for route in routes:
        steps = _steps(route, milestones)
        if not steps:
            continue
        goal = steps[-1]
        if needs_phd(route.role):
            role = route.role
        elif goal.roles and all(needs_phd(slug) for slug in goal.roles):
            role = goal.roles[0]
        else:
            continue
        if not any(step.degree == Milestone.Degree.PHD for step in steps[:-1]):
            problems.append(
                _route_problem(
                    route,
                    f"role {role!r} requires a PhD, so a step that awards one "
                    f"(`degree: phd`) must come before {goal.slug!r}",
                )
            )
    return problems


def _reachable_routes(routes: list[RouteSeed], questions: list[FitQuestionSeed]) -> list[Problem]:
    """Every route must be the fit check's clear suggestion for some answers. Searched by
    climbing: start from each question's answer that most favours the route, then change
    one answer at a time while that widens its lead."""
    if not questions:
        return []
    slugs = [route.slug for route in routes]

    def lead(target: str, picks: list) -> float:
        excluded = {slug for choice in picks for slug in choice.excludes}
        if target in excluded:
            return float("-inf")
        totals = {slug: 0 for slug in slugs if slug not in excluded}
        for choice in picks:
            for slug, points in choice.points.items():
                if slug in totals:
                    totals[slug] += points
        others = [total for slug, total in totals.items() if slug != target]
        return totals[target] - max(others, default=0)

    problems = []
    for target in slugs:
        picks = [max(q.choices, key=lambda c: lead(target, [c])) for q in questions]
        improved = True
        while improved and lead(target, picks) <= 0:
            improved = False
            for index, question in enumerate(questions):
                best = max(
                    question.choices,
                    key=lambda c: lead(target, picks[:index] + [c] + picks[index + 1 :]),
                )
                if lead(target, picks[:index] + [best] + picks[index + 1 :]) > lead(target, picks):
                    picks[index], improved = best, True
        if lead(target, picks) <= 0:
            problems.append(
                Problem(
                    "fitcheck.yaml",
                    "-",
                    "points",
                    f"no answers make route {target!r} the clear suggestion: give it more "
                    "points from the answers of the people it suits",
                )
            )
    return problems
