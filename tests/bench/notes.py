"""What each figure means and how it is measured, for docs/benchmarks.md; and, for a target
that a full-size run misses, what limits it (found by reading that run, kept here so that the
next run writes the same explanation)."""

# Added after the measured explanation (Figure.limit) of a missed target: where the fix lies,
# from profiling the code as of the run that wrote docs/benchmarks.md.
LIMITS: dict[str, str] = {
    "plan_rate": (
        "The page is already one form per step (its buttons carry their own action, one CSRF "
        "token), reverses each step action's URL once, and loads the add-step forms only when "
        "opened; what remains is Django's template engine writing about 3.5 KB of labelled, "
        "accessible markup for each of the 30 steps. Since connections are kept "
        "(`DB_CONN_MAX_AGE`), the constant page costs only a couple of milliseconds, so the "
        "ratio fell even as the plan page's own rate rose (17.6 to about 30 requests a second "
        "in these runs). Reaching 40 % would need a page some ten times cheaper to render: "
        "fewer steps shown at once (collapsing finished stages) or caching each step's "
        "rendered block until it changes."
    ),
    "dashboard_rate": (
        "Its one `with_progress` query (step counts and two correlated subqueries per plan) "
        "and its template are the work. Like the plan page, it is measured against a constant "
        "page that became much cheaper once connections were kept, so its ratio fell while "
        "its own rate rose (33 to about 84 requests a second)."
    ),
    "sending_rate": (
        "Profiled in one process, the database is about 1 ms of a message (a batch's data "
        "loaded in two queries, rows marked sent ten at a time); the rest is composing "
        "(rendering three templates, signing the unsubscribe link) and Django's send path "
        "for one message at a time, beside the SMTP exchange that the baseline pays too."
    ),
    "sweep_seconds": (
        "The time grows with the rows written (about 230,000 at 100,000 people, three quarters "
        "of them overdue reminders, one per overdue step), each INSERT checking the foreign "
        "key and updating the Nudge table's indexes."
    ),
}

# True of the code as measured; whoever changes what a finding describes updates it.
FINDINGS = [
    "**The sweep grouped people one by one, now fixed.** `due()` asked for the distinct "
    "timezones without clearing `User`'s ordering by email, so `DISTINCT` returned one row "
    "per person and the Python part of the sweep grew with the number of people (7.3 s of "
    "query building at 100,000 people). It now calls `.order_by()` first and a test checks "
    "that the timezones query returns one row per zone.",
    "**An index was added for the sweep** "
    "(`planstep_plan_updated` on `plans_planstep (plan_id, updated)`, plans migration 0002): "
    "the stalled check reads each plan's latest step change, which without it sorted all "
    "of a plan's steps, twice per candidate plan; at 100,000 people the stalled query went "
    "from about 7 s to 3.5 s.",
    "**Database connections are now kept for 60 s** (`DB_CONN_MAX_AGE`, with health "
    "checks); before, every request opened a new PostgreSQL connection. Every page's "
    "absolute rate rose; the page ratios fell, because the constant baseline gained most.",
]


def methods(sizes) -> str:
    people = " and ".join(f"{n:,}" for n in sizes.sweep_people)
    # Plain replacing, not an f-string: the text names SQL, and the linter takes it for SQL.
    return (
        METHODS.replace("{people}", people)
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

People are seeded in SQL, one statement per table over `generate_series`: each person
has a timezone from a mix of 22 IANA zones weighted towards the Americas, Europe and India
(Lord Howe's half-hour DST included), a nudge hour (9 am for most), a digest day, a few kinds
turned off, a verified address for 49 in 50 (allauth `EmailAddress`), one in 200 no longer
active, and one active plan of
20 steps two weeks apart, started up to 300 days ago. Most steps whose date has passed are
done, a quarter of them were left open (overdue), the next one or two are due soon for some,
and a third of the plans have a check-in; so every kind of nudge is found. Then `VACUUM
ANALYZE`, as autovacuum would have done long before a real sweep.

`sweep(now)` runs with `now` at 17:00 UTC today, in a fresh child process
(`python -m tests.bench.sweep --child NOW`), after one baseline query to warm the cache:
- **seconds**: wall time of the first `sweep(now)` at that size, which writes every nudge
  (the table is emptied before each size); the detail splits it into the time spent waiting
  for PostgreSQL (from `CaptureQueriesContext`) and the rest, in Python, and gives the
  second sweep, which must write nothing.
- **peak memory**: the child's peak resident set (`VmHWM` in `/proc/self/status`) after the
  sweep; the baseline is the same figure just before it (Python, Django, one connection).
  Not `ru_maxrss`: Linux carries the parent's peak into it across the child's `exec`. The
  sweep's work happens inside PostgreSQL, whose memory is bounded by its own settings
  (`work_mem`) and is not counted here.
- **queries**: `CaptureQueriesContext` around the sweep at {people} people. The target is
  that the count does not grow at all with the number of people, so the count per 1,000
  people falls in proportion; the baseline is the count at the smaller size.
- **baseline** for the time: `SELECT count(*)` over every step joined to its plan and owner,
  in the same child: one pass over the data with nothing decided.

### Sending

The {nudges} earliest step reminders (due soon first, then overdue) that the
largest sweep wrote are made due now; every other row it wrote is marked sent, as history.
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

gunicorn as in the Dockerfile (`careerplanner.wsgi:application`, 3 sync workers) on a free
port of 127.0.0.1; the benchmark creates a verified person with a 30-step plan (the longest
route plus their own steps, 8 done with hours logged, one under way) and three more plans,
one archived, and a logged-in session for them in the session table; its cookie goes in
wrk's headers. Each page is first fetched once and must answer 200 with its content (a
redirect to the login page would otherwise be measured), then warmed for a few seconds, then
loaded by [wrk](https://github.com/wg/wrk) (Debian's package; 2 threads, 20 connections,
{page_seconds} s each, 10 s timeout) with a small Lua script (`tests/bench/wrk_report.lua`)
that counts every non-2xx response and prints the percentiles.
- **requests per second**: completed requests over wrk's measured duration. The detail adds
  where the time goes: the same page served 20 times in the benchmark's own process with
  Django's test client (no HTTP, no new connection), with its queries and their time.
- **p95 latency**: from wrk's latency histogram; p50 and p99 in the detail.
- **errors**: non-2xx responses plus connect, read, write errors and timeouts.
- **baseline**: `/bench/constant/` (`careerplanner/bench_views.py`, routed only when
  `BENCHMARK_VIEWS=true`): a constant body behind the same middleware, session and login,
  in the same gunicorn, loaded the same way just before the real pages.

## Reproduce

With PostgreSQL on 127.0.0.1:5432 (user `postgres`, trusted) and Redis on 127.0.0.1:6379:

```sh
make bench         # full size, writes this file; installs wrk with apt-get if it is missing
make bench-quick   # small sizes in about a minute, writes var/benchmarks-quick.md (CI runs it)
```
"""
