"""What each figure means and how it is measured, for docs/benchmarks.md; and, for a target
that a full-size run misses, what limits it (found by reading that run, kept here so that the
next run writes the same explanation)."""

# Added after the measured explanation (Figure.limit) of a missed target: where the fix lies,
# from profiling the code as of the run that wrote docs/benchmarks.md.
LIMITS: dict[str, str] = {
    "plan_rate": (
        "A repeat view is served from the page cache (`plans/page_cache.py`): three queries "
        "(session, person, plan with its stamp), one lookup and the page around the body, "
        "so what is left is the same middleware and login the constant page pays, plus those "
        'queries. A first view after a change pays for the whole page (the figure "first '
        'view after a change").'
    ),
    "dashboard_rate": (
        "A repeat view is served from the page cache: the person's plans read for the key, "
        "one lookup and the page around the cards; a first view after a change also runs "
        "the `with_progress` query and renders the cards."
    ),
    "sending_rate": (
        "Profiled in one process, the database is about 1 ms of a message (a batch's data "
        "loaded in two queries, rows marked sent ten at a time); the rest is composing "
        "(rendering three templates, signing the unsubscribe link) and Django's send path "
        "for one message at a time, beside the SMTP exchange that the baseline pays too."
    ),
    "sweep_growth": (
        "The tick reads only the people due (an index on `nudges_due_at`, then on "
        "`nudges_checked_at`) and their plans and steps through the foreign-key indexes; "
        "what still grows with everyone is the depth of those indexes and how much of the "
        "tables stays in memory."
    ),
}

# True of the code as measured; whoever changes what a finding describes updates it.
FINDINGS = [
    "**The sweep reads only the people due.** Each person carries the next time their hour "
    "comes (`nudges_due_at`, accounts migration 0003); a tick claims the people it has "
    "reached by an index range scan and writes their reminders, so its time follows the "
    "number due rather than the number of people (until then, every tick read everyone: "
    "17.4 s at 100,000 people, and past five minutes at about 1.7 million).",
    "**An index serves the stalled check** "
    "(`planstep_plan_updated` on `plans_planstep (plan_id, updated)`, plans migration 0002): "
    "it reads each claimed plan's latest step change without sorting the plan's steps.",
    "**The plan page and the dashboard are served from a cache when nothing on them has "
    "changed.** Each plan's row carries a `stamp` that triggers move whenever its steps, "
    "check-ins, evidence, reviews or comments are written (`plans/stamps.py`); the page's "
    "body and the dashboard's cards are kept in each gunicorn process under a digest of the "
    "plans' rows and the person's today (`plans/page_cache.py`), so a repeat view is three "
    "queries and a lookup. wrk asks for the same unchanged page again and again, so the "
    'rates above are those of repeat views; the figure "first view after a change" gives '
    "the cost when nothing is cached, measured in-process.",
    "**The plan page is compact rows.** Each step is a title (which opens its actions in a "
    'dialog, or on the step\'s own page without JavaScript), its dates and one "Done" button '
    "in a single form around the list; finished steps are folded; each row's HTML is cached "
    "under a digest of what it shows (`plans/rows.py`); evidence counts are correlated "
    "counts instead of a GROUP BY over steps and milestones. Its HTML went from 105 KB to "
    "28 KB (6.6 KB gzipped, which nginx does in front).",
    "**Database connections are kept for 60 s** (`DB_CONN_MAX_AGE`, with health checks), "
    "so no request pays for a new PostgreSQL connection; the constant page gains most.",
]


def methods(sizes) -> str:
    small, big = sizes.sweep_people
    # Plain replacing, not an f-string: the text names SQL, and the linter takes it for SQL.
    return (
        METHODS.replace("{small}", f"{small:,}")
        .replace("{big}", f"{big:,}")
        .replace("{due}", f"{sizes.sweep_due:,}")
        .replace("{later_steps}", str(sizes.later_steps))
        .replace("{nudges}", f"{sizes.nudges:,}")
        .replace("{page_seconds}", str(sizes.page_seconds))
    )


METHODS = """## What each figure means and how it was measured

The benchmark creates its own PostgreSQL database (`careerplanner_bench`, or
`BENCH_DATABASE_URL`) and uses its own Redis database (number 7, or `BENCH_REDIS_URL`) for the
broker and the cache; it drops and empties both at the end, so the tests' and the
developer's data are never touched. It seeds everything it measures itself. Every process
it starts gets the production settings: `DEBUG=false`, a random `SECRET_KEY`,
`ALLOWED_HOSTS=127.0.0.1`, hashed static files (`STATIC_MANIFEST=true`, after
`collectstatic` into a temporary `VAR_DIR`). All traffic stays on 127.0.0.1.

### Catalog load

`loadguide` on the committed `seeds/`, called in-process, timed with `time.perf_counter()`:
first into the empty catalog of a freshly migrated database, then again, when it must write
nothing (its own count of writes is shown). Baseline: reading and validating the same seed
files with no database (`read_seeds` + `validate`, best of three), which every run does before
it writes; the ratio is what the database work adds.

### Nudge sweep

One tick of the sweep at {small:,} people and again at {big:,}, with the same {due:,} people
due at it both times: the people added for the larger size are not due, as most people are
not at any one tick.

People are seeded in SQL, one statement per table over `generate_series`: each person
has a timezone from a mix of 22 IANA zones weighted towards the Americas, Europe and India
(Lord Howe's half-hour DST included), a nudge hour (9 am for most), a digest day, a few kinds
turned off, a verified address for 49 in 50 (allauth `EmailAddress`), one in 200 no longer
active, and one active plan started up to 300 days ago with steps two weeks apart: 20 steps
for the first {small:,} people, {later_steps} for the people added after them (so the large
database stays a few GB; the people due are among the first and have 20). Most steps whose
date has passed are done, a quarter of them were left open (overdue), the next one or two
are due soon for some, and a third of the plans have a check-in; so every kind of nudge is
found. Each person is filed as if the sweep had been running all along: the first {due:,}
have a zone and hour whose time comes at the tick, 17:00 UTC today (`nudges_due_at` = the
tick); everyone else's `nudges_due_at` is the next time their hour comes after it
(`accounts.nudge_times.next_after`). Before each size's tick the Nudge table is emptied, the
same {due:,} are made due again, and `VACUUM ANALYZE` runs, as autovacuum would have.

The tick, `sweep(now)` with `now` the tick, runs in a fresh child process
(`python -m tests.bench.sweep --child NOW`), after the baseline query has warmed the cache:
- **one tick**: its wall time, with the time spent waiting for PostgreSQL (from
  `CaptureQueriesContext`) and the slowest query, the nudges it wrote by kind, and a second
  tick at the same instant, which must write nothing. For scale, the detail also gives how
  long counting every person takes at that size.
- **baseline** for each tick: the due people's steps read once, `SELECT count(*)` over
  their steps joined to their plans and to them, with nothing decided: what any sweep of
  them must read. It should not grow with the people who are not due either.
- **growth**: the tick at {big:,} people against the tick at {small:,}; the target is at most
  twice as long, and under 10 s. The detail checks that both wrote the same nudges.
- **peak memory**: the child's peak resident set (`VmHWM` in `/proc/self/status`) after the
  tick, at {big:,} people against {small:,}; the detail gives the same figure just before the
  tick (Python, Django, one connection). Not `ru_maxrss`: Linux carries the parent's peak into
  it across the child's `exec`. The work happens inside PostgreSQL, whose memory is bounded
  by its own settings (`work_mem`) and is not counted here.
- **queries**: `CaptureQueriesContext` around the tick; the same count at both sizes.

### Sending

The {nudges} earliest step reminders (due soon first, then overdue) that the
tick at the larger size wrote are made due now; every other row it wrote is marked sent, as history.
An SMTP server (aiosmtpd) runs in a process of its own and counts what arrives.
- **baseline**: the same nudges composed beforehand with `careerplanner.nudges.content.compose`,
  then sent by this process over one SMTP connection (Django's SMTP backend,
  `send_messages`), no database: from opening the connection until the server has the last
  message.
- **measured**: one real worker, `celery -A careerplanner worker --pool=solo`, on the Redis
  broker, with the production batch size (`NUDGE_BATCH_SIZE`, 50) and lease; once it has
  logged that it is ready, this process enqueues `send_due` and times from there until the
  server has received every message. It claims, composes from the database, sends over one
  connection per batch and marks each row sent, as in production. The run checks that every
  row ends sent and that exactly one message arrived per nudge. The detail splits the
  worker's time per message: composing, measured while the baseline's messages were built
  (batch by batch with `prepare`, as the worker does), with its queries.

### Pages

gunicorn as deployed (`careerplanner.wsgi:application` with the project's `gunicorn.conf.py`:
2 processes of 4 threads) on a free port of 127.0.0.1; the benchmark creates a verified
person with a 30-step plan (the longest route plus their own steps, 8 done with hours
logged, one under way) and three more plans, one archived, and a logged-in session for them
in the session table; its cookie goes in wrk's headers. Each page is first fetched once and
must answer 200 with its content (a redirect to the login page would otherwise be measured),
then warmed for a few seconds, then loaded by [wrk](https://github.com/wg/wrk) (Debian's
package; 2 threads, 20 connections, {page_seconds} s each, 10 s timeout) with a small Lua
script (`tests/bench/wrk_report.lua`) that counts every non-2xx response and prints the
percentiles.
- **requests per second**: completed requests over wrk's measured duration. The detail adds
  where the time goes: the same page served 20 times in the benchmark's own process with
  Django's test client (no HTTP, no new connection), with its queries and their time, and
  the size of its HTML, plain and gzipped.
- **p95 latency**: from wrk's latency histogram, at 20 connections; p50 and p99 in the
  detail.
- **errors**: non-2xx responses plus connect, read, write errors and timeouts.
- **baselines**, both in the same gunicorn, loaded the same way in the same run, from
  `tests/bench/views.py`, which only the benchmark's settings mount
  (`tests/bench/settings.py` and `urls.py`; a deployment never serves them):
  - the **constant page** `/bench/constant/`: a constant body behind the same middleware,
    session and login. The targets are set against it: requests per second at least 40 %
    of its own for the plan page and 50 % for the dashboard, p95 at most 3 times its own.
  - a **plain page of the same size** `/bench/comparable/`: the site's layout, one query
    for the person's steps, one template loop with a row per item of the page it stands
    beside (30 for the plan page, 4 for the dashboard), each row padded with plain markup
    until the page is as long, measured in-process beforehand. What the same number of
    rows and bytes cost written the plainest way; for reference, no target.

## Reproduce

With PostgreSQL on 127.0.0.1:5432 (user `postgres`, trusted) and Redis on 127.0.0.1:6379:

```sh
make bench         # full size, writes this file; installs wrk with apt-get if it is missing
make bench-quick   # small sizes in about a minute, writes var/benchmarks-quick.md (CI runs it)
```
"""
