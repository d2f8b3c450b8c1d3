"""loadguide: the committed seeds load whole; a bad seed writes nothing and says where."""

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from careerplanner.guide.models import (
    Fact,
    FactUpdate,
    FitChoice,
    Milestone,
    Organisation,
    Role,
    RouteStep,
    RouteTemplate,
    Section,
)

SEEDS = Path(settings.BASE_DIR) / "seeds"
pytestmark = pytest.mark.usefixtures("empty_catalog")


def loadguide(path=SEEDS) -> str:
    out = io.StringIO()
    call_command("loadguide", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts_row(output: str, kind: str) -> list[int]:
    line = next(line for line in output.splitlines() if line.split()[:1] == [kind])
    return [int(n) for n in line.split()[1:]]


class SeedCopy:
    """A copy of the committed seeds to break, one file at a time."""

    def __init__(self, folder: Path):
        shutil.copytree(SEEDS, folder)
        self.folder = folder

    def __str__(self) -> str:
        return str(self.folder)

    def __truediv__(self, name: str) -> Path:
        return self.folder / name

    def edit(self, filename: str, change) -> None:
        path = self.folder / filename
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture
def seeds(tmp_path):
    return SeedCopy(tmp_path / "seeds")


def snapshot() -> list:
    """Everything a failed load must leave as it was."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Section, Role, Milestone, Organisation, RouteTemplate, RouteStep, FitChoice)
    ] + [list(Milestone.prerequisites.through.objects.order_by("pk").values())]


def item(items: list, slug: str) -> dict:
    return next(entry for entry in items if entry["slug"] == slug)


def move(steps: list, slug: str, to: int) -> None:
    steps.remove(slug)
    steps.insert(len(steps) + 1 + to if to < 0 else to, slug)


@pytest.mark.django_db
def test_the_committed_seeds_load_the_whole_catalog():
    output = loadguide()
    assert Role.objects.count() == 5
    assert RouteTemplate.objects.count() >= 5
    assert counts_row(output, "roles") == [5, 0, 0, 0]
    assert counts_row(output, "milestones") == [Milestone.objects.count(), 0, 0, 0]
    assert {r.level for r in Role.objects.all()} == {"lead", "contributor", "academic"}
    # The figures the design names are in the catalog, with their units and origins.
    phd = Milestone.objects.get(slug="complete-an-ml-phd")
    assert (phd.duration_low, phd.duration_high, phd.duration_unit) == (4, 6, "years")
    assert phd.size_section.slug == "should-you-do-a-phd" and phd.full_time
    assert Milestone.objects.filter(effort_hours_low__gte=100).exists()
    applying = Milestone.objects.select_related("window").get(slug="apply-to-ml-phd-programmes")
    assert applying.window.anchor == "due" and applying.size_estimate


@pytest.mark.django_db
def test_every_milestone_a_route_uses_has_a_size_that_says_where_it_comes_from():
    loadguide()
    for step in RouteStep.objects.select_related("milestone", "route"):
        milestone = step.milestone
        assert milestone.has_size, (step.route.slug, milestone.slug)
        assert bool(milestone.size_section_id) != bool(milestone.size_estimate), milestone.slug


@pytest.mark.django_db
def test_a_second_run_writes_nothing():
    loadguide()
    output = loadguide()
    assert "0 write(s)" in output
    for line in output.splitlines()[1:-1]:
        created, updated, _, retired = (int(n) for n in line.split()[1:])
        assert (created, updated, retired) == (0, 0, 0), line


@pytest.mark.django_db
def test_every_route_runs_from_a_first_program_and_respects_prerequisites():
    loadguide()
    first = Milestone.objects.get(slug="write-first-python-program")
    for route in RouteTemplate.objects.prefetch_related("steps__milestone__prerequisites"):
        steps = [step.milestone for step in route.steps.all()]
        assert steps[0] == first, route.slug
        assert steps[-1].stage == Milestone.Stage.GETTING_THE_ROLE, route.slug
        for index, milestone in enumerate(steps):
            for prerequisite in milestone.prerequisites.all():
                if prerequisite in steps:
                    assert steps.index(prerequisite) < index, (route.slug, milestone.slug)


@pytest.mark.django_db
def test_changes_update_and_a_milestone_that_leaves_is_retired_not_deleted(seeds):
    loadguide()
    leaving = "do-a-research-masters"
    assert Milestone.objects.filter(slug=leaving).exists()

    def change(milestones):
        milestones.remove(item(milestones, leaving))
        for milestone in milestones:
            if leaving in milestone.get("prerequisites", []):
                milestone["prerequisites"].remove(leaving)
        item(milestones, "write-first-python-program")["title"] = "Write a first small program"

    seeds.edit("milestones.yaml", change)
    seeds.edit(
        "routes.yaml",
        lambda routes: [r["steps"].remove(leaving) for r in routes if leaving in r["steps"]],
    )
    seeds.edit(
        "tests_of_fit.yaml",
        lambda tests: [t.pop("milestone") for t in tests if t.get("milestone") == leaving],
    )
    output = loadguide(seeds)
    created, updated, _, retired = counts_row(output, "milestones")
    assert (created, retired) == (0, 1)
    assert updated >= 1
    gone = Milestone.objects.get(slug=leaving)
    assert gone.retired
    assert leaving not in Milestone.objects.current().values_list("slug", flat=True)
    assert Milestone.objects.get(slug="write-first-python-program").title == (
        "Write a first small program"
    )
    # Putting it back brings it back.
    output = loadguide()
    assert not Milestone.objects.get(slug=leaving).retired


BROKEN = {
    "unknown slug": (
        "milestones.yaml",
        lambda ms: item(ms, "keep-building-python-skills")["prerequisites"].append("learn-cobol"),
        "milestones.yaml: item keep-building-python-skills: field prerequisites: "
        "'learn-cobol' is not in milestones.yaml",
    ),
    "prerequisite cycle": (
        "milestones.yaml",
        lambda ms: item(ms, "write-first-python-program")["prerequisites"].append(
            "keep-building-python-skills"
        ),
        "field prerequisites: form a cycle:",
    ),
    "duplicate slug": (
        "organisations.yaml",
        lambda orgs: orgs.append(dict(orgs[0])),
        "organisations.yaml: item {first}: field slug: is used twice in this file",
    ),
    "missing field": (
        "roles.yaml",
        lambda roles: roles[0].pop("work"),
        "roles.yaml: item {first}: field work: is required",
    ),
    "milestone without evidence": (
        "milestones.yaml",
        lambda ms: item(ms, "replicate-a-paper").update(evidence="  "),
        "milestones.yaml: item replicate-a-paper: field evidence: must be non-empty text",
    ),
    "wrongly typed field": (
        "milestones.yaml",
        lambda ms: item(ms, "write-first-python-program")["size"].update(effort="twenty minutes"),
        "milestones.yaml: item write-first-python-program: field size.effort: "
        "'twenty minutes' is not an amount such as “40 hours” or “4–6 years”",
    ),
    "effort low above high": (
        "milestones.yaml",
        lambda ms: item(ms, "write-first-python-program")["size"].update(effort="10-2 hours"),
        "milestones.yaml: item write-first-python-program: field size.effort: "
        "'10-2 hours': the low end 10 is above the high end 2",
    ),
    "a route milestone without a size": (
        "milestones.yaml",
        lambda ms: item(ms, "learn-calculus").pop("size"),
        "milestones.yaml: item learn-calculus: field size: is required: route ",
    ),
    "a size that does not say where it comes from": (
        "milestones.yaml",
        lambda ms: item(ms, "learn-calculus")["size"].pop("estimate"),
        "milestones.yaml: item learn-calculus: field size: say where the figure comes from",
    ),
    "a duration in hours": (
        "milestones.yaml",
        lambda ms: item(ms, "complete-an-ml-phd")["size"].update(duration="48-72 hours"),
        "milestones.yaml: item complete-an-ml-phd: field size.duration: "
        "'48-72 hours' is in hours; a duration is counted in weeks, months, years",
    ),
    "an effort in months": (
        "milestones.yaml",
        lambda ms: item(ms, "learn-calculus")["size"].update(effort="3 months"),
        "milestones.yaml: item learn-calculus: field size.effort: "
        "'3 months' is in months; effort is counted in hours",
    ),
    "a window that never occurs": (
        "windows.yaml",
        lambda windows: item(windows, "us-phd-applications").update(due="02-30"),
        "windows.yaml: item us-phd-applications: field due: "
        "'02-30' never occurs: February has no day 30",
    ),
    "a window only in leap years": (
        "windows.yaml",
        lambda windows: item(windows, "us-phd-applications").update(due="02-29"),
        "windows.yaml: item us-phd-applications: field due: '02-29' comes round only in leap",
    ),
    "a milestone tied to an unknown window": (
        "milestones.yaml",
        lambda ms: item(ms, "apply-to-ml-phd-programmes").update(window="whenever"),
        "milestones.yaml: item apply-to-ml-phd-programmes: field window: "
        "'whenever' is not in windows.yaml",
    ),
    "a title too long for the database": (
        "milestones.yaml",
        lambda ms: item(ms, "learn-calculus").update(title="Calculus " * 30),
        "milestones.yaml: item learn-calculus: field title: is 269 characters long; "
        "the most is 200",
    ),
    "unknown choice": (
        "organisations.yaml",
        lambda orgs: orgs[0].update(focus="vibes"),
        "organisations.yaml: item {first}: field focus: 'vibes' is not one of",
    ),
    "route out of order": (
        "routes.yaml",
        lambda routes: routes[0]["steps"].reverse(),
        "routes.yaml: item {first}: field steps: ",
    ),
    "a route without the fit checkpoint": (
        "routes.yaml",
        lambda routes: item(routes, "empirical-lead-via-ml-phd")["steps"].remove(
            "check-your-fit-again"
        ),
        "routes.yaml: item empirical-lead-via-ml-phd: field steps: has no fit checkpoint",
    ),
    "a fit checkpoint after the goal": (
        "routes.yaml",
        lambda routes: move(
            item(routes, "academic-professor")["steps"], "check-your-fit-again", -1
        ),
        "routes.yaml: item academic-professor: field steps: the fit checkpoint "
        "'check-your-fit-again' must come after the first step and before the first step of "
        "getting the role",
    ),
    "a milestone that stops being the fit checkpoint": (
        "milestones.yaml",
        lambda ms: item(ms, "check-your-fit-again").pop("checkpoint"),
        "routes.yaml: item research-engineer-via-software-job: field steps: has no fit checkpoint",
    ),
    "a route to a lab without the capabilities decision": (
        "routes.yaml",
        lambda routes: item(routes, "empirical-contributor-apply-now")["steps"].remove(
            "weigh-the-risk-of-advancing-capabilities"
        ),
        "routes.yaml: item empirical-contributor-apply-now: field steps: "
        "'apply-for-empirical-contributor-roles' can lead to a job at an AI lab (at_ai_lab), so "
        "a step with `checkpoint: capabilities-risk`",
    ),
    "the capabilities decision after the first lab job": (
        "routes.yaml",
        lambda routes: move(
            item(routes, "empirical-lead-via-contributor")["steps"],
            "weigh-the-risk-of-advancing-capabilities",
            -1,
        ),
        "routes.yaml: item empirical-lead-via-contributor: field steps: "
        "'get-an-ml-engineering-job' can lead to a job at an AI lab",
    ),
    "a theory route to a lab without the capabilities decision": (
        "routes.yaml",
        lambda routes: item(routes, "theory-lead-via-phd")["steps"].remove(
            "weigh-the-risk-of-advancing-capabilities"
        ),
        "routes.yaml: item theory-lead-via-phd: field steps: "
        "'apply-for-theoretical-lead-roles' can lead to a job at an AI lab",
    ),
    "a professor's route without a PhD": (
        "routes.yaml",
        lambda routes: item(routes, "academic-via-maths-or-tcs-phd")["steps"].remove(
            "complete-a-maths-or-tcs-phd"
        ),
        "routes.yaml: item academic-via-maths-or-tcs-phd: field steps: role 'academic' requires "
        "a PhD, so a step that awards one (`degree: phd`) must come before "
        "'land-a-faculty-position'",
    ),
    "another role's route that ends at the faculty post without a PhD": (
        "routes.yaml",
        lambda routes: item(routes, "theory-lead-via-empirical-lead")["steps"].append(
            "land-a-faculty-position"
        ),
        "routes.yaml: item theory-lead-via-empirical-lead: field steps: role 'academic' "
        "requires a PhD, so a step that awards one (`degree: phd`) must come before "
        "'land-a-faculty-position'",
    ),
    "a PhD milestone that awards no degree": (
        "milestones.yaml",
        lambda ms: item(ms, "complete-an-ml-phd").pop("degree"),
        "routes.yaml: item academic-professor: field steps: role 'academic' requires a PhD",
    ),
    "an unknown degree": (
        "milestones.yaml",
        lambda ms: item(ms, "complete-an-ml-phd").update(degree="doctorate"),
        "milestones.yaml: item complete-an-ml-phd: field degree: 'doctorate' is not one of",
    ),
    "a resource that does not say who names it": (
        "resources.yaml",
        lambda rs: item(rs, "python-for-everybody").pop("named_by"),
        "resources.yaml: item python-for-everybody: field named_by: is required",
    ),
    "a resource named by something other than the guide or a page": (
        "resources.yaml",
        lambda rs: item(rs, "python-for-everybody").update(named_by="a friend"),
        "resources.yaml: item python-for-everybody: field named_by: 'a friend' is neither "
        "`guide` nor the http(s) address of the page that names it",
    ),
    "a fact without its date": (
        "facts.yaml",
        lambda facts: item(facts, "people-working-on-the-problem").pop("as_of"),
        "facts.yaml: item people-working-on-the-problem: field as_of: is required",
    ),
    "an update without its source": (
        "facts.yaml",
        lambda facts: item(facts, "people-working-on-the-problem").update(
            updates=[{"value": "about 1,100", "as_of": "2025-01-15"}]
        ),
        "facts.yaml: item people-working-on-the-problem: field updates.source_url: entry 1: "
        "is required",
    ),
    "fit check points at an unknown route": (
        "fitcheck.yaml",
        lambda data: data["questions"][0]["choices"][0].update(points={"astronaut": 2}),
        "fitcheck.yaml: item {first}: field choices: 'astronaut' is not in routes.yaml",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_bad_seed_names_file_item_and_field_and_writes_nothing(seeds, case):
    loadguide()
    filename, change, expected = BROKEN[case]
    first = yaml.safe_load((seeds / filename).read_text())
    first = (first["questions"] if isinstance(first, dict) else first)[0]["slug"]
    seeds.edit(filename, change)
    # Make a harmless change elsewhere too, to prove it is not written either.
    seeds.edit("facts.yaml", lambda facts: facts[0].update(value="a different value"))
    before = snapshot()

    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("loadguide", str(seeds), stdout=io.StringIO(), stderr=err)
    assert expected.format(first=first) in err.getvalue()
    assert snapshot() == before


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(seeds):
    seeds.edit("roles.yaml", lambda roles: roles[0].pop("work"))
    seeds.edit("skills.yaml", lambda skills: skills[0].update(roles=["astronaut"]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("loadguide", str(seeds), stdout=io.StringIO(), stderr=err)
    assert "roles.yaml" in err.getvalue() and "skills.yaml" in err.getvalue()
    assert not Role.objects.exists()


@pytest.mark.django_db
def test_broken_yaml_names_the_file_and_line(seeds):
    with (seeds / "skills.yaml").open("a") as file:
        file.write("- slug: [unclosed\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadguide", str(seeds), stdout=io.StringIO(), stderr=err)
    assert "skills.yaml: item line" in err.getvalue()
    assert "is not valid YAML" in err.getvalue()


@pytest.mark.django_db
def test_a_missing_folder_or_file_is_reported(seeds, tmp_path):
    (seeds / "facts.yaml").unlink()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadguide", str(seeds), stdout=io.StringIO(), stderr=err)
    assert "facts.yaml: item -: field -: the file is missing" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("loadguide", str(tmp_path / "nowhere"), stderr=io.StringIO())


@pytest.mark.django_db
def test_a_seeded_update_goes_beside_the_guide_s_figure_and_an_editor_s_own_stays(seeds):
    loadguide()
    fact = Fact.objects.get(slug="people-working-on-the-problem")
    by_hand = FactUpdate.objects.create(
        fact=fact, value="about 1,000", as_of=date(2024, 6, 1), source_url="https://example.org/a"
    )
    update = {
        "value": "about 1,100",
        "as_of": date(2025, 1, 15),
        "source_url": "https://example.org/b",
        "note": "A later count.",
    }
    seeds.edit("facts.yaml", lambda facts: item(facts, fact.slug).update(updates=[update]))

    assert counts_row(loadguide(seeds), "facts") == [0, 1, Fact.objects.count() - 1, 0]
    fact.refresh_from_db()
    assert (fact.value, fact.as_of) == ("around 300", 2023)
    assert [(u.value, u.seeded) for u in fact.updates.all()] == [
        ("about 1,100", True),
        ("about 1,000", False),
    ]
    assert "0 write(s)" in loadguide(seeds)

    # Taking the update out of the seeds removes it, and only it.
    loadguide()
    assert list(fact.updates.all()) == [by_hand]
