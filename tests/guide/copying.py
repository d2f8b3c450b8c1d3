"""The copy check: our seeds and templates repeat no run of RUN or more words of the guide.

The guide's own text stays outside the repository; what is committed is a fingerprint of
every RUN-word run in it (a short hash per run, in guide-fingerprints.txt), which is enough
to recognise a copied run and useless for reading the guide. Regenerate it when the guide
changes:

    .venv/bin/python -m tests.guide.copying /work/shared/guide/ai-safety-technical-research.txt
"""

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 12
FINGERPRINTS = Path(__file__).with_name("guide-fingerprints.txt")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lowercase words, with curly apostrophes straightened, punctuation dropped."""
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def _runs(text: str) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for start in range(len(found) - RUN + 1):
        yield tuple(found[start : start + RUN])


def _print(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=6).hexdigest()


def guide_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprints(text: str) -> set[str]:
    return {_print(run) for run in _runs(text)}


def copied_runs(text: str, known: set[str]) -> list[str]:
    """Each run of RUN words of `text` whose fingerprint is among `known`."""
    return [" ".join(run) for run in _runs(text) if _print(run) in known]


def read_fingerprints(path: Path = FINGERPRINTS) -> tuple[str, set[str]]:
    """(the guide's sha256, its runs' fingerprints) as committed."""
    lines = path.read_text().split()
    return lines[0], set(lines[1:])


def write_fingerprints(guide: Path, path: Path = FINGERPRINTS) -> int:
    text = guide.read_text(encoding="utf-8")
    found = sorted(fingerprints(text))
    path.write_text("\n".join([guide_digest(text), *found]) + "\n")
    return len(found)


if __name__ == "__main__":
    count = write_fingerprints(Path(sys.argv[1]))
    print(f"{FINGERPRINTS}: {count} runs of {RUN} words")
