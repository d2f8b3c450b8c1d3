"""`python -m tests.bench [--quick]`: seeds its own PostgreSQL database, runs the four
measurements, prints the table and writes it (full size: docs/benchmarks.md)."""

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.bench import services
from tests.bench.services import ROOT


@dataclass(frozen=True)
class Sizes:
    sweep_people: tuple[int, int]  # a tick at each, the same people due at both
    sweep_due: int
    later_steps: int  # steps a plan for the people added for the larger size (disk)
    nudges: int
    page_seconds: int


FULL = Sizes(
    sweep_people=(100_000, 1_000_000),
    sweep_due=10_000,
    later_steps=4,
    nudges=5_000,
    page_seconds=20,
)
QUICK = Sizes(
    sweep_people=(2_000, 20_000), sweep_due=300, later_steps=4, nudges=300, page_seconds=3
)


PARTS = ("sweep", "sending", "pages")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="measure only this part (repeatable; sending needs sweep); prints, writes no file",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the table (default: docs/benchmarks.md, or "
        "var/benchmarks-quick.md with --quick)",
    )
    arguments = parser.parse_args()
    sizes = QUICK if arguments.quick else FULL
    output = arguments.output or (
        ROOT / "var" / "benchmarks-quick.md" if arguments.quick else ROOT / "docs/benchmarks.md"
    )
    command = ".venv/bin/python -m tests.bench" + (" --quick" if arguments.quick else "")

    started = time.monotonic()
    var_dir = Path(tempfile.mkdtemp(prefix="careerplanner-bench-"))
    env = services.environment(var_dir)
    os.environ.update(env)  # this process reads the same settings as the ones it starts
    services.create_database()
    services.flush_redis()
    try:
        figures, machine = measure(env, var_dir, sizes, arguments.only or PARTS)
    finally:
        from django.db import connections

        connections.close_all()
        services.drop_database()
        services.flush_redis()
        shutil.rmtree(var_dir, ignore_errors=True)

    from tests.bench import notes, report

    minutes = (time.monotonic() - started) / 60
    print()
    print(report.terminal(figures))
    if arguments.only:
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        report.document(
            figures,
            machine=machine,
            command=command,
            quick=arguments.quick,
            minutes=minutes,
            methods=notes.methods(sizes),
            limits=notes.LIMITS,
            findings=notes.FINDINGS,
        )
    )
    print(f"\nwritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


def measure(env: dict[str, str], var_dir: Path, sizes: Sizes, parts=PARTS):
    import django

    django.setup()
    import redis
    from django.core.management import call_command
    from django.db import connection

    from tests.bench import catalog, pages, report, sending, sweep

    today = date.today()
    call_command("migrate", verbosity=0)
    figures = catalog.run()  # always: the pages need the catalog
    if "sweep" in parts:
        figures += sweep.run(env, sizes, today)
    if "sending" in parts:
        figures += sending.run(env, var_dir, sizes.nudges)
    if "pages" in parts:
        figures += pages.run(env, var_dir, sizes.page_seconds, today)

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        database_version = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(services.REDIS_URL).info("server")["redis_version"]
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return figures, report.machine_facts(database_version, redis_version, commit or "unknown")


if __name__ == "__main__":
    raise SystemExit(main())
