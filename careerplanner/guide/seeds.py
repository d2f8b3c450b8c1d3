"""What the seed files look like: one declaration per file, read by the loader.

Each file is a YAML list of items (fitcheck.yaml: a mapping whose `questions` is that list).
Every item has a `slug`; every field below is checked for presence and type before anything
is written. See seeds/README.md for the editor's view of the same rules."""

from dataclasses import dataclass, field

from django.db import models

from careerplanner.guide.models import (
    Fact,
    FitQuestion,
    FitTest,
    Milestone,
    Opportunity,
    Organisation,
    Resource,
    Role,
    RouteTemplate,
    Section,
    Skill,
)


@dataclass(frozen=True)
class Text:
    required: bool = True
    attr: str | None = None


@dataclass(frozen=True)
class Choice:
    """A value from the model field's choices."""

    required: bool = True
    attr: str | None = None


@dataclass(frozen=True)
class Url:
    required: bool = False
    attr: str | None = None


@dataclass(frozen=True)
class Range:
    """[low, high] whole numbers, stored as `<name>_low` and `<name>_high`."""

    required: bool = False
    attr: str | None = None


@dataclass(frozen=True)
class Ref:
    """The slug of one item of another kind."""

    kind: str
    required: bool = True
    attr: str | None = None


@dataclass(frozen=True)
class Refs:
    """A list of slugs of another kind (a many-to-many)."""

    kind: str
    required: bool = False
    at_least: int = 0
    attr: str | None = None


@dataclass(frozen=True)
class Steps:
    """An ordered list of milestone slugs: a route's RouteStep rows."""

    required: bool = True
    attr: str | None = None


@dataclass(frozen=True)
class Choices:
    """A fit-check question's answers: value, label, reason and points per route."""

    required: bool = True
    attr: str | None = None


FieldSpec = Text | Choice | Url | Range | Ref | Refs | Steps | Choices


@dataclass(frozen=True)
class SeedFile:
    name: str  # the kind's name, as other files refer to it
    filename: str
    model: type[models.Model]
    fields: dict[str, FieldSpec]
    root_key: str | None = None  # fitcheck.yaml nests its list under `questions`
    sourced: bool = True  # every item but the sections points at a guide section
    all_fields: dict[str, FieldSpec] = field(init=False)

    def __post_init__(self):
        fields = dict(self.fields)
        if self.sourced:
            fields.setdefault("source", Ref("sections"))
        object.__setattr__(self, "all_fields", fields)


SEED_FILES: list[SeedFile] = [
    SeedFile("sections", "sections.yaml", Section, {"title": Text()}, sourced=False),
    SeedFile(
        "roles",
        "roles.yaml",
        Role,
        {
            "name": Text(),
            "track": Choice(),
            "position": Choice(attr="level"),
            "summary": Text(),
            "work": Text(),
            "phd": Choice(),
            "phd_note": Text(),
            "where": Text(),
        },
    ),
    SeedFile(
        "skills",
        "skills.yaml",
        Skill,
        {"name": Text(), "summary": Text(), "roles": Refs("roles")},
    ),
    SeedFile(
        "resources",
        "resources.yaml",
        Resource,
        {
            "title": Text(),
            "kind": Choice(),
            "url": Url(),
            "summary": Text(),
            "skills": Refs("skills"),
        },
    ),
    SeedFile(
        "milestones",
        "milestones.yaml",
        Milestone,
        {
            "title": Text(),
            "stage": Choice(),
            "kind": Choice(),
            "summary": Text(),
            "why": Text(),
            "effort_hours": Range(),
            "duration_months": Range(),
            "skills": Refs("skills"),
            "roles": Refs("roles", at_least=1),
            "prerequisites": Refs("milestones"),
            "done_when": Text(),
            "resources": Refs("resources"),
        },
    ),
    SeedFile(
        "organisations",
        "organisations.yaml",
        Organisation,
        {"name": Text(), "kind": Choice(), "focus": Choice(), "summary": Text(), "url": Url()},
    ),
    SeedFile(
        "opportunities",
        "opportunities.yaml",
        Opportunity,
        {
            "name": Text(),
            "kind": Choice(),
            "organisation": Ref("organisations", required=False),
            "summary": Text(),
            "url": Url(),
            "roles": Refs("roles"),
        },
    ),
    SeedFile(
        "tests_of_fit",
        "tests_of_fit.yaml",
        FitTest,
        {
            "title": Text(),
            "summary": Text(),
            "roles": Refs("roles", at_least=1),
            "milestone": Ref("milestones", required=False),
        },
    ),
    SeedFile(
        "facts",
        "facts.yaml",
        Fact,
        {"title": Text(), "value": Text(), "summary": Text()},
    ),
    SeedFile(
        "routes",
        "routes.yaml",
        RouteTemplate,
        {
            "title": Text(),
            "role": Ref("roles"),
            "way_in": Text(),
            "summary": Text(),
            "steps": Steps(),
        },
    ),
    SeedFile(
        "fitcheck",
        "fitcheck.yaml",
        FitQuestion,
        {
            "text": Text(),
            "help": Text(required=False),
            "choices": Choices(),
            "source": Ref("sections", required=False),
        },
        root_key="questions",
    ),
]

SEED_FILES_BY_NAME = {seed_file.name: seed_file for seed_file in SEED_FILES}
