"""The nudge sweep at scale: seed people with plans in SQL, then time `sweep(now)` in a child
process of its own, so that its peak memory is the sweep's and nothing else's.

Run by the benchmark; `python -m tests.bench.sweep --child NOW` is the child."""

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

from django.db import connection

from tests.bench.report import Figure
from tests.bench.services import ROOT

# A realistic mix: repeated names are the more common zones. Lord Howe shifts by half an hour.
ZONES = (
    ["America/New_York"] * 5
    + ["America/Los_Angeles"] * 4
    + ["America/Chicago"] * 2
    + ["America/Toronto", "America/Sao_Paulo", "America/Mexico_City"]
    + ["Europe/London"] * 5
    + ["Europe/Berlin"] * 3
    + ["Europe/Paris"] * 2
    + ["Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw"]
    + ["Africa/Lagos", "Africa/Johannesburg"]
    + ["Asia/Kolkata"] * 3
    + ["Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo"]
    + ["Australia/Sydney"] * 2
    + ["Australia/Lord_Howe", "Pacific/Auckland", "UTC"]
)
STEPS_PER_PLAN = 20
STAGES = ["foundations", "skills", "career-capital", "getting-the-role"]

# Person n: a timezone from the mix, most at 9 am, a digest day, some kinds turned off,
# one verified address for 49 in 50.
USERS = """
INSERT INTO accounts_user (password, last_login, is_superuser, is_staff, is_active, date_joined,
    email, name, timezone, nudge_hour, digest_weekday, wants_due_soon, wants_overdue,
    wants_stalled, wants_digest, wants_review_updates)
SELECT '!', NULL, false, false, n %% 200 <> 0, %(now)s - make_interval(days => n %% 400),
    'bench' || n || '@example.com', 'Planner ' || n, (%(zones)s::text[])[1 + n %% %(n_zones)s],
    CASE WHEN n %% 10 < 6 THEN 9 ELSE 6 + (n * 7) %% 16 END, n %% 7,
    n %% 20 <> 0, n %% 25 <> 0, n %% 10 <> 0, n %% 5 <> 0, true
FROM generate_series(%(first)s, %(last)s) AS n
"""

ADDRESSES = """
INSERT INTO account_emailaddress (user_id, email, verified, "primary")
SELECT id, email, id %% 50 <> 0, true FROM accounts_user WHERE id > %(after)s
"""

# One active plan each, started up to 300 days ago, so some are nearly done and some new.
PLANS = """
INSERT INTO plans_plan (id, owner_id, title, start_date, hours_per_week, fit_answers,
    calendar_token, created, updated)
SELECT gen_random_uuid(), id, 'Into AI safety', %(today)s::date - (id * 37 %% 300)::int,
    5 + id %% 15, '{}', replace(gen_random_uuid()::text, '-', ''),
    (%(today)s::date - (id * 37 %% 300)::int)::timestamptz,
    (%(today)s::date - (id * 37 %% 300)::int)::timestamptz
FROM accounts_user WHERE id > %(after)s
"""

# A step every two weeks or so. Most steps whose date has passed are done; a quarter of them
# were left open and are overdue; the next one or two are due soon for some people.
STEPS = """
INSERT INTO plans_planstep (id, plan_id, stage, title, description, position, status,
    target_date, started_date, done_date, notes, estimated_hours, hours_logged, created, updated,
    target_pinned, full_time, size_basis)
SELECT gen_random_uuid(), s.plan_id, (%(stages)s::text[])[1 + s.i * 4 / %(steps)s],
    'Step ' || (s.i + 1), '', s.i,
    CASE WHEN s.done THEN 'done' WHEN s.target - %(today)s::date < 7 THEN 'doing' ELSE 'todo' END,
    s.target,
    CASE WHEN s.done OR s.target - %(today)s::date < 7 THEN s.target - 10 END,
    CASE WHEN s.done THEN s.target - ((s.owner_id + s.i) %% 5)::int END,
    '', 40, CASE WHEN s.done THEN 40 ELSE 0 END, s.start::timestamptz,
    CASE WHEN s.done THEN (s.target - ((s.owner_id + s.i) %% 5)::int)::timestamptz
         ELSE s.start::timestamptz END,
    false, false, 'own'
FROM (
    SELECT p.id AS plan_id, p.owner_id, p.start_date AS start, i,
        p.start_date + 14 * (i + 1) + ((p.owner_id + i) %% 4)::int AS target,
        p.start_date + 14 * (i + 1) < %(today)s::date - 3 AND (p.owner_id + i) %% 4 <> 0 AS done
    FROM plans_plan p CROSS JOIN generate_series(0, %(steps)s - 1) AS i
    WHERE p.owner_id > %(after)s
) AS s
"""

# Hours logged on a third of the plans, on the last step done: what "stalled" looks at.
CHECKINS = """
INSERT INTO plans_checkin (id, plan_id, step_id, date, hours, note, created)
SELECT DISTINCT ON (s.plan_id) gen_random_uuid(), s.plan_id, s.id, s.done_date, 2, '',
    s.done_date::timestamptz
FROM plans_planstep s JOIN plans_plan p ON p.id = s.plan_id
WHERE p.owner_id > %(after)s AND p.owner_id %% 3 = 0 AND s.status = 'done'
ORDER BY s.plan_id, s.done_date DESC
"""

# The baseline: one pass over every step and its owner, with nothing decided.
BASELINE = """
SELECT count(*) FROM plans_planstep s
JOIN plans_plan p ON p.id = s.plan_id JOIN accounts_user u ON u.id = p.owner_id
"""


def sweep_moment(today: date) -> datetime:
    """17:00 UTC: past 9 am in Europe, Africa, India and the Americas; night in the east."""
    return datetime.combine(today, clock(17), tzinfo=UTC)


def seed(first: int, last: int, today: date) -> float:
    """Adds people `first`..`last` (numbers, inclusive) with their plans; returns seconds."""
    started = time.perf_counter()
    params = {
        "first": first,
        "last": last,
        "today": today,
        "now": datetime.combine(today, clock(0), tzinfo=UTC),
        "zones": ZONES,
        "n_zones": len(ZONES),
        "stages": STAGES,
        "steps": STEPS_PER_PLAN,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_user")
        params["after"] = cursor.fetchone()[0]
        for statement in (USERS, ADDRESSES, PLANS, STEPS, CHECKINS):
            cursor.execute(statement, params)
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before a sweep
    return time.perf_counter() - started


def run_child(env: dict[str, str], now: datetime) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.sweep", "--child", now.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the sweep child failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(env: dict[str, str], sizes: list[int], today: date) -> list[Figure]:
    now = sweep_moment(today)
    results = []
    seeded = 0
    for size in sizes:
        seconds = seed(seeded + 1, size, today)
        seeded = size
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE nudges_nudge")  # each size's sweep is a first sweep
        result = run_child(env, now)
        result["users"] = size
        results.append(result)
        print(
            f"sweep at {size:,} people: seeded in {seconds:.1f} s; "
            f"sweep {result['seconds']:.2f} s, {result['queries']} queries, "
            f"peak RSS {result['peak_mb']:.0f} MB, "
            f"wrote {result['created']}; baseline {result['baseline_seconds']:.2f} s"
        )
    return figures(results)


def figures(results: list[dict]) -> list[Figure]:
    small, big = results[0], results[-1]
    steps = big["steps"]
    written = sum(big["created"].values())
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in big["created"].items())
    out = [
        Figure(
            key="sweep_seconds",
            job="Nudge sweep",
            name=f"`sweep(now)`, {big['users']:,} people, {steps:,} steps",
            value=big["seconds"],
            unit="s",
            baseline=big["baseline_seconds"],
            baseline_name="`SELECT count(*)` over steps ⋈ plans ⋈ people",
            target="≤ 30 s",
            met=big["seconds"] <= 30,
            detail=f"{big['sql_seconds']:.1f} s waiting for PostgreSQL, "
            f"{big['seconds'] - big['sql_seconds']:.1f} s in Python; wrote {written:,} nudges "
            f"({kinds}); a second sweep wrote {big['second_created']} in "
            f"{big['second_seconds']:.1f} s",
        ),
        Figure(
            key="sweep_memory",
            job="Nudge sweep",
            name="peak memory (RSS) of the process running the sweep",
            value=big["peak_mb"],
            unit="MB",
            baseline=big["before_mb"],
            baseline_name="the same process before the sweep (Django loaded, connected)",
            target="≤ 250 MB",
            met=big["peak_mb"] <= 250,
        ),
    ]
    for result in results:
        per_thousand = result["queries"] / (result["users"] / 1000)
        out.append(
            Figure(
                key="sweep_queries",
                job="Nudge sweep",
                name=f"queries at {result['users']:,} people (per 1,000 people)",
                value=result["queries"],
                unit="queries",
                baseline=small["queries"],
                baseline_name=f"queries at {small['users']:,} people",
                target="same count at every size",
                met=result["queries"] == small["queries"],
                detail=f"{per_thousand:.4g} per 1,000 people; the sweep took "
                f"{result['seconds']:.1f} s, {result['seconds'] - result['sql_seconds']:.1f} s "
                "of it in Python",
            )
        )
    return out


def child(now: datetime) -> dict:
    """In a fresh process: the baseline query, then the sweep, counting queries and memory."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from careerplanner.nudges.sweep import sweep

    def peak_mb() -> float:
        # VmHWM, the peak resident set of this process image. Not ru_maxrss: across the
        # exec that started this child, Linux keeps the parent's peak in it.
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    with connection.cursor() as cursor:
        cursor.execute(BASELINE)  # warms the cache the sweep will also find warm
        started = time.perf_counter()
        cursor.execute(BASELINE)
        steps = cursor.fetchone()[0]
        baseline_seconds = time.perf_counter() - started
    before = peak_mb()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = sweep(now)
        seconds = time.perf_counter() - started
    peak = peak_mb()
    started = time.perf_counter()
    again = sweep(now)
    second_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "queries": len(queries),
        "sql_seconds": sum(float(query["time"]) for query in queries.captured_queries),
        "created": {str(kind): count for kind, count in created.items()},
        "second_created": sum(again.values()),
        "second_seconds": second_seconds,
        "before_mb": before,
        "peak_mb": peak,
        "baseline_seconds": baseline_seconds,
        "steps": steps,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True, help="the sweep's `now`, ISO 8601")
    arguments = parser.parse_args()
    print(json.dumps(child(datetime.fromisoformat(arguments.child))))
