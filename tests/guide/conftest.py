"""Fixtures for the guide's tests: the real seeded catalog, and the same catalog grown."""

import pytest


@pytest.fixture
def grown_catalog(catalog):
    """The seeded catalog plus twenty more of everything a guide page lists, all attached to
    the items the query-count tests open. A page whose query count depends on the catalog's
    size makes more queries here than on the plain catalog."""
    from careerplanner.guide.models import (
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
    target = Milestone.objects.get(slug="learn-basic-ml")
    route = RouteTemplate.objects.get(slug="research-engineer-via-software-job")
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
