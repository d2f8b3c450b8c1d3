"""Fixtures for the guide's tests: a small catalog grown large, and one for the fit check."""

import pytest


@pytest.fixture
def grown_catalog(view_catalog):
    """The small catalog of tests/view_catalog.py plus twenty more of everything a guide
    page lists, all attached to the items the query-count tests open. A page whose query
    count depends on the catalog's size makes more queries here than on the plain catalog."""
    from careerplanner.guide.models import (
        Fact,
        FactUpdate,
        FitChoice,
        FitQuestion,
        FitTest,
        Milestone,
        Opportunity,
        Organisation,
        Resource,
        Role,
        RouteStep,
        RouteTemplate,
        Section,
        Skill,
    )

    section = Section.objects.first()
    roles = list(Role.objects.all())
    target = Milestone.objects.get(slug="study-ml")
    route = RouteTemplate.objects.get(slug="engineer-route")
    last_position = route.steps.order_by("-position").first().position
    common = {"source": section, "summary": "Added by the test."}

    for n in range(20):
        before = Milestone.objects.create(
            slug=f"extra-before-{n}",
            title=f"Extra before {n}",
            stage="skills",
            kind="learn",
            why="Test.",
            done_when="Test.",
            position=1000 + n,
            effort_hours_low=n,
            effort_hours_high=n + 5,
            **common,
        )
        after = Milestone.objects.create(
            slug=f"extra-after-{n}",
            title=f"Extra after {n}",
            stage="skills",
            kind="build",
            why="Test.",
            done_when="Test.",
            position=2000 + n,
            duration_low=12,
            duration_high=24,
            duration_unit="months",
            **common,
        )
        target.prerequisites.add(before)
        after.prerequisites.add(target)
        before.roles.set(roles)
        RouteStep.objects.create(route=route, milestone=after, position=last_position + 1 + n)

        skill = Skill.objects.create(
            slug=f"extra-skill-{n}", name=f"Extra skill {n}", position=1000 + n, **common
        )
        skill.roles.set(roles)
        target.skills.add(skill)
        resource = Resource.objects.create(
            slug=f"extra-resource-{n}",
            title=f"Resource {n}",
            kind="course",
            url="https://example.org/",
            position=1000 + n,
            **common,
        )
        target.resources.add(resource)
        test = FitTest.objects.create(
            slug=f"extra-test-{n}",
            title=f"Extra test {n}",
            milestone=target,
            position=1000 + n,
            **common,
        )
        test.roles.set(roles)
        organisation = Organisation.objects.create(
            slug=f"extra-org-{n}",
            name=f"Extra org {n}",
            kind="academia",
            focus="both",
            position=1000 + n,
            **common,
        )
        opportunity = Opportunity.objects.create(
            slug=f"extra-opening-{n}",
            name=f"Extra opening {n}",
            kind="internship",
            organisation=organisation,
            position=1000 + n,
            **common,
        )
        opportunity.roles.set(roles)
        extra_route = RouteTemplate.objects.create(
            slug=f"extra-route-{n}",
            title=f"Extra route {n}",
            role=roles[n % len(roles)],
            way_in="by test",
            position=1000 + n,
            **common,
        )
        RouteStep.objects.create(route=extra_route, milestone=target, position=1)
        fact = Fact.objects.create(
            slug=f"extra-fact-{n}",
            title=f"Fact {n}",
            value=str(n),
            as_of=2023,
            position=1000 + n,
            **common,
        )
        fact.roles.set(roles)
        FactUpdate.objects.create(
            fact=fact, value=f"{n}+", as_of="2025-01-01", source_url="https://example.org/"
        )

    for n in range(5):
        question = FitQuestion.objects.create(
            slug=f"extra-question-{n}", text=f"Q{n}?", source=section, position=1000 + n
        )
        for m in range(4):
            FitChoice.objects.create(
                question=question,
                value=f"c{m}",
                label=f"C{m}",
                reason="Test.",
                points={route.slug: m},
                position=m,
            )


@pytest.fixture
def fit_catalog(empty_catalog):
    """A small catalog of our own for the fit check's rule and page, so that these tests
    say what the rule does whatever the seeds hold. Three routes:

    - "engineer": empirical contributor, no PhD;
    - "phd-lead": empirical lead through a five-year full-time PhD;
    - "theorist": theoretical contributor, no PhD.
    """
    from careerplanner.guide.models import (
        FitChoice,
        FitQuestion,
        Milestone,
        Role,
        RouteStep,
        RouteTemplate,
        Section,
    )

    section = Section.objects.create(slug="s", title="A section")
    common = {"source": section, "summary": "s"}

    def role(slug, track, level):
        return Role.objects.create(
            slug=slug,
            name=slug.title(),
            track=track,
            level=level,
            work="w",
            phd="helpful",
            phd_note="n",
            where="w",
            **common,
        )

    def milestone(slug, **size):
        return Milestone.objects.create(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            stage="foundations",
            kind="learn",
            why="w",
            done_when="d",
            size_estimate="a test's",
            **size,
            **common,
        )

    python = milestone("learn-python", effort_hours_low=100, effort_hours_high=200)
    phd = milestone(
        "do-a-phd", duration_low=4, duration_high=6, duration_unit="years", full_time=True
    )
    routes = {}
    for position, (slug, role_args, steps) in enumerate(
        [
            ("engineer", ("contributor-role", "empirical", "contributor"), [python]),
            ("phd-lead", ("lead-role", "empirical", "lead"), [python, phd]),
            ("theorist", ("theory-role", "theoretical", "contributor"), [python]),
        ]
    ):
        routes[slug] = RouteTemplate.objects.create(
            slug=slug,
            title=f"The {slug} route",
            role=role(*role_args),
            way_in=f"as a {slug}",
            position=position,
            **common,
        )
        RouteStep.objects.bulk_create(
            RouteStep(route=routes[slug], milestone=m, position=n) for n, m in enumerate(steps)
        )

    now = FitQuestion.objects.create(
        slug="coding", part="now", text="How much have you coded?", position=0, source=section
    )
    FitChoice.objects.bulk_create(
        [
            FitChoice(
                question=now,
                value="never",
                label="Never",
                position=0,
                reason="Coding is new to you.",
                caveat="Try a tiny program first.",
            ),
            FitChoice(
                question=now,
                value="pro",
                label="Professionally",
                position=1,
                reason="You code for a living.",
                points={"engineer": 3},
                had=["learn-python"],
                hours_per_week=20,
            ),
        ]
    )
    want = FitQuestion.objects.create(
        slug="want", text="What do you want?", position=1, source=section
    )
    FitChoice.objects.bulk_create(
        [
            FitChoice(
                question=want,
                value="build",
                label="Build things",
                position=0,
                reason="You like building.",
                points={"engineer": 2, "phd-lead": 2},
            ),
            FitChoice(
                question=want,
                value="lead",
                label="Lead",
                position=1,
                reason="You want to lead.",
                points={"phd-lead": 3},
            ),
            FitChoice(
                question=want,
                value="prove",
                label="Prove theorems",
                position=2,
                reason="You like proofs.",
                points={"theorist": 3},
            ),
        ]
    )
    phd_question = FitQuestion.objects.create(slug="phd", text="A PhD?", position=2, source=section)
    FitChoice.objects.bulk_create(
        [
            FitChoice(
                question=phd_question,
                value="keen",
                label="Keen",
                position=0,
                reason="You are keen on a PhD.",
                points={"phd-lead": 1},
            ),
            FitChoice(
                question=phd_question,
                value="no",
                label="Rather not",
                position=1,
                reason="You would rather not.",
                excludes=["phd-lead"],
            ),
        ]
    )
    return routes
