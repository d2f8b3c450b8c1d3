"""The seeds' own content, checked against what the guide says: the routes it describes,
where each claim is credited, and claims that must not grow stronger than the guide's.

These tests name seed slugs on purpose: they are the content rules, and the editor who
breaks one should read why here."""

import pytest

from careerplanner.guide.models import (
    Fact,
    Milestone,
    Organisation,
    Resource,
    RouteStep,
    RouteTemplate,
)

pytestmark = pytest.mark.django_db

THEORY_JOBS = "getting-a-job-in-theoretical-ai-safety-research"


def test_every_milestone_serves_some_route(catalog):
    unused = Milestone.objects.filter(routes__isnull=True).values_list("slug", flat=True)
    assert list(unused) == []


def test_a_strong_software_engineer_can_apply_without_maths_or_ml_first(catalog):
    # Key facts on fit: a strong software engineer could apply for empirical contributor
    # roles right away, even without an ML background.
    route = RouteTemplate.objects.get(slug="empirical-contributor-apply-now")
    steps = [step.milestone for step in route.steps.select_related("milestone")]
    assert steps[-1].slug == "apply-for-empirical-contributor-roles"
    learned = {skill for m in steps for skill in m.skills.values_list("slug", flat=True)}
    assert not learned & {"linear-algebra", "calculus", "basic-ml", "deep-learning-pytorch"}
    # Nor does applying require them in any plan a person builds.
    applying = Milestone.objects.get(slug="apply-for-empirical-contributor-roles")
    assert "study-deep-learning" not in applying.prerequisites.values_list("slug", flat=True)


def test_the_routes_the_guide_describes_are_there(catalog):
    routes = RouteTemplate.objects.prefetch_related("steps__milestone")
    ways = {route.slug: [s.milestone.slug for s in route.steps.all()] for route in routes}
    # Theory and academia through a maths or theoretical CS PhD.
    assert any(
        "complete-a-maths-or-tcs-phd" in steps and steps[-1] == "land-a-faculty-position"
        for steps in ways.values()
    )
    # An empirical lead moving into theory.
    assert any(
        steps.index("grow-into-an-empirical-research-lead")
        < steps.index("apply-for-theoretical-lead-roles")
        for steps in ways.values()
        if {"grow-into-an-empirical-research-lead", "apply-for-theoretical-lead-roles"}
        <= set(steps)
    )
    # A student's route: a summer internship beside the degree.
    assert any(
        {"study-quantitative-degree", "do-a-software-engineering-internship"} <= set(steps)
        for steps in ways.values()
    )


def test_the_fit_checkpoint_names_the_other_paths_and_comes_months_in(catalog):
    checkpoint = Milestone.objects.get(checkpoint=Milestone.Checkpoint.FIT)
    assert checkpoint.kind == Milestone.Kind.TEST_OF_FIT
    assert "governance" in checkpoint.summary
    assert checkpoint.duration is not None and checkpoint.duration.unit == "months"
    assert RouteStep.objects.filter(milestone=checkpoint).count() == RouteTemplate.objects.count()


def test_labs_and_their_podcasts_are_credited_to_the_guide_s_lists_not_to_theory_jobs(catalog):
    # The guide's lists of labs follow the theoretical-jobs section without a heading of
    # their own; crediting them to that section made every lab look like a theory lab.
    labs = Organisation.objects.exclude(kind=Organisation.Kind.ACADEMIA)
    assert not labs.filter(source__slug=THEORY_JOBS).exists()
    podcasts = Resource.objects.filter(kind=Resource.Kind.PODCAST)
    assert not podcasts.filter(source__slug=THEORY_JOBS).exists()


def test_a_team_inside_a_commercial_lab_is_not_typed_as_a_theory_group(catalog):
    # The Causal Incentives Working Group is a Google DeepMind team.
    team = Organisation.objects.get(slug="causal-incentives-working-group")
    assert team.kind == Organisation.Kind.INDUSTRY_LAB
    assert team.focus == Organisation.Focus.THEORETICAL


def test_papers_are_the_likely_bar_for_a_phd_place_not_a_hard_requirement(catalog):
    # How to get into a PhD: you would "probably" need something like these papers.
    applying = Milestone.objects.get(slug="apply-to-ml-phd-programmes")
    needed = set(applying.prerequisites.values_list("slug", flat=True))
    assert not needed & {
        "publish-a-first-author-workshop-paper",
        "contribute-to-a-third-author-conference-paper",
    }
    assert "probably" in applying.summary


def test_every_learning_step_lists_something_to_learn_from(catalog):
    # The guide's own link lists are lost from our copy; each learning step still gets a
    # course, book or programme (a degree is its own course).
    bare = Milestone.objects.filter(
        kind=Milestone.Kind.LEARN, degree="", resources__isnull=True
    ).values_list("slug", flat=True)
    assert list(bare) == []


def test_evidence_is_said_as_the_guide_says_it(catalog):
    # Every milestone says what good evidence looks like; loadguide refuses an empty one.
    assert not Milestone.objects.filter(evidence="").exists()
    # Replications: the guide's advice is to put the work on GitHub or in a blog post, so
    # that the work can be shown when applying.
    replicate = Milestone.objects.get(slug="replicate-a-paper").evidence
    assert "GitHub" in replicate and "blog" in replicate
    # A library contribution is the guide's test for software engineers: a feature or a fix
    # in a major ML library, nothing less specific.
    library = Milestone.objects.get(slug="ship-a-major-ml-library-contribution").evidence
    assert "major ML library" in library
    # The guide calls the DeepMind figure a rough test; the evidence must not promise more.
    reproduce = Milestone.objects.get(slug="reproduce-a-typical-ml-paper").evidence
    assert "rough test" in reproduce and "interview" not in reproduce


def test_resources_from_outside_the_guide_name_the_page_they_come_from(catalog):
    outside = Resource.objects.exclude(named_by="")
    assert outside.exists()
    for resource in outside:
        assert resource.named_by.startswith(("https://", "http://")), resource.slug
        assert resource.named_by_site, resource.slug
    # The guide's own, such as its maths course, stay credited to it.
    assert Resource.objects.get(slug="imperial-mathematics-for-machine-learning").named_by_guide


def test_every_figure_carries_the_year_it_describes(catalog):
    # The guide is as of 2023; the one figure it dates otherwise is the 2020 pay median.
    assert set(Fact.objects.exclude(as_of=2023).values_list("slug", flat=True)) == {
        "median-software-engineer-salary"
    }
    pay = Fact.objects.get(slug="median-software-engineer-salary")
    assert pay.dated_value == "$222,000 a year (as of 2020)"
    # A date lives in as_of, not repeated inside the figure.
    assert not Fact.objects.filter(value__contains="as of").exists()
