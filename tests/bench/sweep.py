"""The nudge sweep at scale: one tick at which the same people are due, first among 100,000
people and then among 1,000,000, timed in a child process of its own so that its peak memory
is the sweep's and nothing else's.

People are seeded in SQL as if the sweep had been running all along: each carries the next
time their hour comes (`nudges_due_at`). The first `due` of them have their hour at the tick,
17:00 UTC today; everyone else's comes later. Run by the benchmark; `python -m
tests.bench.sweep --child NOW` is the child."""

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection

from careerplanner.accounts.nudge_times import next_after
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
# one verified address for 49 in 50; the first `due` of them in a zone and hour that make
# their hour come at the tick, and nobody else (an hour that would is moved on by one).
# Each is filed under the next time their hour comes: the tick for those, a later time for
# the others, who were looked at a day before it, as the sweep would have.
USERS = """
INSERT INTO accounts_user (password, last_login, is_superuser, is_staff, is_active, date_joined,
    email, name, timezone, nudge_hour, digest_weekday, wants_due_soon, wants_overdue,
    wants_stalled, wants_digest, wants_review_updates, wants_re_review, nudges_due_at,
    nudges_checked_at)
SELECT '!', NULL, false, false, s.n %% 200 <> 0, %(now)s - make_interval(days => s.n %% 400),
    'bench' || s.n || '@example.com', 'Planner ' || s.n, s.zone, s.hour, s.n %% 7,
    s.n %% 20 <> 0, s.n %% 25 <> 0, s.n %% 10 <> 0, s.n %% 5 <> 0, true, s.n %% 15 <> 0,
    CASE WHEN s.n <= %(due)s THEN %(tick)s ELSE p.next END,
    CASE WHEN s.n <= %(due)s THEN %(tick)s ELSE p.next END - interval '1 day'
FROM (
    SELECT n, zone, CASE
        WHEN n <= %(due)s OR NOT zone || ' ' || hour = ANY(%(due_pairs)s::text[]) THEN hour
        ELSE (hour + 1) %% 24 END AS hour
    FROM (
        SELECT n,
            CASE WHEN n <= %(due)s THEN (%(due_zones)s::text[])[1 + n %% %(n_due)s]
                 ELSE (%(zones)s::text[])[1 + n %% %(n_zones)s] END AS zone,
            CASE WHEN n <= %(due)s THEN (%(due_hours)s::int[])[1 + n %% %(n_due)s]
                 WHEN n %% 10 < 6 THEN 9 ELSE 6 + (n * 7) %% 16 END AS hour
        FROM generate_series(%(first)s, %(last)s) AS n
    ) AS mixed
) AS s
JOIN unnest(%(pair_zones)s::text[], %(pair_hours)s::int[], %(pair_next)s::timestamptz[])
    AS p(zone, hour, next) ON p.zone = s.zone AND p.hour = s.hour
"""

ADDRESSES = """
INSERT INTO account_emailaddress (user_id, email, verified, "primary")
SELECT id, email, id %% 50 <> 0, true FROM accounts_user WHERE id > %(after)s
"""

# One active plan each, started up to 300 days ago, so some are nearly done and some new;
# each looks back after 6 or 12 months, so the look-back nudge has plans due too.
PLANS = """
INSERT INTO plans_plan (id, owner_id, title, start_date, hours_per_week, fit_answers,
    calendar_token, created, updated, re_review_months, re_review_due)
SELECT gen_random_uuid(), id, 'Into AI safety', %(today)s::date - (id * 37 %% 300)::int,
    5 + id %% 15, '{}', replace(gen_random_uuid()::text, '-', ''),
    (%(today)s::date - (id * 37 %% 300)::int)::timestamptz,
    (%(today)s::date - (id * 37 %% 300)::int)::timestamptz,
    CASE WHEN id %% 2 = 0 THEN 6 ELSE 12 END,
    %(today)s::date - (id * 37 %% 300)::int
        + make_interval(months => CASE WHEN id %% 2 = 0 THEN 6 ELSE 12 END)
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

# The baseline: the due people's steps read once, with nothing decided: what any sweep of
# them has to read.
BASELINE = """
SELECT count(*) FROM plans_planstep s
JOIN plans_plan p ON p.id = s.plan_id JOIN accounts_user u ON u.id = p.owner_id
WHERE u.nudges_due_at <= %s
"""
EVERYONE = "SELECT count(*), count(DISTINCT timezone) FROM accounts_user"

# Before each size's tick: the people numbered up to `due` are due at it (again).
DUE_AGAIN = """
UPDATE accounts_user SET nudges_due_at = %(tick)s, nudges_checked_at = %(tick)s - interval '1 day'
WHERE split_part(substr(email, 6), '@', 1)::int <= %(due)s
"""


def tick_moment(today: date) -> datetime:
    """17:00 UTC: a whole hour in most of the zones of the mix (not Kolkata or Lord Howe)."""
    return datetime.combine(today, clock(17), tzinfo=UTC)


def schedule(tick: datetime) -> dict:
    """The zones and hours that come at `tick`, and every (zone, hour)'s next time after it."""
    zones = sorted(set(ZONES))
    due = [(z, tick.astimezone(ZoneInfo(z)).hour) for z in zones]
    due = [(z, h) for z, h in due if tick.astimezone(ZoneInfo(z)).minute == 0]
    pairs = [(z, h) for z in zones for h in range(24)]
    return {
        "tick": tick,
        "due_zones": [z for z, _ in due],
        "due_hours": [h for _, h in due],
        "due_pairs": [f"{z} {h}" for z, h in due],
        "n_due": len(due),
        "pair_zones": [z for z, _ in pairs],
        "pair_hours": [h for _, h in pairs],
        "pair_next": [next_after(z, h, tick) for z, h in pairs],
    }


def seed(first: int, last: int, today: date, due: int, steps: int) -> float:
    """Adds people `first`..`last` (numbers, inclusive) with their plans of `steps` steps;
    people numbered up to `due` are due at the tick. Returns seconds."""
    started = time.perf_counter()
    params = {
        "first": first,
        "last": last,
        "today": today,
        "now": datetime.combine(today, clock(0), tzinfo=UTC),
        "zones": ZONES,
        "n_zones": len(ZONES),
        "stages": STAGES,
        "steps": steps,
        "due": due,
        **schedule(tick_moment(today)),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_user")
        params["after"] = cursor.fetchone()[0]
        for statement in (USERS, ADDRESSES, PLANS, STEPS, CHECKINS):
            cursor.execute(statement, params)
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before a sweep
    return time.perf_counter() - started


def database_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


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


def run(env: dict[str, str], sizes, today: date) -> list[Figure]:
    """The tick at each size in `sizes.sweep_people`, with `sizes.sweep_due` people due at
    it each time: full plans for the first size's people, `sizes.later_steps` for those
    added after it."""
    tick = tick_moment(today)
    results = []
    seeded = 0
    with connection.cursor() as cursor:
        # Seeding a million people takes minutes a statement; the tick, in its child, keeps
        # the production statement timeout.
        cursor.execute("SET statement_timeout = 0")
    for size in sizes.sweep_people:
        steps = STEPS_PER_PLAN if seeded == 0 else sizes.later_steps
        seconds = seed(seeded + 1, size, today, sizes.sweep_due, steps)
        seeded = size
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE nudges_nudge")  # each size's tick writes the same rows
            cursor.execute(DUE_AGAIN, {"tick": tick, "due": sizes.sweep_due})
            cursor.execute("VACUUM ANALYZE accounts_user")
        result = run_child(env, tick)
        result.update(users=size, steps_per_plan=steps, database_bytes=database_size())
        results.append(result)
        print(
            f"sweep at {size:,} people ({result['due']:,} due): seeded in {seconds:.1f} s; "
            f"tick {result['seconds']:.2f} s, {result['queries']} queries, "
            f"peak RSS {result['peak_mb']:.0f} MB, wrote {result['created']}; "
            f"baseline {result['baseline_seconds']:.2f} s; "
            f"database {result['database_bytes'] / 2**30:.1f} GiB"
        )
    return figures(results)


def _written(result: dict) -> str:
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in result["created"].items())
    return f"wrote {sum(result['created'].values()):,} nudges ({kinds})"


def figures(results: list[dict]) -> list[Figure]:
    small, big = results[0], results[-1]
    same_rows = small["created"] == big["created"]
    out = []
    for result in results:
        out.append(
            Figure(
                key=f"sweep_seconds_{result['users']}",
                job="Nudge sweep",
                name=f"one tick, {result['users']:,} people, {result['due']:,} of them due",
                value=result["seconds"],
                unit="s",
                baseline=result["baseline_seconds"],
                baseline_name="the due people's steps read once "
                "(`SELECT count(*)` over their steps ⋈ plans ⋈ people)",
                detail=f"{result['sql_seconds']:.2f} s waiting for PostgreSQL, the slowest "
                f"query {result['slowest_query_seconds']:.2f} s; {_written(result)}; a second "
                f"tick at the same instant wrote {result['second_created']} in "
                f"{result['second_seconds']:.2f} s. For scale: counting everyone "
                f"(`count(*)` over people) took {result['everyone_seconds']:.2f} s. "
                f"{result['steps']:,} steps in all ({result['steps_per_plan']} a plan for "
                f"the people added at this size); database "
                f"{result['database_bytes'] / 2**30:.1f} GiB",
            )
        )
    out += [
        Figure(
            key="sweep_growth",
            job="Nudge sweep",
            name=f"one tick at {big['users']:,} people against {small['users']:,}, "
            f"{big['due']:,} due at both",
            value=big["seconds"],
            unit="s",
            baseline=small["seconds"],
            baseline_name=f"the same tick at {small['users']:,} people",
            target="≤ 2 × baseline and < 10 s",
            met=big["seconds"] <= 2 * small["seconds"] and big["seconds"] < 10,
            detail="the same nudges written at both sizes"
            if same_rows
            else f"**different nudges**: {small['created']} against {big['created']}",
        ),
        Figure(
            key="sweep_memory",
            job="Nudge sweep",
            name=f"peak memory (RSS) of the process running the tick, {big['users']:,} people",
            value=big["peak_mb"],
            unit="MB",
            baseline=small["peak_mb"],
            baseline_name=f"the same at {small['users']:,} people",
            target="flat: ≤ 1.1 × baseline",
            met=big["peak_mb"] <= 1.1 * small["peak_mb"],
            detail=f"{big['before_mb']:.0f} MB before the tick (Python, Django, one "
            f"connection); {small['before_mb']:.0f} MB before it at {small['users']:,}",
        ),
        Figure(
            key="sweep_queries",
            job="Nudge sweep",
            name=f"queries in one tick, {big['users']:,} people",
            value=big["queries"],
            unit="queries",
            baseline=small["queries"],
            baseline_name=f"the same at {small['users']:,} people",
            target="same count at every size",
            met=big["queries"] == small["queries"],
        ),
    ]
    return out


def child(now: datetime) -> dict:
    """In a fresh process: the baselines, then the tick, counting queries and memory."""
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
        cursor.execute("SELECT count(*) FROM accounts_user WHERE nudges_due_at <= %s", [now])
        due = cursor.fetchone()[0]
        cursor.execute(BASELINE, [now])  # warms the cache the sweep will also find warm
        started = time.perf_counter()
        cursor.execute(BASELINE, [now])
        steps_read = cursor.fetchone()[0]
        baseline_seconds = time.perf_counter() - started
        cursor.execute(EVERYONE)
        started = time.perf_counter()
        cursor.execute(EVERYONE)
        everyone_seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM plans_planstep")
        steps = cursor.fetchone()[0]
    before = peak_mb()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = sweep(now)
        seconds = time.perf_counter() - started
    peak = peak_mb()
    started = time.perf_counter()
    again = sweep(now)
    second_seconds = time.perf_counter() - started
    times = [float(query["time"]) for query in queries.captured_queries]
    return {
        "due": due,
        "seconds": seconds,
        "queries": len(queries),
        "sql_seconds": sum(times),
        "slowest_query_seconds": max(times),
        "created": {str(kind): count for kind, count in created.items()},
        "second_created": sum(again.values()),
        "second_seconds": second_seconds,
        "before_mb": before,
        "peak_mb": peak,
        "baseline_seconds": baseline_seconds,
        "baseline_steps": steps_read,
        "everyone_seconds": everyone_seconds,
        "steps": steps,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True, help="the tick's `now`, ISO 8601")
    arguments = parser.parse_args()
    print(json.dumps(child(datetime.fromisoformat(arguments.child))))
