"""Sentences are ours: no seed or template repeats a run of 12 or more words of the guide."""

import os
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.guide import copying

BASE = Path(settings.BASE_DIR)
# Where the guide's text lives on the team's machines (see shared/DESIGN.md).
GUIDE = Path(os.environ.get("GUIDE_TEXT", "/work/shared/guide/ai-safety-technical-research.txt"))


def texts(value, where: str):
    """(where, text) for every string in a loaded YAML document."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from texts(inner, f"{where}: {value.get('slug', '')} {key}".rstrip())
    elif isinstance(value, list):
        for inner in value:
            yield from texts(inner, where)


def our_texts():
    for path in sorted((BASE / "seeds").glob("*.yaml")):
        yield from texts(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    for path in sorted((BASE / "templates").rglob("*.*")):
        yield str(path.relative_to(BASE)), path.read_text(encoding="utf-8")
    yield "README.md", (BASE / "README.md").read_text(encoding="utf-8")


def test_the_check_finds_a_copied_run_however_it_is_punctuated():
    source = "One two three, four five six seven eight nine ten eleven twelve thirteen."
    known = copying.fingerprints(source)
    copied = "As they say: one two three four five six seven eight nine ten eleven twelve!"
    assert copying.copied_runs(copied, known) == [
        "one two three four five six seven eight nine ten eleven twelve"
    ]
    # Eleven words of it, or the same words in another order, are not a copy.
    assert copying.copied_runs("two three four five six seven eight nine ten eleven", known) == []
    assert (
        copying.copied_runs("twelve eleven ten nine eight seven six five four three two one", known)
        == []
    )


def test_no_seed_template_or_readme_repeats_twelve_words_of_the_guide():
    _, known = copying.read_fingerprints()
    assert len(known) > 5000  # the guide has some 7,400 words
    copied = [
        f"{where}: “{run}”"
        for where, text in our_texts()
        for run in copying.copied_runs(text, known)
    ]
    assert copied == [], "rewrite these in our own words:\n" + "\n".join(copied)


@pytest.mark.skipif(not GUIDE.exists(), reason=f"the guide's text is not at {GUIDE} (GUIDE_TEXT)")
def test_the_committed_fingerprints_are_of_the_guide():
    text = GUIDE.read_text(encoding="utf-8")
    digest, known = copying.read_fingerprints()
    assert digest == copying.guide_digest(text), "regenerate: python -m tests.guide.copying"
    assert known == copying.fingerprints(text)
