"""What the seed files may hold: one pydantic model per kind of item.

Text limits and allowed values are read from the catalog's models, so whatever passes here
also fits the database. Fields that name items of another file carry a `Refers` mark; the
loader checks those names once every file is read (see loading.py)."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from careerplanner.guide import models as catalog
from careerplanner.guide import sizes

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_POINTS = 5

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


@dataclass(frozen=True)
class Refers:
    """Marks a field that names items of another seed file (by its kind) by slug."""

    kind: str


def _text(model, name: str):
    """Non-empty text, no longer than the model's column allows."""
    limit = getattr(model._meta.get_field(name), "max_length", None)
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)]


def _choice(model, name: str):
    values = tuple(value for value, _ in model._meta.get_field(name).choices)
    return Literal[values]


def _check_url(value: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError:
        raise ValueError(f"{value!r} is not an http(s) URL") from None
    return value


def _url(model, name: str = "url"):
    limit = model._meta.get_field(name).max_length
    return Annotated[str, StringConstraints(max_length=limit), AfterValidator(_check_url)]


def _check_named_by(value: str) -> str:
    """`guide`, or the http(s) address of the public page a resource comes from."""
    if value == "guide":
        return value
    limit = catalog.Resource._meta.get_field("named_by").max_length
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError:
        raise ValueError(
            f"{value!r} is neither `guide` nor the http(s) address of the page that names it"
        ) from None
    if len(value) > limit:
        raise ValueError(f"is {len(value)} characters long; the most is {limit}")
    return value


def month_day(value: str) -> tuple[int, int]:
    """ "12-15" → (12, 15), refusing dates that do not come round every year."""
    try:
        month, day = (int(part) for part in str(value).split("-"))
    except ValueError:
        raise ValueError(f"{value!r} is not a month and day such as “12-15”") from None
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r}: there is no month {month}")
    if month == 2 and day == 29:
        raise ValueError(f"{value!r} comes round only in leap years; use 02-28 or 03-01")
    if not 1 <= day <= calendar.monthrange(2023, month)[1]:
        raise ValueError(f"{value!r} never occurs: {calendar.month_name[month]} has no day {day}")
    return month, day


def _check_month_day(value: str) -> str:
    month_day(value)
    return value


MonthDay = Annotated[str, AfterValidator(_check_month_day)]
MonthDays = MonthDay | Annotated[list[MonthDay], Field(min_length=1)]


def _amount(units: tuple[sizes.Unit, ...], what: str):
    def check(value: str) -> str:
        amount = sizes.parse(value)
        if amount.unit not in units:
            allowed = ", ".join(units)
            raise ValueError(f"{value!r} is in {amount.unit}; {what} is counted in {allowed}")
        return value

    return Annotated[str, AfterValidator(check)]


class Seed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sourced(Seed):
    """A figure's origin: `source`, the guide section it is from, or `estimate`, our basis."""

    source: Annotated[Slug | None, Refers("sections")] = None
    estimate: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_origin(self):
        if (self.source is None) == (self.estimate is None):
            raise ValueError(
                "say where the figure comes from: `source` (a guide section) "
                "or `estimate` (our basis in a few words), not both"
            )
        return self


class Size(Sourced):
    effort: _amount((sizes.Unit.HOURS,), "effort") | None = None
    duration: _amount(sizes.CALENDAR_UNITS, "a duration") | None = None
    full_time: bool = False

    @model_validator(mode="after")
    def _some_size(self):
        if self.effort is None and self.duration is None:
            raise ValueError("give `effort` (hours), `duration` (weeks, months, years) or both")
        if self.full_time and self.duration is None:
            raise ValueError("`full_time` needs a `duration`: it is calendar time taken up")
        return self


class Item(Seed):
    slug: Slug
    source: Annotated[Slug, Refers("sections")]


class SectionSeed(Seed):
    slug: Slug
    title: _text(catalog.Section, "title")


class RoleSeed(Item):
    name: _text(catalog.Role, "name")
    track: _choice(catalog.Role, "track")
    level: _choice(catalog.Role, "level") = Field(alias="position")
    summary: _text(catalog.Role, "summary")
    work: _text(catalog.Role, "work")
    phd: _choice(catalog.Role, "phd")
    phd_note: _text(catalog.Role, "phd_note")
    where: _text(catalog.Role, "where")


class SkillSeed(Item):
    name: _text(catalog.Skill, "name")
    summary: _text(catalog.Skill, "summary")
    roles: Annotated[list[Slug], Refers("roles")] = []


class ResourceSeed(Item):
    title: _text(catalog.Resource, "title")
    kind: _choice(catalog.Resource, "kind")
    url: _url(catalog.Resource) = ""
    summary: _text(catalog.Resource, "summary")
    length: _text(catalog.Resource, "length") | None = None
    # Required, so that nothing from outside the guide passes for the guide's advice.
    named_by: Annotated[str, AfterValidator(_check_named_by)]
    skills: Annotated[list[Slug], Refers("skills")] = []


class WindowSeed(Sourced):
    slug: Slug
    name: _text(catalog.Window, "name")
    due: MonthDays | None = None
    starts: MonthDays | None = None
    opens: MonthDay | None = None

    @model_validator(mode="after")
    def _one_anchor(self):
        if (self.due is None) == (self.starts is None):
            raise ValueError("give `due` (done by that date) or `starts` (begins then), not both")
        return self


class MilestoneSeed(Item):
    title: _text(catalog.Milestone, "title")
    stage: _choice(catalog.Milestone, "stage")
    kind: _choice(catalog.Milestone, "kind")
    summary: _text(catalog.Milestone, "summary")
    why: _text(catalog.Milestone, "why")
    degree: _choice(catalog.Milestone, "degree") | None = None
    at_ai_lab: bool = False
    checkpoint: _choice(catalog.Milestone, "checkpoint") | None = None
    size: Size | None = None
    window: Annotated[Slug | None, Refers("windows")] = None
    skills: Annotated[list[Slug], Refers("skills")] = []
    roles: Annotated[list[Slug], Refers("roles"), Field(min_length=1)]
    prerequisites: Annotated[list[Slug], Refers("milestones")] = []
    done_when: _text(catalog.Milestone, "done_when")
    evidence: _text(catalog.Milestone, "evidence")
    resources: Annotated[list[Slug], Refers("resources")] = []


class OrganisationSeed(Item):
    name: _text(catalog.Organisation, "name")
    kind: _choice(catalog.Organisation, "kind")
    focus: _choice(catalog.Organisation, "focus")
    summary: _text(catalog.Organisation, "summary")
    url: _url(catalog.Organisation) = ""


class OpportunitySeed(Item):
    name: _text(catalog.Opportunity, "name")
    kind: _choice(catalog.Opportunity, "kind")
    organisation: Annotated[Slug | None, Refers("organisations")] = None
    summary: _text(catalog.Opportunity, "summary")
    url: _url(catalog.Opportunity) = ""
    roles: Annotated[list[Slug], Refers("roles")] = []


class FitTestSeed(Item):
    title: _text(catalog.FitTest, "title")
    summary: _text(catalog.FitTest, "summary")
    roles: Annotated[list[Slug], Refers("roles"), Field(min_length=1)]
    milestone: Annotated[Slug | None, Refers("milestones")] = None


class FactUpdateSeed(Seed):
    """A newer figure beside the guide's: its value, date and the page it comes from."""

    value: _text(catalog.FactUpdate, "value")
    as_of: date
    source_url: _url(catalog.FactUpdate, "source_url")
    note: str = ""


class FactSeed(Item):
    title: _text(catalog.Fact, "title")
    value: _text(catalog.Fact, "value")
    summary: _text(catalog.Fact, "summary")
    # The year the figure describes; the guide's figures are as of 2023.
    as_of: Annotated[int, Field(ge=1900, le=2100, strict=True)]
    roles: Annotated[list[Slug], Refers("roles")] = []
    updates: list[FactUpdateSeed] = []


class RouteSeed(Item):
    title: _text(catalog.RouteTemplate, "title")
    role: Annotated[Slug, Refers("roles")]
    way_in: _text(catalog.RouteTemplate, "way_in")
    summary: _text(catalog.RouteTemplate, "summary")
    steps: Annotated[list[Slug], Refers("milestones"), Field(min_length=1)]


class FitChoiceSeed(Seed):
    value: Slug
    label: _text(catalog.FitChoice, "label")
    reason: _text(catalog.FitChoice, "reason")
    points: Annotated[
        dict[Slug, Annotated[int, Field(ge=0, le=MAX_POINTS, strict=True)]], Refers("routes")
    ] = {}
    excludes: Annotated[list[Slug], Refers("routes")] = []
    had: Annotated[list[Slug], Refers("milestones")] = []
    doing: Annotated[list[Slug], Refers("milestones")] = []
    caveat: str = ""
    hours_per_week: Annotated[int, Field(ge=1, le=80, strict=True)] | None = None


class FitQuestionSeed(Seed):
    slug: Slug
    source: Annotated[Slug | None, Refers("sections")] = None
    part: _choice(catalog.FitQuestion, "part") = "fit"
    text: _text(catalog.FitQuestion, "text")
    help: str = ""
    choices: Annotated[list[FitChoiceSeed], Field(min_length=1)]

    @model_validator(mode="after")
    def _distinct_values(self):
        values = [choice.value for choice in self.choices]
        if len(set(values)) != len(values):
            raise ValueError("two answers share a value")
        return self


@dataclass(frozen=True)
class SeedFile:
    name: str  # the kind's name, as `Refers` marks name it
    filename: str
    schema: type[Seed]
    model: Any
    root_key: str | None = None  # fitcheck.yaml nests its list under `questions`


SEED_FILES = [
    SeedFile("sections", "sections.yaml", SectionSeed, catalog.Section),
    SeedFile("roles", "roles.yaml", RoleSeed, catalog.Role),
    SeedFile("skills", "skills.yaml", SkillSeed, catalog.Skill),
    SeedFile("resources", "resources.yaml", ResourceSeed, catalog.Resource),
    SeedFile("windows", "windows.yaml", WindowSeed, catalog.Window),
    SeedFile("milestones", "milestones.yaml", MilestoneSeed, catalog.Milestone),
    SeedFile("organisations", "organisations.yaml", OrganisationSeed, catalog.Organisation),
    SeedFile("opportunities", "opportunities.yaml", OpportunitySeed, catalog.Opportunity),
    SeedFile("tests_of_fit", "tests_of_fit.yaml", FitTestSeed, catalog.FitTest),
    SeedFile("facts", "facts.yaml", FactSeed, catalog.Fact),
    SeedFile("routes", "routes.yaml", RouteSeed, catalog.RouteTemplate),
    SeedFile("fitcheck", "fitcheck.yaml", FitQuestionSeed, catalog.FitQuestion, "questions"),
]
SEED_FILES_BY_NAME = {seed_file.name: seed_file for seed_file in SEED_FILES}


def references(seed: Seed) -> list[tuple[str, str, list[str]]]:
    """(field, kind, slugs) for every field of `seed` marked with `Refers`, nested sizes
    and answers included, so the loader can check that each slug exists."""
    found = []
    for name, info in type(seed).model_fields.items():
        value = getattr(seed, name)
        mark = next((m for m in info.metadata if isinstance(m, Refers)), None)
        if mark is not None and value:
            slugs = list(value) if isinstance(value, list | dict) else [value]
            found.append((info.alias or name, mark.kind, slugs))
        elif isinstance(value, Seed):
            found += [(f"{name}.{f}", k, s) for f, k, s in references(value)]
        elif isinstance(value, list) and value and isinstance(value[0], Seed):
            found += [(name, k, s) for each in value for _, k, s in references(each)]
    return found


@dataclass(frozen=True)
class Ref:
    """A foreign key column's value before the ids are known: the kind and the slug."""

    kind: str
    slug: str


def columns(seed: Seed) -> dict[str, Any]:
    """The scalar columns a seed item writes: plain values, and `Ref`s for foreign keys.
    Lists (many-to-many, route steps, answers) are written by the loader separately."""
    values: dict[str, Any] = {}
    for name, info in type(seed).model_fields.items():
        value = getattr(seed, name)
        mark = next((m for m in info.metadata if isinstance(m, Refers)), None)
        if name == "slug" or isinstance(value, list | dict | Seed):
            continue
        if mark is not None:
            values[f"{name}_id"] = Ref(mark.kind, value) if value else None
        else:
            values[name] = "" if value is None else value
    if isinstance(seed, MilestoneSeed):
        values.update(_size_columns(seed.size))
    if isinstance(seed, ResourceSeed) and seed.named_by == "guide":
        values["named_by"] = ""
    if isinstance(seed, WindowSeed):
        values = _window_columns(seed)
    return values


def _size_columns(size: Size | None) -> dict[str, Any]:
    effort = sizes.parse(size.effort) if size and size.effort else None
    duration = sizes.parse(size.duration) if size and size.duration else None
    return {
        "effort_hours_low": effort.low if effort else None,
        "effort_hours_high": effort.high if effort else None,
        "duration_low": duration.low if duration else None,
        "duration_high": duration.high if duration else None,
        "duration_unit": duration.unit.value if duration else "",
        "full_time": bool(size and size.full_time),
        "size_section_id": Ref("sections", size.source) if size and size.source else None,
        "size_estimate": (size.estimate or "") if size else "",
    }


def _window_columns(window: WindowSeed) -> dict[str, Any]:
    dates = window.due or window.starts
    dates = sorted(dates if isinstance(dates, list) else [dates], key=month_day)
    return {
        "name": window.name,
        "anchor": catalog.Window.Anchor.DUE if window.due else catalog.Window.Anchor.STARTS,
        "dates": ",".join("{:02d}-{:02d}".format(*month_day(each)) for each in dates),
        "opens_month": month_day(window.opens)[0] if window.opens else None,
        "section_id": Ref("sections", window.source) if window.source else None,
        "estimate": window.estimate or "",
    }
