"""The figures of one run: a table for the terminal, and docs/benchmarks.md."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Figure:
    job: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None  # None: no target, the figure is for reference
    detail: str = ""
    key: str = ""
    limit: str = ""  # what limits it, from this run's own measurements, if the target is missed
    as_share: bool = False  # a rate: the ratio reads "47 % of the baseline", not "2.1 ×"

    @property
    def ratio(self) -> str:
        if self.baseline is None or not self.baseline:
            return "—"
        ratio = self.value / self.baseline
        return f"{ratio:.0%} of it" if self.as_share else f"{ratio:.3g} ×"

    @property
    def verdict(self) -> str:
        return {True: "met", False: "**not met**", None: "—"}[self.met]


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        text = f"{value:.3g}" if value < 10 else f"{value:.1f}"
    elif unit in ("MB", "req/s", "msg/s"):
        text = f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    elif unit == "ms":
        text = f"{value:.1f}"
    else:
        text = f"{value:,.0f}"
    return f"{text} {unit}" if unit else text


def terminal(figures: list[Figure]) -> str:
    rows = [("figure", "measured", "baseline", "ratio", "target", "met")]
    for f in figures:
        met = {True: "met", False: "NOT MET", None: ""}[f.met]
        rows.append(
            (
                f"{f.job}: {f.name}".replace("`", ""),
                amount(f.value, f.unit),
                amount(f.baseline, f.unit),
                f.ratio,
                f.target,
                met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(figures: list[Figure]) -> str:
    lines = [
        "| job | figure | measured | baseline, same run | ratio to baseline | target | |",
        "|---|---|--:|---|--:|---|---|",
    ]
    for f in figures:
        measured = amount(f.value, f.unit)
        if f.detail:
            measured += f"<br><small>{f.detail}</small>"
        baseline = amount(f.baseline, f.unit) if f.baseline is not None else "—"
        if f.baseline_name:
            baseline += f"<br><small>{f.baseline_name}</small>"
        lines.append(
            f"| {f.job} | {f.name} | {measured} | {baseline} | {f.ratio} | "
            f"{f.target or '—'} | {f.verdict} |"
        )
    return "\n".join(lines)


def document(
    figures: list[Figure],
    *,
    machine: dict[str, str],
    command: str,
    quick: bool,
    minutes: float,
    methods: str,
    limits: dict[str, str],
    findings: list[str],
) -> str:
    missed = [f for f in figures if f.met is False]
    if missed:
        notes = []
        for f in missed:
            why = " ".join(part for part in (f.limit, limits.get(f.key, "")) if part)
            notes.append(
                f"- **{f.job}, {f.name}** ({amount(f.value, f.unit)}, target {f.target}): {why}"
            )
        not_met = "\n".join(notes)
    else:
        not_met = "Every target was met in this run."
    size = "quick mode: small sizes, a smoke test, not a measurement" if quick else "full size"
    return f"""# Benchmarks

Written by `{command}` on {machine["date"]} ({size}); the run took {minutes:.1f} minutes.

Machine: **{machine["cores"]} cores** (`os.cpu_count()`), {machine["cpu"]}, {machine["memory"]}
of memory; {machine["python"]}, {machine["postgres"]}, Redis {machine["redis"]};
commit {machine["commit"]}. Load average when the run ended (1, 5, 15 min): {machine["load"]}.

Machines here are noisy, so each figure stands next to a baseline measured in the same run on
the same machine, and the ratio between them is the figure to compare across runs; the
absolute numbers are for reference. The benchmark prints figures and judges nothing: no
test fails on a time.

{markdown_table(figures)}

## Targets not met

{not_met}

## Found while measuring

{chr(10).join(f"- {finding}" for finding in findings)}

{methods}
"""


def machine_facts(database_version: str, redis_version: str, commit: str) -> dict[str, str]:
    import os
    import platform

    cpu = "an unknown CPU"
    memory = "an unknown amount"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
                break
    except OSError:
        pass
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": f"Python {platform.python_version()}",
        "postgres": " ".join(database_version.split()[:2]),
        "redis": redis_version,
        "commit": commit,
        "load": ", ".join(f"{n:.1f}" for n in os.getloadavg()),
    }
