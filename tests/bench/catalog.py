"""Catalog load: `loadguide` on the real seeds into an empty catalog, then again.

Baseline: reading and validating the same seed files with no database, which every run of
`loadguide` does before it writes; the ratio is what the database work costs on top."""

import io
import re
import time

from django.conf import settings
from django.core.management import call_command

from careerplanner.guide.loading import read_seeds, validate
from tests.bench.report import Figure


def _timed_loadguide() -> tuple[float, int]:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("loadguide", stdout=out)
    seconds = time.perf_counter() - started
    writes = re.search(r"(\d+) write\(s\)", out.getvalue())
    if writes is None:
        raise RuntimeError(f"loadguide printed no count of writes:\n{out.getvalue()}")
    return seconds, int(writes.group(1))


def _read_and_validate() -> float:
    started = time.perf_counter()
    seeds, problems = read_seeds(settings.BASE_DIR / "seeds")
    problems += validate(seeds)
    seconds = time.perf_counter() - started
    if problems:
        raise RuntimeError(f"the seeds have problems: {problems[:5]}")
    return seconds


def run() -> list[Figure]:
    baseline = min(_read_and_validate() for _ in range(3))
    first, first_writes = _timed_loadguide()
    second, second_writes = _timed_loadguide()
    print(
        f"catalog: first {first:.2f} s ({first_writes} writes), second {second:.2f} s "
        f"({second_writes} writes), read+validate {baseline:.3f} s"
    )
    return [
        Figure(
            job="Catalog load",
            name="`loadguide`, first run (empty catalog)",
            value=first,
            unit="s",
            baseline=baseline,
            baseline_name="read + validate the seeds, no database",
            detail=f"{first_writes} writes",
        ),
        Figure(
            job="Catalog load",
            name="`loadguide`, second run (nothing changed)",
            value=second,
            unit="s",
            baseline=baseline,
            baseline_name="read + validate the seeds, no database",
            detail=f"{second_writes} writes",
            target="0 writes",
            met=second_writes == 0,
        ),
    ]
