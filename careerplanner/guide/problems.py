"""What a bad seed looks like to an editor: one line per problem, `file: item: field: what`."""

from dataclasses import dataclass
from typing import Any


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


def describe(error: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error as (field, message), in words an editor can act on."""
    location = [str(part) for part in error["loc"] if not isinstance(part, int)]
    # A tagged union or a constrained type adds its own name to the location; drop it.
    location = [part for part in location if not part.startswith(("function-", "constrained-"))]
    field = ".".join(location) or "-"
    value, context = error.get("input"), error.get("ctx") or {}
    kind = error["type"]
    if kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a known field"
    elif kind == "literal_error":
        message = f"{value!r} is not one of: {context.get('expected', '')}"
    elif kind == "string_too_long":
        message = f"is {len(value.strip())} characters long; the most is {context['max_length']}"
    elif kind == "string_too_short":
        message = "must be non-empty text"
    elif kind == "string_pattern_mismatch":
        message = f"{value!r} is not a lowercase-hyphen slug"
    elif kind == "too_short":
        message = f"must name at least {context.get('min_length', 1)}"
    elif kind in ("string_type", "list_type", "dict_type", "int_type", "model_type"):
        wanted = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}
        message = f"must be {wanted.get(kind, 'of another kind')}, not {value!r}"
    elif kind == "value_error":
        message = str(context.get("error", error["msg"]))
    else:
        message = error["msg"]
    index = next((part for part in error["loc"] if isinstance(part, int)), None)
    if index is not None and field != "-":
        message = f"entry {index + 1}: {message}"
    return field, message
