"""Rules that span seed files, checked once every item has passed its own schema:
prerequisites form no cycle, routes put prerequisites first, and every milestone a route
uses has a size that says where it comes from."""

from graphlib import CycleError, TopologicalSorter

from careerplanner.guide.problems import Problem
from careerplanner.guide.schema import MilestoneSeed, RouteSeed, Seed


def check(seeds: dict[str, list[Seed]]) -> list[Problem]:
    milestones: dict[str, MilestoneSeed] = {m.slug: m for m in seeds.get("milestones", [])}
    routes: list[RouteSeed] = seeds.get("routes", [])
    return [
        *_prerequisite_cycles(milestones),
        *_route_order(routes, milestones),
        *_route_sizes(routes, milestones),
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
