"""Loads the catalog from seeds/: validate every file first, then write in one transaction.

A bad seed writes nothing; every problem is reported with its file, item and field. A good
one creates, updates or retires items by slug, and leaves unchanged rows untouched."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_origin

import yaml
from django.db import transaction
from pydantic import ValidationError

from careerplanner.guide import rules
from careerplanner.guide.models import FactUpdate, FitChoice, RouteStep
from careerplanner.guide.problems import Problem, SeedError, describe
from careerplanner.guide.schema import (
    SEED_FILES,
    SEED_FILES_BY_NAME,
    FactSeed,
    FitQuestionSeed,
    Ref,
    Refers,
    RouteSeed,
    Seed,
    SeedFile,
    columns,
    references,
)

__all__ = ["Counts", "SeedError", "load_catalog", "read_seeds", "validate"]


@dataclass
class Counts:
    """What a load did to the catalog's rows, for loadguide's summary line."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    @property
    def writes(self) -> int:
        return self.created + self.updated + self.retired


class Seeds(dict[str, list[Seed]]):
    """The valid items of each kind. `named` holds every slug a file names, its invalid
    items' too, so that one bad item is one problem, not one more per reference to it."""

    def __init__(self):
        super().__init__()
        self.named: dict[str, set[str]] = defaultdict(set)


def load_catalog(folder: Path) -> dict[str, Counts]:
    """Validates the seeds in `folder`, then writes them. Raises SeedError and writes
    nothing when anything is wrong."""
    seeds, problems = read_seeds(folder)
    problems += validate(seeds)
    if problems:
        raise SeedError(sorted(set(problems)))
    return write(seeds)


# Reading: YAML, then each item through its schema ---------------------------------------


def read_seeds(folder: Path) -> tuple[Seeds, list[Problem]]:
    seeds = Seeds()
    problems: list[Problem] = []
    if not folder.is_dir():
        return seeds, [Problem(str(folder), "-", "-", "is not a folder")]
    for seed_file in SEED_FILES:
        items, file_problems = _read_file(folder / seed_file.filename, seed_file, seeds.named)
        seeds[seed_file.name] = items
        problems += file_problems
    return seeds, problems


def _read_file(
    path: Path, seed_file: SeedFile, named: dict[str, set[str]]
) -> tuple[list[Seed], list[Problem]]:
    filename = seed_file.filename
    if not path.exists():
        return [], [Problem(filename, "-", "-", "the file is missing")]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "-"
        problem = getattr(error, "problem", None) or str(error)
        return [], [Problem(filename, where, "-", f"is not valid YAML: {problem}")]
    if seed_file.root_key:
        if not isinstance(data, dict) or seed_file.root_key not in data:
            return [], [Problem(filename, "-", seed_file.root_key, "is required at the top")]
        data = data[seed_file.root_key]
    if not isinstance(data, list):
        return [], [Problem(filename, "-", "-", "must be a list of items")]

    items: list[Seed] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(data, start=1):
        slug = raw.get("slug") if isinstance(raw, dict) else None
        name = slug if isinstance(slug, str) and slug else f"#{index}"
        if isinstance(slug, str):
            named[seed_file.name].add(slug)
        try:
            item = seed_file.schema.model_validate(raw)
        except ValidationError as error:
            problems += [Problem(filename, name, *describe(detail)) for detail in error.errors()]
            continue
        if item.slug in seen:
            problems.append(Problem(filename, item.slug, "slug", "is used twice in this file"))
            continue
        seen.add(item.slug)
        items.append(item)
    return items, problems


# Validating across files ------------------------------------------------------------------


def validate(seeds: Seeds) -> list[Problem]:
    problems: list[Problem] = []
    slugs = getattr(seeds, "named", None) or {
        name: {item.slug for item in items} for name, items in seeds.items()
    }
    for seed_file in SEED_FILES:
        for item in seeds.get(seed_file.name, []):
            for field, kind, targets in references(item):
                other = SEED_FILES_BY_NAME[kind].filename
                problems += [
                    Problem(seed_file.filename, item.slug, field, f"{target!r} is not in {other}")
                    for target in targets
                    if target not in slugs.get(kind, set())
                ]
    problems += rules.check(seeds)
    return problems


# Writing ----------------------------------------------------------------------------------


def write(seeds: Seeds) -> dict[str, Counts]:
    counts: dict[str, Counts] = {}
    ids: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for seed_file in SEED_FILES:
            counts[seed_file.name] = _write_file(seed_file, seeds[seed_file.name], ids)
    return counts


def _many_fields(seed_file: SeedFile) -> dict[str, str]:
    """Many-to-many fields written with .set(): field name → kind of the targets."""
    found = {}
    for name, info in seed_file.schema.model_fields.items():
        mark = next((m for m in info.metadata if isinstance(m, Refers)), None)
        if mark and get_origin(info.annotation) is list and name != "steps":
            found[name] = mark.kind
    return found


def _write_file(seed_file: SeedFile, items: list[Seed], ids: dict) -> Counts:
    model = seed_file.model
    counts = Counts()
    existing = {obj.slug: obj for obj in model.objects.all()}
    many = _many_fields(seed_file)
    current_many = _current_relations(seed_file, many)
    current_steps = _current_steps() if seed_file.schema is RouteSeed else {}
    current_choices = _current_choices() if seed_file.schema is FitQuestionSeed else {}
    current_updates = _current_updates() if seed_file.schema is FactSeed else {}

    saved = []  # (item, obj, created, changed)
    for position, item in enumerate(items):
        values = _resolve(columns(item), ids)
        values.update(position=position, retired=False)
        obj = existing.get(item.slug)
        if obj is None:
            saved.append((item, model.objects.create(slug=item.slug, **values), True, True))
            continue
        changed = any(getattr(obj, name) != value for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        saved.append((item, obj, False, changed))

    seeded = {item.slug for item in items}
    leaving = [slug for slug, obj in existing.items() if slug not in seeded and not obj.retired]
    counts.retired = model.objects.filter(slug__in=leaving).update(retired=True)
    # Known before the relations are written, since milestones name other milestones.
    ids[seed_file.name] = {item.slug: obj.pk for item, obj, _, _ in saved}

    for item, obj, created, changed in saved:
        for name, kind in many.items():
            wanted = {ids[kind][slug] for slug in getattr(item, name)}
            if set(current_many[name].get(obj.pk, [])) != wanted:
                getattr(obj, name).set(wanted)
                changed = True
        if isinstance(item, RouteSeed):
            changed = _write_steps(obj, item, ids, current_steps) or changed
        if isinstance(item, FitQuestionSeed):
            changed = _write_choices(obj, item, current_choices) or changed
        if isinstance(item, FactSeed):
            changed = _write_updates(obj, item, current_updates) or changed
        if created:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def _resolve(values: dict[str, Any], ids: dict) -> dict[str, Any]:
    return {
        name: ids[value.kind][value.slug] if isinstance(value, Ref) else value
        for name, value in values.items()
    }


def _write_steps(route, item: RouteSeed, ids: dict, current: dict) -> bool:
    wanted = [ids["milestones"][slug] for slug in item.steps]
    if current.get(route.pk, []) == wanted:
        return False
    RouteStep.objects.filter(route=route).delete()
    RouteStep.objects.bulk_create(
        RouteStep(route=route, milestone_id=milestone, position=number)
        for number, milestone in enumerate(wanted, start=1)
    )
    return True


def _write_choices(question, item: FitQuestionSeed, current: dict) -> bool:
    wanted = [choice.model_dump() for choice in item.choices]
    if current.get(question.pk, []) == wanted:
        return False
    FitChoice.objects.filter(question=question).delete()
    FitChoice.objects.bulk_create(
        FitChoice(question=question, position=number, **row) for number, row in enumerate(wanted)
    )
    return True


def _write_updates(fact, item: FactSeed, current: dict) -> bool:
    """Replaces the fact's seeded updates; those an editor added in the admin stay."""
    wanted = [update.model_dump() for update in item.updates]
    if current.get(fact.pk, []) == wanted:
        return False
    FactUpdate.objects.filter(fact=fact, seeded=True).delete()
    FactUpdate.objects.bulk_create(FactUpdate(fact=fact, seeded=True, **row) for row in wanted)
    return True


def _current_relations(seed_file: SeedFile, many: dict) -> dict[str, dict[int, list[int]]]:
    """For each many-to-many field, owner pk → target pks as stored now."""
    current: dict[str, dict[int, list[int]]] = {}
    for name in many:
        field = seed_file.model._meta.get_field(name)
        rows = field.remote_field.through.objects.values_list(
            f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        )
        by_owner: dict[int, list[int]] = defaultdict(list)
        for owner, target in rows:
            by_owner[owner].append(target)
        current[name] = by_owner
    return current


def _current_steps() -> dict[int, list[int]]:
    current: dict[int, list[int]] = defaultdict(list)
    for route, milestone in RouteStep.objects.order_by("route", "position").values_list(
        "route_id", "milestone_id"
    ):
        current[route].append(milestone)
    return current


def _current_choices() -> dict[int, list[dict]]:
    current: dict[int, list[dict]] = defaultdict(list)
    for row in FitChoice.objects.order_by("question", "position").values(
        "question_id",
        "value",
        "label",
        "reason",
        "points",
        "excludes",
        "had",
        "doing",
        "caveat",
        "hours_per_week",
    ):
        current[row.pop("question_id")].append(row)
    return current


def _current_updates() -> dict[int, list[dict]]:
    current: dict[int, list[dict]] = defaultdict(list)
    rows = FactUpdate.objects.filter(seeded=True).order_by("fact", "pk")
    for row in rows.values("fact_id", "value", "as_of", "source_url", "note"):
        current[row.pop("fact_id")].append(row)
    return current
