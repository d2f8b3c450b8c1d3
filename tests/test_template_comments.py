"""Django's {# #} comments end at the line's end: one that runs over two lines is printed on
the page as text (a role page once showed its template's comment). Longer comments use
{% comment %}."""

from pathlib import Path

from django.conf import settings


def test_no_template_comment_runs_over_a_line():
    runaway = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.*")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert not runaway, "comments that run past their line: " + ", ".join(runaway)
