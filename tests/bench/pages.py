"""Pages under load: gunicorn as in production, wrk at 20 connections, a logged-in person.

Two baselines, both served by the same gunicorn in the same run (tests/bench/views.py): a
constant page behind the same middleware and login, and, for each page, a page of the same
size written the plainest way."""

import gzip
import http.client
import subprocess
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from careerplanner.accounts.models import User
from careerplanner.guide.models import RouteTemplate
from careerplanner.plans import scheduling
from careerplanner.plans.models import PlanStep
from tests.bench.report import Figure
from tests.bench.services import gunicorn, manage

CONNECTIONS = 20
THREADS = 2
PLAN_STEPS = 30
LUA = Path(__file__).with_name("wrk_report.lua")


@dataclass
class Load:
    requests: int
    seconds: float
    errors: int  # non-2xx responses plus connect, read, write errors and timeouts
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def make_planner(today: date) -> tuple[str, str, str]:
    """A verified person with a 30-step plan (a route plus their own steps, some done, some
    hours logged) and three more plans, one archived; returns (session key, plan URL,
    plan title)."""
    user = User.objects.create_user(
        email="bench-pages@example.com", name="Page Bench", timezone="Europe/London"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    routes = list(RouteTemplate.objects.current().annotate(n=Count("steps")).order_by("-n", "slug"))
    start = today - timedelta(days=120)
    plan = scheduling.start_plan(
        user,
        title="Research engineer in 30 steps",
        start_date=start,
        hours_per_week=12,
        route=routes[0],
    )
    have = plan.steps.count()
    PlanStep.objects.bulk_create(
        PlanStep(
            plan=plan,
            stage="skills",
            title=f"My own step {n}",
            position=have + n,
            estimated_hours=Decimal(20),
        )
        for n in range(PLAN_STEPS - have)
    )
    scheduling.schedule_plan(plan)
    steps = list(plan.steps.visible().order_by("position"))
    assert len(steps) == PLAN_STEPS, len(steps)
    for n, step in enumerate(steps[:8]):
        step.log_hours(start + timedelta(days=7 * n), Decimal(3), "Worked on it")
        step.set_status(PlanStep.Status.DONE, start + timedelta(days=7 * n + 3))
    steps[8].set_status(PlanStep.Status.DOING, today)
    for route in routes[1:4]:
        other = scheduling.start_plan(
            user, title=route.title, start_date=today, hours_per_week=5, route=route
        )
    other.archive()

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key, plan.get_absolute_url(), plan.title


@dataclass
class Work:
    """One page served in this process, no HTTP and no new connection: where its time goes."""

    ms: float
    queries: float
    db_ms: float
    kb: float
    gzip_kb: float


def in_process(path: str, session_key: str, repeat: int = 20, cold: bool = False) -> Work:
    """With `cold`, the process's caches of pages and rows are emptied before each request:
    the cost of a first view after a change."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    if client.get(path).status_code != 200:
        raise RuntimeError(f"{path} did not answer 200 in-process")
    emptied = [caches["pages"], caches["rows"]] if cold else []
    with CaptureQueriesContext(connection) as queries:
        seconds = 0.0
        for _ in range(repeat):
            for cache in emptied:
                cache.clear()
            started = time.perf_counter()
            response = client.get(path)
            seconds += time.perf_counter() - started
    db_seconds = sum(float(query["time"]) for query in queries.captured_queries)
    return Work(
        ms=1000 * seconds / repeat,
        queries=len(queries) / repeat,
        db_ms=1000 * db_seconds / repeat,
        kb=len(response.content) / 1024,
        gzip_kb=len(gzip.compress(response.content)) / 1024,
    )


def comparable_path(session_key: str, rows: int, kb: float) -> str:
    """The comparable page with `rows` rows, padded to be `kb` long (each tag of padding
    adds the same bytes)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    bare = len(client.get(f"/bench/comparable/?rows={rows}").content)
    padded = len(client.get(f"/bench/comparable/?rows={rows}&pad=10").content)
    pad = max(0, round((kb * 1024 - bare) / ((padded - bare) / 10)))
    return f"/bench/comparable/?rows={rows}&pad={pad}"


def get(port: int, path: str, cookie: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def wrk(port: int, path: str, cookie: str, seconds: int) -> Load:
    result = subprocess.run(
        [
            "wrk",
            f"--threads={THREADS}",
            f"--connections={CONNECTIONS}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={LUA}",
            f"--header=Cookie: {cookie}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    values = dict(pair.split("=") for pair in line.split()[1:])
    n = {key: int(value) for key, value in values.items()}
    return Load(
        requests=n["requests"],
        seconds=n["duration_us"] / 1e6,
        errors=n["non2xx"] + n["connect"] + n["read"] + n["write"] + n["timeout"],
        p50_ms=n["p50_us"] / 1000,
        p95_ms=n["p95_us"] / 1000,
        p99_ms=n["p99_us"] / 1000,
    )


def run(env: dict[str, str], var_dir: Path, seconds: int, today: date) -> list[Figure]:
    session_key, plan_url, plan_title = make_planner(today)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    manage(env, "collectstatic", "--noinput", "--verbosity=0")
    # A plain page as long as each, with a row for each of its items (steps, plans).
    plain = {
        name: comparable_path(session_key, rows, in_process(path, session_key, 3).kb)
        for name, path, rows in (("plan", plan_url, PLAN_STEPS), ("dashboard", "/plans/", 4))
    }
    # As deployed: gunicorn.conf.py, read from the project folder (2 processes of 4 threads).
    with gunicorn(env, var_dir / "gunicorn.log") as (port, server):
        pages = {
            "constant": ("/bench/constant/", "no queries or templates of ours"),
            "plan": (plan_url, plan_title),
            "plan_comparable": (plain["plan"], "Your steps"),
            "dashboard": ("/plans/", plan_title),
            "dashboard_comparable": (plain["dashboard"], "Your steps"),
        }
        # Each page answers 200 with its content for this cookie: a redirect to the login
        # page would be measured as fast as anything.
        for name, (path, marker) in pages.items():
            status, body = get(port, path, cookie)
            if status != 200 or marker not in body:
                raise RuntimeError(f"{name} page {path}: status {status}, expected content missing")
        for path, _ in pages.values():  # warm every worker's templates and connections
            wrk(port, path, cookie, max(1, seconds // 10))
        loads = {}
        for name, (path, _) in pages.items():
            loads[name] = wrk(port, path, cookie, seconds)
            load = loads[name]
            print(
                f"pages: {name} {path}: {load.per_second:.1f} req/s, p95 {load.p95_ms:.1f} ms, "
                f"{load.errors} errors, {load.requests} requests in {load.seconds:.1f} s"
            )
        server.check_alive()
    work = {name: in_process(path, session_key) for name, (path, _) in pages.items()}
    for name in LABELS:
        work[f"{name}_cold"] = in_process(pages[name][0], session_key, cold=True)
    return figures(loads, work)


LABELS = {"plan": "plan page, 30 steps", "dashboard": "dashboard, 4 plans"}
RATE_TARGETS = {"plan": 0.4, "dashboard": 0.5}  # of the constant page's requests a second
P95_TARGET = 3  # at most this many times the constant page's p95


def figures(loads: dict[str, Load], work: dict[str, Work]) -> list[Figure]:
    base, constant = loads["constant"], work["constant"]
    out = []
    for name, label in LABELS.items():
        load, page = loads[name], work[name]
        plain, plain_page = loads[f"{name}_comparable"], work[f"{name}_comparable"]
        share = RATE_TARGETS[name]
        plain_name = (
            f"a plain Django page as long ({plain_page.kb:.0f} KB) with as many rows: the "
            "site's layout, one query, one loop, padded with plain markup "
            "(`/bench/comparable/`)"
        )
        out += [
            Figure(
                key=f"{name}_rate",
                job="Pages",
                name=f"{label}: requests per second",
                value=load.per_second,
                unit="req/s",
                baseline=base.per_second,
                baseline_name="constant page, same middleware and login",
                target=f"≥ {share:.0%} of baseline",
                met=load.per_second >= share * base.per_second,
                as_share=True,
                detail=f"{load.requests:,} requests in {load.seconds:.0f} s; in-process "
                f"{page.ms:.0f} ms a request ({constant.ms:.0f} ms for the constant page), "
                f"{page.queries:.0f} queries taking {page.db_ms:.0f} ms; {page.kb:.0f} KB of "
                f"HTML, {page.gzip_kb:.1f} KB gzipped",
                limit=f"served in-process (no HTTP, no new connection) the page takes "
                f"{page.ms:.0f} ms against {constant.ms:.0f} ms for the constant page; its "
                f"{page.queries:.0f} queries take {page.db_ms:.0f} ms of that, and the rest is "
                f"Python, mostly templates writing {page.kb:.0f} KB of HTML (a plain page of "
                f"that size takes {plain_page.ms:.0f} ms). gunicorn's processes share two "
                "cores with wrk and PostgreSQL, so that CPU time sets the rate, and the 20 "
                f"connections queue behind it (hence the p95). At {share:.0%} a request may "
                f"cost {1 / share:.1f} times the constant page's; in this run it cost "
                f"{base.per_second / load.per_second:.1f} times.",
            ),
            Figure(
                key=f"{name}_rate_plain",
                job="Pages",
                name=f"{label}: requests per second against a plain page of its size",
                value=load.per_second,
                unit="req/s",
                baseline=plain.per_second,
                baseline_name=plain_name,
                as_share=True,
                detail=f"the plain page: in-process {plain_page.ms:.0f} ms a request, "
                f"{plain_page.queries:.0f} queries; p95 {plain.p95_ms:.1f} ms",
            ),
            Figure(
                key=f"{name}_cold",
                job="Pages",
                name=f"{label}: first view after a change (nothing cached), in-process",
                value=work[f"{name}_cold"].ms,
                unit="ms",
                baseline=page.ms,
                baseline_name="the same page viewed again, nothing changed (as wrk asks for it)",
                detail=f"{work[f'{name}_cold'].queries:.0f} queries taking "
                f"{work[f'{name}_cold'].db_ms:.0f} ms; the constant page: {constant.ms:.1f} ms",
            ),
            Figure(
                key=f"{name}_p95",
                job="Pages",
                name=f"{label}: p95 latency at {CONNECTIONS} connections",
                value=load.p95_ms,
                unit="ms",
                baseline=base.p95_ms,
                baseline_name="constant page",
                target=f"≤ {P95_TARGET} × baseline",
                met=load.p95_ms <= P95_TARGET * base.p95_ms,
                detail=f"p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms; the plain page "
                f"of its size: p95 {plain.p95_ms:.1f} ms",
                limit="the same CPU time per request as its rate says; with 20 connections "
                "waiting, each waits for the requests ahead of it.",
            ),
            Figure(
                key=f"{name}_errors",
                job="Pages",
                name=f"{label}: errors (non-2xx and socket errors)",
                value=load.errors,
                unit="",
                baseline=base.errors,
                baseline_name="constant page",
                target="0",
                met=load.errors == 0 and plain.errors == 0,
            ),
        ]
    return out
