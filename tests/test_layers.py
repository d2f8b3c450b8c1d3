"""The app layers in templates: a template loads tag libraries, and includes or extends
templates, only of its own app or below (shared/DESIGN.md). Python imports are checked by
import-linter (`lint-imports`, pyproject.toml), which `make test` runs before pytest."""

import re
from pathlib import Path

from django.conf import settings
from django.template import engines

LAYERS = ["accounts", "guide", "plans", "reviews", "nudges"]  # lowest first
TEMPLATES = Path(settings.BASE_DIR) / "templates"

LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
NAMED = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def layer_of_template(name: str) -> int:
    """templates/<app>/..., admin/<app>/... and emails/<app>/... belong to <app>; the rest
    (base.html, the allauth pages, form widgets) sit below every app."""
    parts = name.split("/")
    if parts[0] in ("admin", "emails") and len(parts) > 2:
        parts = parts[1:]
    return LAYERS.index(parts[0]) if parts[0] in LAYERS else -1


def layer_of_library(name: str) -> int:
    module = engines["django"].engine.libraries[name]
    app = module.split(".")[1] if module.startswith("careerplanner.") else None
    return LAYERS.index(app) if app in LAYERS else -1


def breaches() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(TEMPLATES).as_posix()
        text = path.read_text()
        layer = layer_of_template(name)
        for load in LOAD.findall(text):
            libraries = load.split(" from ")[-1].split()  # {% load x y %}, {% load a from x %}
            for library in libraries:
                if layer_of_library(library) > layer:
                    found.add((name, f"library {library}"))
        for other in NAMED.findall(text):
            if layer_of_template(other) > layer:
                found.add((name, f"template {other}"))
    return found


def test_templates_use_only_their_own_app_or_below():
    assert breaches() == set()


def test_the_check_sees_an_upward_load(tmp_path, monkeypatch):
    """It can fail: a guide template that loads the plans tags is caught."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "page.html").write_text(
        '{% load partials plans %}{% include "nudges/unsubscribe.html" %}'
    )
    monkeypatch.setitem(globals(), "TEMPLATES", tmp_path)
    assert breaches() == {
        ("guide/page.html", "library plans"),
        ("guide/page.html", "template nudges/unsubscribe.html"),
    }
