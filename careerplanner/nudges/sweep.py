"""The nudge sweep: at each tick, looks at the people whose nudge hour has come since they
were last looked at, and writes one Nudge row for each reminder due to them.

Who: each person carries `nudges_due_at`, the next time their hour comes, in UTC
(accounts/nudge_times.py). An indexed range lookup finds the people it has reached; the
sweep claims them (stamps `nudges_checked_at` with this tick and moves `nudges_due_at` to
their hour tomorrow) and writes their reminders in the same transaction. So a tick costs what
the people due at it cost, however many others there are, and a crash undoes the claim along
with the rows, for the next tick to do again.

What: each kind is one INSERT ... SELECT ... ON CONFLICT DO NOTHING over the claimed people,
so the number of queries does not grow with them either, and a second sweep (or a second
beat) inserts nothing new because of the unique key. "Today" is each person's own: the
claimed people's timezones fall into a few groups that share a local date, and each group
becomes one condition."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import connection, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest
from django.utils import timezone

from careerplanner.accounts import nudge_times
from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.plans.models import CheckIn, Plan, PlanStep
from careerplanner.reviews.models import ReviewRequest

DUE_SOON_DAYS = 3  # "due soon" means the target date is today or within this many days
STALLED_AFTER = timedelta(days=14)
KINDS = (
    Nudge.Kind.DUE_SOON,
    Nudge.Kind.OVERDUE,
    Nudge.Kind.STALLED,
    Nudge.Kind.DIGEST,
    Nudge.Kind.RE_REVIEW,
)


@dataclass(frozen=True)
class LocalDay:
    """What the calendar says, at one instant, in a group of timezones."""

    day: date
    timezones: tuple[str, ...]

    @property
    def week(self) -> str:
        year, week, _ = self.day.isocalendar()
        return f"{year}-W{week:02d}"


def local_days(now: datetime, timezones: list[str]) -> list[LocalDay]:
    groups: dict[date, list[str]] = defaultdict(list)
    for name in timezones:
        groups[nudge_times.local_day(name, now)].append(name)
    return [LocalDay(day, tuple(names)) for day, names in groups.items()]


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Writes the Nudge rows due at `now`; returns how many of each kind were new."""
    now = now or timezone.now()
    with transaction.atomic():
        zones = _claim(now)
        if not zones:
            return dict.fromkeys(KINDS, 0)
        days = local_days(now, zones)
        return {
            Nudge.Kind.DUE_SOON: _insert(Nudge.Kind.DUE_SOON, _due_soon(now, days), now),
            Nudge.Kind.OVERDUE: _insert(Nudge.Kind.OVERDUE, _overdue(now, days), now),
            Nudge.Kind.STALLED: _insert(Nudge.Kind.STALLED, _stalled(now), now),
            Nudge.Kind.DIGEST: _insert(Nudge.Kind.DIGEST, _digest(now, days), now),
            Nudge.Kind.RE_REVIEW: _insert(Nudge.Kind.RE_REVIEW, _re_review(now, days), now),
        }


def _claim(now: datetime) -> list[str]:
    """Claims the people whose hour has come since they were last looked at, and moves each
    one's `nudges_due_at` on; returns the claimed people's timezones.

    Someone whose stored hour passed without a tick (the workers were down overnight, or
    they were never looked at) but whose hour has not yet come today is only moved to it:
    reminders go out at the person's hour, never before it."""
    due = User.objects.filter(nudges_due_at__lte=now).order_by()
    hours = list(due.values_list("timezone", "nudge_hour").distinct())
    come = [(name, hour) for name, hour in hours if nudge_times.has_come(name, hour, now)]
    not_yet = [pair for pair in hours if pair not in come]
    # Both updates name the (timezone, hour) pairs read above: someone whose profile changed
    # meanwhile to other ones is left for the next tick rather than moved unseen.
    if come:
        due.filter(_any_of(come)).update(nudges_checked_at=now, nudges_due_at=_next(come, now))
    if not_yet:
        due.filter(_any_of(not_yet)).update(nudges_due_at=_next(not_yet, now))
    return sorted({name for name, _ in come})


def _any_of(pairs: list[tuple[str, int]]) -> Q:
    """People with any of these (timezone, nudge hour) pairs: one condition an hour."""
    zones_by_hour: dict[int, list[str]] = defaultdict(list)
    for name, hour in pairs:
        zones_by_hour[hour].append(name)
    condition = Q(pk__in=[])
    for hour, names in zones_by_hour.items():
        condition |= Q(nudge_hour=hour, timezone__in=names)
    return condition


def _next(pairs: list[tuple[str, int]], now: datetime) -> Case:
    """Each pair's next hour after `now`; pairs that share it share a branch (most do)."""
    pairs_by_moment: dict[datetime, list[tuple[str, int]]] = defaultdict(list)
    for name, hour in pairs:
        pairs_by_moment[nudge_times.next_after(name, hour, now)].append((name, hour))
    return Case(
        *[When(_any_of(group), then=Value(moment)) for moment, group in pairs_by_moment.items()],
        default=F("nudges_due_at"),
    )


def _reachable(prefix: str, kind: str) -> Q:
    """People who want this kind and can be emailed: active, with a verified address."""
    verified = EmailAddress.objects.filter(user_id=OuterRef(f"{prefix}pk"), verified=True)
    return Q(**{f"{prefix}is_active": True, f"{prefix}{Nudge.PREFERENCE[kind]}": True}) & Q(
        Exists(verified)
    )


def _claimed(prefix: str, now: datetime, days: list[LocalDay], extra) -> Q:
    """The people this tick claimed, and `extra(day)` on their own calendar's today."""
    condition = Q(pk__in=[])
    for day in days:
        condition |= Q(**{f"{prefix}timezone__in": day.timezones}) & extra(day)
    return Q(**{f"{prefix}nudges_checked_at": now}) & condition


def _open_steps():
    return PlanStep.objects.visible().open().filter(plan__archived_at__isnull=True)


def _rows(found, user: str, subject, period):
    """The (user, subject, period) rows that _insert() queues: whom to tell, about what, and
    for which period. The three are the nudge's unique key, so a repeat is queued once."""
    return found.annotate(n_user=F(user), n_subject=subject, n_period=period).values_list(
        "n_user", "n_subject", "n_period"
    )


def _about(kind: str):
    """A subject: "step:" or "plan:" and the row's id."""
    return Concat(Value(f"{kind}:"), Cast("id", models.CharField()))


def _as_text(field: str):
    return Cast(field, models.CharField())


def _step_rows(steps):
    return _rows(steps, "plan__owner_id", _about("step"), _as_text("target_date"))


def _due_soon(now, days):
    within = _claimed(
        "plan__owner__",
        now,
        days,
        lambda d: Q(target_date__range=(d.day, d.day + timedelta(days=DUE_SOON_DAYS))),
    )
    return _step_rows(
        _open_steps().filter(within, _reachable("plan__owner__", Nudge.Kind.DUE_SOON))
    )


def _overdue(now, days):
    late = _claimed("plan__owner__", now, days, lambda d: Q(target_date__lt=d.day))
    return _step_rows(_open_steps().filter(late, _reachable("plan__owner__", Nudge.Kind.OVERDUE)))


def _stalled(now):
    last_step_change = (
        PlanStep.objects.filter(plan=OuterRef("pk")).order_by("-updated").values("updated")[:1]
    )
    last_checkin = (
        CheckIn.objects.filter(plan=OuterRef("pk")).order_by("-created").values("created")[:1]
    )
    plans = (
        Plan.objects.active()
        .annotate(
            last_activity=Greatest(
                F("created"),
                Coalesce(Subquery(last_step_change), F("created")),
                Coalesce(Subquery(last_checkin), F("created")),
            )
        )
        .filter(
            Exists(_open_steps().filter(plan=OuterRef("pk"))),
            _reachable("owner__", Nudge.Kind.STALLED),
            owner__nudges_checked_at=now,
            last_activity__lt=now - STALLED_AFTER,
        )
    )
    # One reminder per stall: the period is when activity stopped.
    return _rows(plans, "owner_id", _about("plan"), _as_text("last_activity"))


def _digest(now, days):
    people = User.objects.filter(
        _claimed("", now, days, lambda d: Q(digest_weekday=d.day.weekday())),
        _reachable("", Nudge.Kind.DIGEST),
        Exists(Plan.objects.active().filter(owner=OuterRef("pk"))),
    )
    week = Case(
        *[When(timezone__in=d.timezones, then=Value(d.week)) for d in days],
        output_field=models.CharField(),
    )
    return _rows(people, "pk", Value(""), week)


def _re_review(now, days):
    """Plans whose look-back date has come on their owner's calendar, unless a review of
    them is already asked for; once per plan and look-back date."""
    plans = Plan.objects.active().filter(
        _claimed("owner__", now, days, lambda d: Q(re_review_due__lte=d.day)),
        _reachable("owner__", Nudge.Kind.RE_REVIEW),
        ~Exists(ReviewRequest.objects.open().filter(plan=OuterRef("pk"))),
    )
    return _rows(plans, "owner_id", _about("plan"), _as_text("re_review_due"))


def _insert(kind: str, rows, now: datetime) -> int:
    """INSERT ... SELECT the (user, subject, period) rows as queued nudges of `kind`."""
    select, params = rows.order_by().query.sql_with_params()
    table = Nudge._meta.db_table
    # Only the table name and the ORM's own SQL are formatted in; values go as parameters.
    columns = "user_id, subject, period, kind, status, due_at, attempts, last_error, claimed_by"
    sql = (
        f"INSERT INTO {table} ({columns}, created_at) "  # noqa: S608
        f"SELECT n.*, %s, %s, %s, 0, '', '', %s FROM ({select}) AS n WHERE 1=1 "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        stamp = connection.ops.adapt_datetimefield_value(now)
        cursor.execute(sql, [kind, Nudge.Status.QUEUED, stamp, stamp, *params])
        return cursor.rowcount
