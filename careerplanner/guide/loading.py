"""Loads the catalog from seeds/: validate every file first, then write in one transaction.

A bad seed writes nothing; every problem is reported with its file, item and field. A good
one creates, updates or retires items by slug, and leaves unchanged rows untouched."""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from careerplanner.guide.models import FitChoice, RouteStep
from careerplanner.guide.seeds import (
    SEED_FILES,
    SEED_FILES_BY_NAME,
    Choice,
    Choices,
    Range,
    Ref,
    Refs,
    SeedFile,
    Steps,
    Text,
    Url,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_POINTS = 5


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: item {self.item}: field {self.field}: {self.message}"


class SeedError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seeds")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    @property
    def writes(self) -> int:
        return self.created + self.updated + self.retired


Seeds = dict[str, list[dict[str, Any]]]


def load_catalog(folder: Path) -> dict[str, Counts]:
    """Validates the seeds in `folder`, then writes them. Raises SeedError and writes
    nothing when anything is wrong."""
    seeds, problems = read_seeds(folder)
    problems += validate(seeds)
    if problems:
        raise SeedError(sorted(set(problems)))
    return write(seeds)


# Reading ---------------------------------------------------------------------------------


def read_seeds(folder: Path) -> tuple[Seeds, list[Problem]]:
    seeds: Seeds = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return {}, [Problem(str(folder), "-", "-", "is not a folder")]
    for seed_file in SEED_FILES:
        path = folder / seed_file.filename
        seeds[seed_file.name] = []
        if not path.exists():
            problems.append(Problem(seed_file.filename, "-", "-", "the file is missing"))
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "-"
            problem = getattr(error, "problem", None) or str(error)
            problems.append(
                Problem(seed_file.filename, where, "-", f"is not valid YAML: {problem}")
            )
            continue
        if seed_file.root_key:
            if not isinstance(data, dict) or seed_file.root_key not in data:
                problems.append(
                    Problem(seed_file.filename, "-", seed_file.root_key, "is required at the top")
                )
                continue
            data = data[seed_file.root_key]
        if not isinstance(data, list):
            problems.append(Problem(seed_file.filename, "-", "-", "must be a list of items"))
            continue
        seeds[seed_file.name] = data
    return seeds, problems


# Validating ------------------------------------------------------------------------------


def validate(seeds: Seeds) -> list[Problem]:
    problems: list[Problem] = []
    slugs: dict[str, set[str]] = {}
    for seed_file in SEED_FILES:
        slugs[seed_file.name] = _check_items(seed_file, seeds.get(seed_file.name, []), problems)
    for seed_file in SEED_FILES:
        for item in _good_items(seeds.get(seed_file.name, [])):
            _check_references(seed_file, item, slugs, problems)
    _check_prerequisite_cycles(seeds.get("milestones", []), problems)
    _check_route_order(seeds, problems)
    return problems


def _good_items(items: list) -> list[dict]:
    return [item for item in items if isinstance(item, dict) and isinstance(item.get("slug"), str)]


def _check_items(seed_file: SeedFile, items: list, problems: list[Problem]) -> set[str]:
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        name = f"#{index}"
        if not isinstance(item, dict):
            problems.append(Problem(seed_file.filename, name, "-", "must be a mapping of fields"))
            continue
        slug = item.get("slug")
        if slug is None:
            problems.append(Problem(seed_file.filename, name, "slug", "is required"))
        elif not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(
                Problem(
                    seed_file.filename, name, "slug", f"{slug!r} is not a lowercase-hyphen slug"
                )
            )
        elif slug in seen:
            problems.append(Problem(seed_file.filename, slug, "slug", "is used twice in this file"))
        else:
            seen.add(slug)
            name = slug
        for key in item.keys() - seed_file.all_fields.keys() - {"slug"}:
            problems.append(Problem(seed_file.filename, name, str(key), "is not a known field"))
        for key, spec in seed_file.all_fields.items():
            value = item.get(key)
            if value is None:
                if spec.required:
                    problems.append(Problem(seed_file.filename, name, key, "is required"))
                continue
            message = _type_problem(seed_file, key, spec, value)
            if message:
                problems.append(Problem(seed_file.filename, name, key, message))
    return seen


def _type_problem(seed_file: SeedFile, key: str, spec, value) -> str | None:  # noqa: C901
    match spec:
        case Text():
            if not isinstance(value, str) or not value.strip():
                return "must be non-empty text"
        case Choice():
            allowed = [c for c, _ in seed_file.model._meta.get_field(spec.attr or key).choices]
            if value not in allowed:
                return f"{value!r} is not one of: {', '.join(allowed)}"
        case Url():
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                return f"{value!r} is not an http(s) URL"
        case Range():
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
            ):
                return "must be [low, high], two whole numbers"
            if min(value) < 0:
                return "must not be negative"
            if value[0] > value[1]:
                return f"low {value[0]} is above high {value[1]}"
        case Ref():
            if not isinstance(value, str):
                return "must be one slug"
        case Refs() | Steps():
            if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
                return "must be a list of slugs"
            if len(set(value)) != len(value):
                return "names the same slug twice"
            if isinstance(spec, Refs) and len(value) < spec.at_least:
                return f"must name at least {spec.at_least}"
            if isinstance(spec, Steps) and not value:
                return "must name at least one milestone"
        case Choices():
            return _choices_problem(value)
    return None


def _choices_problem(choices) -> str | None:
    if not isinstance(choices, list) or not choices:
        return "must be a list of answers"
    values = []
    for number, choice in enumerate(choices, start=1):
        if not isinstance(choice, dict):
            return f"answer {number} must be a mapping"
        for part in ("value", "label", "reason"):
            if not isinstance(choice.get(part), str) or not choice[part].strip():
                return f"answer {number} needs {part} as text"
        if not SLUG.match(choice["value"]):
            return f"answer {number}: value {choice['value']!r} is not a slug"
        points = choice.get("points", {}) or {}
        if not isinstance(points, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_POINTS
            for n in points.values()
        ):
            return f"answer {number}: points must map route slugs to whole numbers 0–{MAX_POINTS}"
        values.append(choice["value"])
    if len(set(values)) != len(values):
        return "two answers share a value"
    return None


def _check_references(seed_file: SeedFile, item: dict, slugs, problems: list[Problem]) -> None:
    for key, spec in seed_file.all_fields.items():
        value = item.get(key)
        if value is None:
            continue
        match spec:
            case Ref(kind=kind):
                targets = [value] if isinstance(value, str) else []
            case Refs(kind=kind):
                targets = value if isinstance(value, list) else []
            case Steps():
                kind, targets = "milestones", value if isinstance(value, list) else []
            case Choices():
                kind = "routes"
                targets = [
                    route
                    for choice in value
                    if isinstance(choice, dict) and isinstance(choice.get("points"), dict)
                    for route in choice["points"]
                ]
            case _:
                continue
        other = SEED_FILES_BY_NAME[kind].filename
        for target in targets:
            if isinstance(target, str) and target not in slugs[kind]:
                problems.append(
                    Problem(seed_file.filename, item["slug"], key, f"{target!r} is not in {other}")
                )


def _check_prerequisite_cycles(milestones: list, problems: list[Problem]) -> None:
    graph = {
        item["slug"]: [p for p in item.get("prerequisites") or [] if isinstance(p, str)]
        for item in _good_items(milestones)
    }
    done: set[str] = set()
    reported: set[frozenset] = set()

    def visit(slug: str, path: list[str]) -> None:
        if slug in path:
            cycle = path[path.index(slug) :] + [slug]
            if frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                problems.append(
                    Problem(
                        "milestones.yaml",
                        slug,
                        "prerequisites",
                        f"form a cycle: {' → '.join(cycle)}",
                    )
                )
            return
        if slug in done or slug not in graph:
            return
        for prerequisite in graph[slug]:
            visit(prerequisite, path + [slug])
        done.add(slug)

    for slug in graph:
        visit(slug, [])


def _check_route_order(seeds: Seeds, problems: list[Problem]) -> None:
    prerequisites = {
        item["slug"]: set(item.get("prerequisites") or [])
        for item in _good_items(seeds.get("milestones", []))
        if isinstance(item.get("prerequisites") or [], list)
    }
    for route in _good_items(seeds.get("routes", [])):
        steps = route.get("steps")
        if not isinstance(steps, list):
            continue
        placed: set = set()
        for step in steps:
            for missing in sorted((prerequisites.get(step, set()) & set(steps)) - placed):
                problems.append(
                    Problem(
                        "routes.yaml",
                        route["slug"],
                        "steps",
                        f"{step!r} comes before its prerequisite {missing!r}",
                    )
                )
            placed.add(step)


# Writing ---------------------------------------------------------------------------------


def write(seeds: Seeds) -> dict[str, Counts]:
    counts: dict[str, Counts] = {}
    ids: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for seed_file in SEED_FILES:
            counts[seed_file.name] = _write_file(seed_file, seeds[seed_file.name], ids)
    return counts


def _write_file(seed_file: SeedFile, items: list[dict], ids: dict) -> Counts:
    model = seed_file.model
    counts = Counts()
    existing = {obj.slug: obj for obj in model.objects.all()}
    many = {
        key: spec for key, spec in seed_file.all_fields.items() if isinstance(spec, Refs | Steps)
    }
    current_many = _current_relations(seed_file, many)
    current_choices = _current_choices() if seed_file.name == "fitcheck" else {}

    saved = []  # (item, obj, created, changed)
    for position, item in enumerate(items):
        values = _scalar_values(seed_file, item, ids)
        values.update(position=position, retired=False)
        obj = existing.get(item["slug"])
        if obj is None:
            saved.append((item, model.objects.create(slug=item["slug"], **values), True, True))
            continue
        changed = any(getattr(obj, name) != value for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        saved.append((item, obj, False, changed))

    seeded = {item["slug"] for item in items}
    leaving = [slug for slug, obj in existing.items() if slug not in seeded and not obj.retired]
    counts.retired = model.objects.filter(slug__in=leaving).update(retired=True)
    # Known before the relations are written, since milestones name other milestones.
    ids[seed_file.name] = {item["slug"]: obj.pk for item, obj, _, _ in saved}

    for item, obj, created, changed in saved:
        changed = _write_relations(seed_file, item, obj, many, current_many, ids) or changed
        if seed_file.name == "fitcheck":
            changed = _write_choices(obj, item["choices"], current_choices) or changed
        if created:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def _write_relations(seed_file, item, obj, many, current_many, ids) -> bool:
    changed = False
    for key, spec in many.items():
        wanted = [ids[_target(spec)][slug] for slug in item.get(key) or []]
        if isinstance(spec, Steps):
            if current_many[key].get(obj.pk, []) != wanted:
                RouteStep.objects.filter(route=obj).delete()
                RouteStep.objects.bulk_create(
                    RouteStep(route=obj, milestone_id=m, position=n)
                    for n, m in enumerate(wanted, start=1)
                )
                changed = True
        elif set(current_many[key].get(obj.pk, [])) != set(wanted):
            getattr(obj, spec.attr or key).set(wanted)
            changed = True
    return changed


def _write_choices(question, choices: list[dict], current_choices: dict) -> bool:
    wanted = _choice_rows(choices)
    if current_choices.get(question.pk, []) == wanted:
        return False
    FitChoice.objects.filter(question=question).delete()
    FitChoice.objects.bulk_create(
        FitChoice(question=question, position=n, **row) for n, row in enumerate(wanted)
    )
    return True


def _target(spec) -> str:
    return "milestones" if isinstance(spec, Steps) else spec.kind


def _scalar_values(seed_file: SeedFile, item: dict, ids: dict) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, spec in seed_file.all_fields.items():
        value = item.get(key)
        attr = spec.attr or key
        match spec:
            case Text() | Choice() | Url():
                values[attr] = value.strip() if isinstance(value, str) else ""
            case Range():
                low, high = value if value else (None, None)
                values[f"{attr}_low"], values[f"{attr}_high"] = low, high
            case Ref(kind=kind):
                values[f"{attr}_id"] = ids[kind][value] if value else None
    return values


def _current_relations(seed_file: SeedFile, many: dict) -> dict[str, dict[int, list[int]]]:
    """For each many-valued field, owner pk → target pks as stored now (steps in order)."""
    current: dict[str, dict[int, list[int]]] = {}
    for key, spec in many.items():
        by_owner: dict[int, list[int]] = defaultdict(list)
        if isinstance(spec, Steps):
            rows = RouteStep.objects.order_by("route", "position").values_list(
                "route_id", "milestone_id"
            )
        else:
            field = seed_file.model._meta.get_field(spec.attr or key)
            through = field.remote_field.through
            rows = through.objects.values_list(
                f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            )
        for owner, target in rows:
            by_owner[owner].append(target)
        current[key] = by_owner
    return current


def _choice_rows(choices: list[dict]) -> list[dict]:
    return [
        {
            "value": choice["value"],
            "label": choice["label"].strip(),
            "reason": choice["reason"].strip(),
            "points": dict(choice.get("points") or {}),
        }
        for choice in choices
    ]


def _current_choices() -> dict[int, list[dict]]:
    current: dict[int, list[dict]] = defaultdict(list)
    for row in FitChoice.objects.order_by("question", "position").values(
        "question_id", "value", "label", "reason", "points"
    ):
        current[row.pop("question_id")].append(row)
    return current
